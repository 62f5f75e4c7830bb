import type { ExitCode } from '../exit-codes.js';
import { runManualCommand } from '../manual-run.js';
import { fileName, oneId } from '../positionals.js';
import { redshiftRunner } from '../redshift-runner.js';
import type { Context } from '../types.js';

export async function run(context: Context, args: readonly string[]): Promise<ExitCode | undefined> {
  const id = oneId(context, args);
  const payload = await context.payload();
  const client = await context.client();
  if (context.values.run === true && !payload.autoBootstrap) {
    // A manual update end to end: the edit script in Redshift, then the update, then the wait.
    const runner = await redshiftRunner(context.values, context.io, payload, context.secret);
    const run = { command: 'update', id, file: fileName(context) } as const;
    return runManualCommand(context, run, runner, (options) => client.manualUpdate(id, payload).run(options));
  }
  const operation = await client.update(id, payload, { signal: context.io.signal });
  await context.afterWrite(operation, (options) => client.waitUntilEnabled(id, options));
  return undefined;
}
