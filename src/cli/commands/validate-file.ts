import { redactPayload } from '../../index.js';
import type { Context } from '../types.js';
import { tables } from '../output.js';
import { noArguments } from '../positionals.js';

export async function run(context: Context, args: readonly string[]): Promise<void> {
  noArguments(context, args);
  if (context.values.credentials) {
    const credentials = await context.credentials();
    const masked = redactPayload(credentials);
    await context.print({ valid: true, credentials: masked }, () =>
      tables.valid({ kind: 'delete credentials', authenticationType: credentials?.authenticationType ?? '' }),
    );
    return;
  }
  const payload = await context.payload();
  await context.print({ valid: true, payload: redactPayload(payload) }, () =>
    tables.valid({
      kind: 'payload',
      host: payload.config.host,
      authenticationType: payload.config.authenticationType,
      autoBootstrap: payload.autoBootstrap,
    }),
  );
}
