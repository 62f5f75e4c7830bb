import { ManualRunError } from '../../index.js';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.js';
import { tables } from '../output.js';
import { noArguments } from '../positionals.js';
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
  const setup = client.manualSetup(payload);
  try {
    const integration = await setup.run({
      redshift: runner,
      ...context.waitOptions('(new)'),
      onStage: ({ stage, database }) =>
        context.io.stderr.write(`setup: ${stage}${database === undefined ? '' : ` (in database ${database})`}\n`),
    });
    await context.print(integration, () => tables.integration(integration));
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ManualRunError)) throw error;
    context.endProgress();
    // Where it stopped and what to run next, on stdout as a result (-o json: the object), and the cause on stderr.
    const result = {
      ok: false,
      stoppedAt: error.stoppedAt,
      ...(error.integrationId !== undefined && { integrationId: error.integrationId }),
      next: error.next,
      error: error.toJSON(),
    };
    await context.print(result, () => `setup stopped at ${error.stoppedAt}\nnext: ${error.next}\n`);
    context.io.stderr.write(`error: ${(error.cause as Error | undefined)?.message ?? error.message}\n`);
    return EXIT.apiError;
  } finally {
    await runner.close();
  }
}
