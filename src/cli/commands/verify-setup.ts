import { isRedshiftIntegration, type Integration } from '../../index.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { checksTable } from '../output.js';
import { noArguments } from '../positionals.js';
import { redshiftRunner } from '../redshift-runner.js';
import type { Context } from '../types.js';

/** The tenant's integration for this payload: by `--id`, or the Redshift one on the payload's host and database. */
async function integrationOf(context: Context, host: string, database: string): Promise<Integration | undefined> {
  const client = await context.client();
  const id = typeof context.values.id === 'string' ? context.values.id : undefined;
  if (id !== undefined) return client.get(id, { signal: context.io.signal });
  const all = await client.list({ signal: context.io.signal });
  return all.find(
    (each) =>
      isRedshiftIntegration(each) &&
      each.status !== 'deleted' &&
      each.config?.host?.toLowerCase() === host.toLowerCase() &&
      each.config?.database === database,
  );
}

export async function run(context: Context, args: readonly string[]): Promise<ExitCode> {
  noArguments(context, args);
  const payload = await context.payload();
  const runner = await redshiftRunner(context.values, context.io, payload, context.secret);
  const { verifySetup } = await import('../../redshift/index.js');
  let cluster;
  try {
    const systemUser = typeof context.values['system-user'] === 'string' ? context.values['system-user'] : undefined;
    cluster = await verifySetup(payload, runner, {
      signal: context.io.signal,
      ...(systemUser !== undefined && { systemUser }),
    });
  } finally {
    await runner.close();
  }
  // Immuta's side: the integration is enabled and its own validation tests pass.
  const integration = await integrationOf(context, payload.config.host, payload.config.database);
  const failedTests = (integration?.validationResults?.validationTests ?? []).filter(
    (test) => test.status === 'failed',
  );
  const immuta = {
    name: 'Immuta: the integration is enabled and its validation tests pass',
    status: integration?.status === 'enabled' && failedTests.length === 0 ? ('passed' as const) : ('failed' as const),
    message:
      integration === undefined
        ? 'no Redshift integration on this host and database in Immuta'
        : `integration ${integration.id} is ${integration.status}${failedTests.length ? `; failed: ${failedTests.map((test) => test.name).join(', ')}` : ''}`,
  };
  const validationTests = [...cluster.validationTests, immuta];
  const status = validationTests.some((test) => test.status === 'failed') ? 'failed' : 'passed';
  const result = { status, ...(integration && { integrationId: integration.id }), validationTests };
  await context.print(result, () => checksTable(result));
  return status === 'failed' ? EXIT.apiError : EXIT.ok;
}
