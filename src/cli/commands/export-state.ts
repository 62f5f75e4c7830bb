import { exportDesiredState, toDesiredStateYaml } from '../../config/index.js';
import { DEFAULT_SCHEMA_PATH } from '../../config/yaml-file.js';
import type { Context } from '../types.js';
import { noArguments } from '../positionals.js';

export async function run(context: Context, args: readonly string[]): Promise<void> {
  noArguments(context, args);
  const client = await context.client();
  const state = await exportDesiredState(client, { signal: context.io.signal });
  if (context.format === 'json') {
    context.io.stdout.write(`${JSON.stringify({ $schema: DEFAULT_SCHEMA_PATH, ...state.document }, null, 2)}\n`);
    return;
  }
  context.io.stdout.write(toDesiredStateYaml(state));
}
