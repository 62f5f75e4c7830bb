import type { Context } from '../types.js';
import { tables } from '../output.js';
import { oneId } from '../positionals.js';

export async function run(context: Context, args: readonly string[]): Promise<void> {
  const id = oneId(context, args);
  const status = await (await context.client()).getStatus(id, { signal: context.io.signal });
  await context.print(status, () => tables.status(status));
}
