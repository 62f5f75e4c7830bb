import type { Context } from '../types.js';
import { oneId } from '../positionals.js';

export async function run(context: Context, args: readonly string[]): Promise<void> {
  const id = oneId(context, args);
  const payload = await context.payload();
  const client = await context.client();
  const operation = await client.update(id, payload, { signal: context.io.signal });
  await context.afterWrite(operation, (options) => client.waitUntilEnabled(id, options));
}
