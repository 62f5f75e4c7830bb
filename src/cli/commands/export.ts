import { DEFAULT_SCHEMA_PATH, toDesiredStateYaml } from '../../config/yaml-file.js';
import type { Context } from '../context.js';
import { noArguments } from '../positionals.js';

export async function run(context: Context, args: readonly string[]): Promise<void> {
  noArguments(context, args);
  const client = await context.client();
  const state = await client.exportDesiredState({ signal: context.io.signal });
  if (context.format === 'json') {
    context.io.stdout.write(`${JSON.stringify({ $schema: DEFAULT_SCHEMA_PATH, ...state.document }, null, 2)}\n`);
    return;
  }
  context.io.stdout.write(toDesiredStateYaml(state));
}
