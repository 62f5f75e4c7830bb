import { KNOWN_INTEGRATION_STATUSES } from '../../index.js';
import { nearest } from '../../internal/suggest.js';
import type { Context } from '../types.js';
import { UsageError } from '../exit-codes.js';
import { tables } from '../output.js';
import { oneId } from '../positionals.js';

/**
 * The statuses to wait for. A documented status is taken as is; one that matches a documented status only
 * when case is ignored, or is a near miss (`Enabled`, `enabeld`), is a typo — waiting for it would wait
 * until the timeout. Anything else may be a status newer than this CLI: it is waited for, with a note.
 */
function statusesOf(context: Context, raw: string): string[] {
  const statuses = raw.split(',').map((each) => each.trim());
  const known: readonly string[] = KNOWN_INTEGRATION_STATUSES;
  for (const status of statuses) {
    if (status === '') throw new UsageError('--until needs statuses, separated by commas');
    if (known.includes(status)) continue;
    const suggestion = known.find((each) => each.toLowerCase() === status.toLowerCase()) ?? nearest(status, known);
    if (suggestion)
      throw new UsageError(`--until ${status} is not a status Immuta documents: did you mean ${suggestion}?`);
    context.io.stderr.write(`note: ${status} is not a status Immuta documents; waiting for it anyway\n`);
  }
  return statuses;
}

export async function run(context: Context, args: readonly string[]): Promise<void> {
  const id = oneId(context, args);
  const until = typeof context.values.until === 'string' ? statusesOf(context, context.values.until) : ['enabled'];
  const client = await context.client();
  const integration = await client.waitForStatus(id, { ...context.waitOptions(id, until.join(',')), until });
  await context.print(integration, () => tables.integration(integration));
}
