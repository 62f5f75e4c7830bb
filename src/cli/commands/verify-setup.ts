import { isRedshiftIntegration, type Integration, type RedshiftIntegrationPayload } from '../../index.js';
import { checksInCliWords } from '../cli-words.js';
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

/** The non-secret settings on which Immuta's integration differs from the payload file, as `field (Immuta → file)`. */
function differences(file: RedshiftIntegrationPayload['config'], immuta: Record<string, unknown>): string[] {
  const impersonation = (immuta.impersonation ?? {}) as { enabled?: unknown; role?: unknown };
  const pairs: [string, unknown, unknown][] = [
    ['port', immuta.port ?? 5439, file.port ?? 5439],
    ['initialDatabase', immuta.initialDatabase, file.initialDatabase],
    ['impersonation.enabled', impersonation.enabled === true, file.impersonation?.enabled === true],
  ];
  if (file.impersonation?.enabled && file.impersonation.role !== undefined && impersonation.role !== undefined) {
    pairs.push(['impersonation.role', impersonation.role, file.impersonation.role]);
  }
  return pairs
    .filter(([, seen, wanted]) => seen !== wanted)
    .map(([field, seen, wanted]) => `${field} (${String(seen)} in Immuta, ${String(wanted)} in the file)`);
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
  const differing = integration
    ? differences(payload.config, (integration.config ?? {}) as Record<string, unknown>)
    : [];
  const immuta = {
    name: 'Immuta: the integration is enabled, its validation tests pass, and it is configured as the file says',
    status:
      integration?.status === 'enabled' && failedTests.length === 0 && differing.length === 0
        ? ('passed' as const)
        : ('failed' as const),
    message:
      integration === undefined
        ? 'no Redshift integration on this host and database in Immuta'
        : `integration ${integration.id} is ${integration.status}${failedTests.length ? `; failed: ${failedTests.map((test) => test.name).join(', ')}` : ''}` +
          (differing.length
            ? `; differs from the file: ${differing.join(', ')} (immuta-redshift update ${integration.id} -f <file> changes it)`
            : ''),
  };
  const validationTests = [...checksInCliWords(cluster).validationTests, immuta];
  const status = validationTests.some((test) => test.status === 'failed') ? 'failed' : 'passed';
  const result = { status, ...(integration && { integrationId: integration.id }), validationTests };
  await context.print(result, () => checksTable(result));
  return status === 'failed' ? EXIT.apiError : EXIT.ok;
}
