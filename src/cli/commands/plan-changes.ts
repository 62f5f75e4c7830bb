import { formatPlan, plan } from '../../config/index.js';
import type { Context } from '../types.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { noArguments } from '../positionals.js';

export async function run(context: Context, args: readonly string[]): Promise<ExitCode> {
  noArguments(context, args);
  const desired = await context.desiredState();
  const client = await context.client();
  const changes = await plan(client, desired, {
    rotateCredentials: context.values['rotate-credentials'] === true,
    signal: context.io.signal,
  });
  await context.print(changes.toJSON(), () => formatPlan(changes));
  return changes.hasChanges ? EXIT.changesPending : EXIT.ok;
}
