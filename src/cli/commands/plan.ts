import { formatPlan } from '../../config/format.js';
import type { Context } from '../context.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { noArguments } from '../positionals.js';

export async function run(context: Context, args: readonly string[]): Promise<ExitCode> {
  noArguments(context, args);
  const desired = await context.desiredState();
  const client = await context.client();
  const plan = await client.plan(desired, {
    rotateCredentials: context.values['rotate-credentials'] === true,
    signal: context.io.signal,
  });
  await context.print(plan.toJSON(), () => formatPlan(plan));
  return plan.hasChanges ? EXIT.changesPending : EXIT.ok;
}
