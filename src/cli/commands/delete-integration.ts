import type { Context } from '../types.js';
import { oneId } from '../positionals.js';

export async function run(context: Context, args: readonly string[]): Promise<void> {
  const id = oneId(context, args);
  const credentials = await context.credentials();
  const client = await context.client();
  const operation = await client.delete(id, credentials, { signal: context.io.signal });
  await context.afterWrite(
    operation,
    (options) => client.waitForStatus(id, { ...options, until: 'deleted' }),
    'deleted',
  );
}
