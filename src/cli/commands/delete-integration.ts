import { isRedshiftIntegration } from '../../index.js';
import { type ExitCode, UsageError } from '../exit-codes.js';
import { runManualCommand } from '../manual-run.js';
import { fileName, oneId } from '../positionals.js';
import { type ConnectionSource, redshiftRunner } from '../redshift-runner.js';
import type { Context } from '../types.js';

/** `delete <id> --run`: the delete script in Redshift, then the `DELETE` with no body, then the wait. */
async function runManualDelete(context: Context, id: string): Promise<ExitCode> {
  const client = await context.client();
  const integration = await client.get(id, { signal: context.io.signal });
  if (!isRedshiftIntegration(integration) || integration.autoBootstrap !== false) {
    throw new UsageError(
      `delete --run runs a manual integration's delete script; integration ${id} is not a manual Redshift one: delete it with -f <credentials-file>`,
    );
  }
  // The cluster: the payload file's account when given; else the integration's host, with the account from flags
  // or PGUSER/PGPASSWORD (Immuta returns its username and password masked).
  const { host, port, authenticationType } = integration.config as ConnectionSource['config'];
  const source: ConnectionSource =
    context.values.file === undefined
      ? { from: 'integration', config: { host, port, authenticationType } }
      : await context.payload();
  const runner = await redshiftRunner(context.values, context.io, source, context.secret);
  const run = { command: 'delete', id, file: fileName(context) } as const;
  return runManualCommand(context, run, runner, (options) => client.manualDelete(id).run(options));
}

export async function run(context: Context, args: readonly string[]): Promise<ExitCode | undefined> {
  const id = oneId(context, args);
  if (context.values.run === true) return runManualDelete(context, id);
  const credentials = await context.credentials();
  const client = await context.client();
  const operation = await client.delete(id, credentials, { signal: context.io.signal });
  await context.afterWrite(
    operation,
    (options) => client.waitForStatus(id, { ...options, until: 'deleted' }),
    'deleted',
  );
  return undefined;
}
