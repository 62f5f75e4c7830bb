/**
 * Keywords whose string literal is a secret: `CREATE USER … PASSWORD '…'` (plain, `md5…` or `sha256…`), and
 * the credentials Redshift's COPY / UNLOAD / CREATE EXTERNAL SCHEMA take inline.
 */
const SECRET_KEYWORDS = [
  'PASSWORD',
  'CREDENTIALS',
  'ACCESS_KEY_ID',
  'SECRET_ACCESS_KEY',
  'SESSION_TOKEN',
  'MASTER_SYMMETRIC_KEY',
];

/** The keyword and what may stand between it and its literal (white space, an optional `=`). */
const SECRET_KEYWORD = new RegExp(
  String.raw`\b(${SECRET_KEYWORDS.join('|')})(\s*(?:=\s*)?)(?=[Ee]?'|\$[A-Za-z_]*\$)`,
  'gi',
);
const DOLLAR_TAG = /\$[A-Za-z_]*\$/y;

/** What a masked literal shows. */
export const MASKED_LITERAL = "'<REDACTED>'";

/** The end (exclusive) of a quoted literal whose opening quote is at `open`, by one reading of backslashes. */
function quotedEnd(text: string, open: number, backslashEscapes: boolean): number {
  let i = open + 1;
  while (i < text.length) {
    const ch = text[i];
    if (backslashEscapes && ch === '\\') i += 2;
    else if (ch === "'" && text[i + 1] === "'") i += 2;
    else if (ch === "'") return i + 1;
    else i += 1;
  }
  return text.length;
}

/**
 * The literal starting at `start` (after the keyword): its end and its content. A quoted literal ends where
 * the later of its two readings ends — backslashes as plain characters (PostgreSQL's default) or as escapes
 * (`E'…'`, and servers that read ordinary literals that way) — so neither reading leaves part of it showing.
 * A literal cut off by the end of the text runs to the end.
 */
function literalAt(text: string, start: number): { end: number; contents: string[] } {
  DOLLAR_TAG.lastIndex = start;
  const tag = DOLLAR_TAG.exec(text)?.[0];
  if (tag !== undefined) {
    const close = text.indexOf(tag, start + tag.length);
    const end = close === -1 ? text.length : close + tag.length;
    return { end, contents: [text.slice(start + tag.length, close === -1 ? text.length : close)] };
  }
  const open = text[start] === "'" ? start : start + 1;
  const plain = quotedEnd(text, open, false);
  const escaped = quotedEnd(text, open, true);
  const inner = (end: number) => text.slice(open + 1, text[end - 1] === "'" && end - 1 > open ? end - 1 : end);
  return { end: Math.max(plain, escaped), contents: [inner(plain), inner(escaped)] };
}

/** Every secret literal in the text: where its keyword starts, where the literal starts and ends, its readings. */
function* secretLiterals(text: string): Generator<{ keywordEnd: number; end: number; contents: string[] }> {
  let from = 0;
  SECRET_KEYWORD.lastIndex = 0;
  for (let match = SECRET_KEYWORD.exec(text); match; match = SECRET_KEYWORD.exec(text)) {
    const keywordEnd = match.index + match[0].length;
    if (match.index < from) continue;
    const { end, contents } = literalAt(text, keywordEnd);
    yield { keywordEnd, end, contents };
    from = end;
    SECRET_KEYWORD.lastIndex = end;
  }
}

/**
 * Masks every secret literal written in SQL text — `PASSWORD 'abc'`, `password 'md5…'`,
 * `PASSWORD 'sha256|…'`, `PASSWORD E'…'`, `PASSWORD $$…$$`, in any case and with `''` escapes inside — as
 * `PASSWORD '<REDACTED>'`, and likewise the inline credentials of COPY and UNLOAD (`CREDENTIALS`,
 * `ACCESS_KEY_ID`, `SECRET_ACCESS_KEY`, `SESSION_TOKEN`, `MASTER_SYMMETRIC_KEY`). `PASSWORD DISABLE` and
 * SQL without such literals come back unchanged.
 *
 * This is for text that is shown (errors, events, logs, output); the SQL sent to the server is never masked.
 * It errs on the side of hiding: where a backslash could end a literal earlier or later, depending on how the
 * server reads backslashes, the later end is taken; a literal that is cut off is masked to its end.
 *
 * @example
 * ```ts
 * maskSqlSecrets("CREATE USER immuta_system PASSWORD 'It''s-s3cret';");
 * // "CREATE USER immuta_system PASSWORD '<REDACTED>';"
 * ```
 *
 * @group SQL
 */
export function maskSqlSecrets(sql: string): string {
  let out = '';
  let last = 0;
  for (const { keywordEnd, end } of secretLiterals(sql)) {
    out += sql.slice(last, keywordEnd) + MASKED_LITERAL;
    last = end;
  }
  return last === 0 ? sql : out + sql.slice(last);
}

/**
 * The values of the secret literals in SQL text (the `abc` of `PASSWORD 'abc'`, with `''` read as `'` and as
 * written, under both readings of backslashes), so a message the server sends about the statement can be
 * scrubbed of them even where it quotes the value without its keyword.
 *
 * @example
 * ```ts
 * secretLiteralsIn("ALTER USER u PASSWORD 'It''s-s3cret'"); // ["It's-s3cret", "It''s-s3cret"]
 * ```
 */
export function secretLiteralsIn(sql: string): string[] {
  const found = new Set<string>();
  for (const { contents } of secretLiterals(sql)) {
    for (const content of contents) {
      if (content === '') continue;
      found.add(content.replace(/''/g, "'"));
      found.add(content);
    }
  }
  return [...found];
}
