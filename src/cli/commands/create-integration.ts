import type { Context } from '../types.js';
import { noArguments } from '../positionals.js';

export async function run(context: Context, args: readonly string[]): Promise<void> {
  noArguments(context, args);
  const payload = await context.payload();
  const client = await context.client();
  const operation = await client.create(payload, { signal: context.io.signal });
  await context.afterWrite(operation, (options) => client.waitUntilEnabled(operation.id, options));
}
