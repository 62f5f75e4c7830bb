/**
 * Quotes a name as a SQL identifier — `"name"`, inner `"` doubled — so any user input (a payload's database
 * name, a role) is read as one name and never as SQL. Quoted identifiers keep their case in PostgreSQL; Redshift
 * folds them to lower case unless `enable_case_sensitive_identifier` is on.
 *
 * @example
 * ```ts
 * `CREATE DATABASE ${quoteIdentifier('my "db"')}`; // CREATE DATABASE "my ""db"""
 * ```
 *
 * @group SQL
 */
export function quoteIdentifier(name: string): string {
  return `"${String(name).replace(/"/g, '""')}"`;
}

/**
 * Quotes text as a SQL string literal — `'text'`, inner `'` doubled. A backslash is written as is, which is
 * right where ordinary literals take backslashes literally (PostgreSQL's default).
 *
 * @example
 * ```ts
 * `COMMENT ON DATABASE x IS ${quoteLiteral("Immuta's")}`; // … IS 'Immuta''s'
 * ```
 *
 * @group SQL
 */
export function quoteLiteral(text: string): string {
  return `'${String(text).replace(/'/g, "''")}'`;
}
