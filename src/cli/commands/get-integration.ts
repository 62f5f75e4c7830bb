import type { Context } from '../types.js';
import { tables } from '../output.js';
import { oneId } from '../positionals.js';

export async function run(context: Context, args: readonly string[]): Promise<void> {
  const id = oneId(context, args);
  const integration = await (await context.client()).get(id, { signal: context.io.signal });
  await context.print(integration, () => tables.integration(integration));
}
