import { isIdentifierChar, scanSql } from './lexer.js';
import type { QueryParameter } from './runner.js';

/** A named parameter as the Data API takes it: every value is text, cast by Redshift. */
export interface NamedParameter {
  readonly name: string;
  readonly value: string;
}

/**
 * @internal Rewrites `$1`, `$2`, … placeholders (in code only: never inside quotes, dollar quotes or comments)
 * to the Data API's `:p1`, `:p2`, …, with the values as text. A `null` is written as `NULL` in place, since the
 * Data API's parameters cannot carry one.
 */
export function toNamedParameters(
  sql: string,
  params: readonly QueryParameter[],
): { sql: string; parameters: NamedParameter[] } {
  if (params.length === 0) return { sql, parameters: [] };
  const used = new Set<number>();
  let out = '';
  for (const region of scanSql(sql)) {
    const text = sql.slice(region.start, region.end);
    if (region.kind !== 'code') {
      out += text;
      continue;
    }
    out += text.replace(/\$(\d+)/g, (match, digits: string, offset: number) => {
      if (isIdentifierChar(sql[region.start + offset - 1])) return match;
      const index = Number(digits);
      const value = params[index - 1];
      if (value === undefined) return match;
      if (value === null) return 'NULL';
      used.add(index);
      return `:p${index}`;
    });
  }
  const parameters = [...used]
    .sort((a, b) => a - b)
    .map((index) => ({ name: `p${index}`, value: String(params[index - 1]) }));
  return { sql: out, parameters };
}
