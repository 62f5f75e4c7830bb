import { UsageError, type ExitCode } from '../exit-codes.js';
import { runManualCommand } from '../manual-run.js';
import { fileName, noArguments } from '../positionals.js';
import { redshiftRunner } from '../redshift-runner.js';
import type { Context } from '../types.js';

export async function run(context: Context, args: readonly string[]): Promise<ExitCode> {
  noArguments(context, args);
  if (context.values.run !== true) {
    throw new UsageError(
      "setup runs Immuta's scripts in Redshift, then creates the integration: pass --run to do it (see immuta-redshift setup --help)",
    );
  }
  const payload = await context.payload();
  if (payload.autoBootstrap) {
    throw new UsageError(
      'setup --run is manual setup (autoBootstrap: false); for automatic setup use immuta-redshift create -f <file> --wait',
    );
  }
  const client = await context.client();
  const runner = await redshiftRunner(context.values, context.io, payload, context.secret);
  const run = {
    command: 'setup',
    id: undefined,
    file: fileName(context),
    initialDatabase: payload.config.initialDatabase,
  } as const;
  return runManualCommand(context, run, runner, (options) => client.manualSetup(payload).run(options));
}
