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

/**
 * The keyword, optional `=`, then a literal: `'…'` (with `''`, and with `\'` too, so a server that takes
 * backslash escapes cannot leave a tail of the secret showing), `E'…'`, or `$tag$…$tag$`. A literal cut off
 * by the end of the text (a truncated message) is masked to the end.
 */
const SECRET_LITERAL = new RegExp(
  String.raw`\b(${SECRET_KEYWORDS.join('|')})(\s*(?:=\s*)?)(?:[Ee]?'((?:[^'\\]|\\[\s\S]|'')*)(?:'|$)|(\$[A-Za-z_]*\$)([\s\S]*?)(?:\4|$))`,
  'gi',
);

/** What a masked literal shows. */
export const MASKED_LITERAL = "'<REDACTED>'";

/**
 * Masks every secret literal written in SQL text — `PASSWORD 'abc'`, `password 'md5…'`,
 * `PASSWORD 'sha256|…'`, `PASSWORD E'…'`, `PASSWORD $$…$$`, in any case and with `''` escapes inside — as
 * `PASSWORD '<REDACTED>'`, and likewise the inline credentials of COPY and UNLOAD (`CREDENTIALS`,
 * `ACCESS_KEY_ID`, `SECRET_ACCESS_KEY`, `SESSION_TOKEN`, `MASTER_SYMMETRIC_KEY`). `PASSWORD DISABLE` and
 * SQL without such literals come back unchanged.
 *
 * This is for text that is shown (errors, events, logs, output); the SQL sent to the server is never masked.
 * It errs on the side of hiding: a literal that is cut off, or that a backslash seems to continue, is
 * masked to its end.
 *
 * @example
 * ```ts
 * maskSqlSecrets("CREATE USER immuta_system PASSWORD 'It''s-s3cret';");
 * // "CREATE USER immuta_system PASSWORD '<REDACTED>';"
 * ```
 */
export function maskSqlSecrets(sql: string): string {
  return sql.replace(
    SECRET_LITERAL,
    (_match, keyword: string, between: string) => `${keyword}${between}${MASKED_LITERAL}`,
  );
}

/**
 * The values of the secret literals in SQL text (the `abc` of `PASSWORD 'abc'`, `''` read as `'`), so a
 * message the server sends about the statement can be scrubbed of them even where it quotes the value
 * without its keyword.
 *
 * @example
 * ```ts
 * secretLiteralsIn("ALTER USER u PASSWORD 'It''s-s3cret'"); // ["It's-s3cret"]
 * ```
 */
export function secretLiteralsIn(sql: string): string[] {
  const found: string[] = [];
  for (const match of sql.matchAll(SECRET_LITERAL)) {
    const quoted = match[3];
    const dollar = match[5];
    if (quoted !== undefined && quoted !== '') found.push(quoted.replace(/''/g, "'"), quoted);
    if (dollar !== undefined && dollar !== '') found.push(dollar);
  }
  return [...new Set(found)];
}
