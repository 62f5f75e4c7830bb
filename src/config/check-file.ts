import { PayloadValidationError, type ValidationIssue } from '../index.js';
import type { DesiredStateDocument } from './file-schema.js';
import { integrationKey } from './key.js';
import { checkedDocument, parseWithHints } from './load.js';
import { referencesIn } from './references.js';

/**
 * Checks a desired-state file offline — nothing read from the environment, no file opened, nothing sent: its
 * syntax, its schema (every problem, with a did-you-mean for a misspelt key), the syntax of every `${…}`
 * reference, and that no two entries share a key (type, host, port, database) where those fields are written out.
 * What it cannot check without the references' values — the values themselves — `loadDesiredState` checks.
 *
 * @throws {@link immuta-redshift!PayloadValidationError | PayloadValidationError} (subject `desired state`)
 * listing every problem with its path, never a value.
 *
 * @example
 * ```ts
 * import { checkDesiredState } from 'immuta-redshift/config';
 *
 * const document = checkDesiredState(await readFile('desired.yaml', 'utf8')); // throws listing every problem
 * console.log(Object.keys(document.integrations));
 * ```
 *
 * @group Desired state
 */
export function checkDesiredState(text: string | Uint8Array): DesiredStateDocument {
  const source = typeof text === 'string' ? text : new TextDecoder().decode(text);
  const parsed = parseWithHints(source);
  // The schema and every reference's syntax, in one pass.
  const document = checkedDocument(parsed);
  const issues: ValidationIssue[] = [];
  const byKey = new Map<string, string>();
  for (const [name, entry] of Object.entries(document.integrations)) {
    const { host, port, database } = entry.config;
    if ([host, database].some((field) => referencesIn(field).length > 0)) continue;
    const key = integrationKey({ host, port, database });
    const clash = byKey.get(key);
    if (clash === undefined) byKey.set(key, name);
    else {
      issues.push({
        path: `integrations.${name}`,
        message: `has the same key as ${clash}: one entry per type, host, port and database`,
      });
    }
  }
  if (issues.length > 0) throw new PayloadValidationError(issues, 'desired state');
  return document;
}
