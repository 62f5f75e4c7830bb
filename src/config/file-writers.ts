import { toYaml } from '../yaml/yaml-text.js';
import type { DesiredStateDocument } from './file-schema.js';
import { isVariableName, referencesIn } from './references.js';
import type { DesiredState } from './state.js';

/** Where the JSON Schema of the file is, seen from a file next to `node_modules`: the default of the schema comment. */
export const DEFAULT_SCHEMA_PATH = './node_modules/immuta-redshift/dist/schemas/desired-state.schema.json';

/**
 * Options of {@link toDesiredStateYaml} and {@link toDesiredStateJson}.
 *
 * @group Export
 */
export interface DesiredStateYamlOptions {
  /**
   * Where editors find the JSON Schema, for the `# yaml-language-server: $schema=…` comment. Default
   * `./node_modules/immuta-redshift/dist/schemas/desired-state.schema.json`, right for a file next to `node_modules`.
   */
  schema?: string;
}

/** The environment variables a state's references name, in order of appearance. */
export function referencedVariables(document: DesiredStateDocument): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    // Only names a variable can have: no text of a tenant's reaches the header's comment lines.
    if (typeof node === 'string') {
      for (const { kind, target } of referencesIn(node))
        if (kind === 'env' && isVariableName(target)) names.add(target);
    } else if (typeof node === 'object' && node !== null) Object.values(node).forEach(walk);
  };
  walk(document.integrations);
  return [...names];
}

/**
 * Writes a desired state as a YAML file: the schema comment editors read, a list of the environment variables
 * its references need, then the entries. `${env:…}` references stay as they are: the file holds no secret.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { exportDesiredState, toDesiredStateYaml } from 'immuta-redshift/config';
 *
 * await writeFile('desired.yaml', toDesiredStateYaml(await exportDesiredState(client)));
 * ```
 *
 * @group Export
 */
export function toDesiredStateYaml(state: DesiredState, options: DesiredStateYamlOptions = {}): string {
  const { $schema: _schema, $comment: _comment, ...document } = state.document;
  const variables = referencedVariables(state.document);
  const header = [
    `# yaml-language-server: $schema=${options.schema ?? DEFAULT_SCHEMA_PATH}`,
    ...(variables.length > 0
      ? ['# Set these environment variables before plan or apply:', ...variables.map((name) => `#   ${name}`)]
      : []),
  ];
  const body = Object.keys(document.integrations).length === 0 ? 'integrations: {}\n' : toYaml(document);
  return `${header.join('\n')}\n${body}`;
}

/**
 * Writes a desired state as a JSON file: `$schema` for editors, `$comment` listing the environment variables its
 * references need (JSON has no comments; the loader ignores both keys), then the document. The same file as
 * {@link toDesiredStateYaml} writes, in JSON.
 *
 * @example
 * ```ts
 * await writeFile('desired.json', toDesiredStateJson(await exportDesiredState(client)));
 * ```
 *
 * @group Export
 */
export function toDesiredStateJson(state: DesiredState, options: DesiredStateYamlOptions = {}): string {
  const { $schema: _schema, $comment: _comment, ...document } = state.document;
  const variables = referencedVariables(state.document);
  return `${JSON.stringify(
    {
      $schema: options.schema ?? DEFAULT_SCHEMA_PATH,
      ...(variables.length > 0 && {
        $comment: `Set these environment variables before plan or apply: ${variables.join(', ')}`,
      }),
      ...document,
    },
    null,
    2,
  )}\n`;
}
