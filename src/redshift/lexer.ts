/**
 * The one SQL lexer of the cluster side: it tells code from quoted text and comments, which is all that
 * splitting a script and rewriting parameters need. It is deliberately not a parser: Redshift accepts
 * syntax no PostgreSQL parser knows (`PASSWORD DISABLE`, `DISTKEY`, `plpythonu` options), and none of it
 * matters to where a statement ends.
 */

/** What a stretch of a script is. */
export type SqlRegionKind =
  'code' | 'string' | 'escape-string' | 'quoted-identifier' | 'dollar-quoted' | 'line-comment' | 'block-comment';

/** A stretch of a script, `sql.slice(start, end)`. Regions are contiguous and cover the whole script. */
export interface SqlRegion {
  /** What the stretch is. */
  readonly kind: SqlRegionKind;
  /** Offset of its first character. */
  readonly start: number;
  /** Offset just past its last character (its closing delimiter included). */
  readonly end: number;
  /** True when the script ends before the closing delimiter (`'`, `"`, `$tag$`, `*\/`). */
  readonly unterminated: boolean;
}

/**
 * How string literals are read.
 *
 * @group SQL
 */
export interface LexOptions {
  /**
   * Whether ordinary `'…'` literals treat a backslash as a plain character, as PostgreSQL does by default
   * since 9.1 (`standard_conforming_strings = on`). Default `true`. Set `false` for a server where `\'`
   * escapes a quote inside an ordinary literal (older PostgreSQL settings; possibly Redshift, whose docs
   * double backslashes in LIKE patterns). `E'…'` literals always take backslash escapes.
   */
  standardConformingStrings?: boolean;
}

const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/** Whether a character may continue an identifier: then a `$` or `E'` right after it starts nothing. */
export function isIdentifierChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_$\u0080-\uffff]/.test(ch);
}

/** The end (exclusive) of a quoted run opened at `open`, where `quote` doubled is a literal quote. */
function quotedEnd(sql: string, open: number, quote: string, backslashEscapes: boolean): number | undefined {
  let i = open + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslashEscapes && ch === '\\') {
      i += 2;
    } else if (ch === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return undefined;
}

/** The end (exclusive) of a block comment opened at `open`; PostgreSQL nests them. */
function blockCommentEnd(sql: string, open: number): number | undefined {
  let depth = 0;
  let i = open;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth += 1;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  return undefined;
}

/**
 * Cuts a script into code, quoted text and comments, in order. Understands `'…'` (with `''`), `E'…'`
 * (backslash escapes), `"identifiers"` (with `""`), `$$ … $$` and `$tag$ … $tag$`, `--` comments and nested
 * `/* *\/` comments. Never throws: a region the script never closes runs to the end with `unterminated: true`.
 *
 * @example
 * ```ts
 * scanSql("SELECT ';' -- done").map((region) => region.kind); // ['code', 'string', 'code', 'line-comment']
 * ```
 */
export function scanSql(sql: string, options: LexOptions = {}): SqlRegion[] {
  const standard = options.standardConformingStrings ?? true;
  const regions: SqlRegion[] = [];
  let codeStart = 0;
  let i = 0;
  const push = (kind: SqlRegionKind, start: number, end: number | undefined) => {
    if (start > codeStart) regions.push({ kind: 'code', start: codeStart, end: start, unterminated: false });
    regions.push({ kind, start, end: end ?? sql.length, unterminated: end === undefined });
    codeStart = end ?? sql.length;
    i = codeStart;
  };
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === '-' && next === '-') {
      const newline = sql.indexOf('\n', i);
      // A line comment ends at the line break, which stays code: it separates what follows.
      const end = newline === -1 ? sql.length : newline;
      push('line-comment', i, end);
      if (newline === -1) break;
    } else if (ch === '/' && next === '*') {
      push('block-comment', i, blockCommentEnd(sql, i));
    } else if (ch === "'") {
      push(standard ? 'string' : 'escape-string', i, quotedEnd(sql, i, "'", !standard));
    } else if ((ch === 'E' || ch === 'e') && next === "'" && !isIdentifierChar(sql[i - 1])) {
      push('escape-string', i, quotedEnd(sql, i + 1, "'", true));
    } else if (ch === '"') {
      push('quoted-identifier', i, quotedEnd(sql, i, '"', false));
    } else if (ch === '$' && !isIdentifierChar(sql[i - 1])) {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(sql)?.[0];
      if (tag === undefined) {
        i += 1;
      } else {
        const close = sql.indexOf(tag, i + tag.length);
        push('dollar-quoted', i, close === -1 ? undefined : close + tag.length);
      }
    } else {
      i += 1;
    }
  }
  if (codeStart < sql.length) regions.push({ kind: 'code', start: codeStart, end: sql.length, unterminated: false });
  return regions;
}
