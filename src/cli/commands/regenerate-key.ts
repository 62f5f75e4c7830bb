import type { Context } from '../types.js';
import { tables } from '../output.js';
import { oneId } from '../positionals.js';

export async function run(context: Context, args: readonly string[]): Promise<void> {
  const id = oneId(context, args);
  const result = await (await context.client()).regenerateApiKey(id, { signal: context.io.signal });
  await context.print(result, () => tables.status({ id: result.id ?? id, status: 'regenerated' }));
}
