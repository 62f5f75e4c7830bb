import type { Context } from '../types.js';
import { UsageError } from '../exit-codes.js';
import { noArguments } from '../positionals.js';

function wholeNumber(context: Context, name: 'port' | 'settle-ms' | 'token-ttl-ms', max: number): number | undefined {
  const raw = context.values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new UsageError(`--${name} must be a whole number from 0 to ${max}`);
  return value;
}

export async function run(context: Context, args: readonly string[]): Promise<void> {
  noArguments(context, args);
  const port = wholeNumber(context, 'port', 65535) ?? 0;
  const settleMs = wholeNumber(context, 'settle-ms', 2 ** 31 - 1);
  const tokenTtlMs = wholeNumber(context, 'token-ttl-ms', 2 ** 31 - 1);
  const apiKey = context.values['require-api-key'];
  const basePath = context.values['base-path'];
  const { startFakeImmutaServer } = await import('../../testing/index.js');
  const { clock } = context.io;
  const server = await startFakeImmutaServer({
    port,
    // Settling by time follows the CLI's clock: a virtual one in tests.
    ...(clock && { now: () => clock.now() }),
    ...(typeof apiKey === 'string' && { apiKey }),
    ...(settleMs !== undefined && { settle: { ms: settleMs } }),
    ...(tokenTtlMs !== undefined && { tokenTtlMs }),
    ...(typeof basePath === 'string' && { basePath }),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new UsageError(`port ${port} is in use: choose another with --port, or --port 0 for a free one`);
    }
    throw new UsageError(
      `cannot listen on 127.0.0.1 port ${port} (${error.code ?? 'error'}): choose another with --port`,
    );
  });
  if (context.values['fail-next-creation']) server.fake.fail({ kind: 'creation' });
  context.io.stdout.write(`${server.url}\n`);
  context.io.stderr.write(`fake Immuta listening on ${server.url}; Ctrl-C stops it\n`);
  await new Promise<void>((resolve) => {
    if (context.io.signal.aborted) resolve();
    context.io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
}
