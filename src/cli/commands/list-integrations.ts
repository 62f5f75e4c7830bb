import type { Context } from '../types.js';
import { tables } from '../output.js';
import { noArguments } from '../positionals.js';

export async function run(context: Context, args: readonly string[]): Promise<void> {
  noArguments(context, args);
  const integrations = await (await context.client()).list({ signal: context.io.signal });
  await context.print(integrations, () => tables.integrations(integrations));
}
