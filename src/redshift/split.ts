import { ScriptSyntaxError } from '../errors/redshift.js';
import { type LexOptions, scanSql } from './lexer.js';

/**
 * One statement of a script.
 *
 * @group SQL
 */
export interface SqlStatement {
  /**
   * The statement as written, from its first token to its last, without the `;` that ends it. Comments
   * before its first token are left out; comments inside it are kept. This is the exact text sent to the
   * server.
   */
  readonly text: string;
  /** Its 1-based position in the script. */
  readonly index: number;
  /** The 1-based line its first token is on (lines end at `\n`). */
  readonly line: number;
  /** Offset of its first character in the script: `script.slice(start, end) === text`. */
  readonly start: number;
  /** Offset just past its last character. */
  readonly end: number;
}

/**
 * How a script is read; see {@link LexOptions}.
 *
 * @group SQL
 */
export type SplitOptions = LexOptions;

/**
 * Splits a SQL script into its statements at every `;` that is code: not inside `'…'` (with `''`), `E'…'`
 * (with backslash escapes), `"identifiers"`, `$$ … $$` / `$tag$ … $tag$` bodies, `--` comments or nested
 * `/* *\/` comments. Empty statements (`;;`) and a tail of comments are dropped.
 *
 * Each statement must then run on its own: `CREATE DATABASE` and `DROP DATABASE` cannot run in a
 * transaction, and a multi-statement string sent at once runs as one.
 *
 * @throws {@link ScriptSyntaxError} when a quote, dollar-quoted body or block comment is never closed: where
 * its statement ends cannot be told, so nothing should run.
 *
 * @example
 * ```ts
 * splitSqlScript('CREATE DATABASE immuta;\nCREATE SCHEMA s; -- done').map(({ text, line }) => [line, text]);
 * // [[1, 'CREATE DATABASE immuta'], [2, 'CREATE SCHEMA s']]
 * ```
 *
 * @group SQL
 */
export function splitSqlScript(sql: string, options: SplitOptions = {}): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let first: number | undefined;
  let last = 0;
  let counted = 0;
  let line = 1;
  const lineAt = (offset: number): number => {
    for (let i = sql.indexOf('\n', counted); i !== -1 && i < offset; i = sql.indexOf('\n', i + 1)) line += 1;
    counted = Math.max(counted, offset);
    return line;
  };
  const close = () => {
    if (first !== undefined) {
      statements.push({
        text: sql.slice(first, last),
        index: statements.length + 1,
        line: lineAt(first),
        start: first,
        end: last,
      });
    }
    first = undefined;
  };
  for (const region of scanSql(sql, options)) {
    if (region.unterminated && region.kind !== 'line-comment') {
      throw new ScriptSyntaxError({ line: lineAt(region.start), construct: region.kind });
    }
    if (region.kind === 'line-comment' || region.kind === 'block-comment') continue;
    if (region.kind !== 'code') {
      first ??= region.start;
      last = region.end;
      continue;
    }
    for (let i = region.start; i < region.end; i += 1) {
      const ch = sql[i] as string;
      if (ch === ';') close();
      else if (!/\s/.test(ch)) {
        first ??= i;
        last = i + 1;
      }
    }
  }
  close();
  return statements;
}
