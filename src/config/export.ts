import { isRedshiftIntegration, type RedshiftIntegration, type RedshiftIntegrationClient } from '../index.js';
import type { DesiredIntegration } from './file-schema.js';
import { entryNames, envStem } from './naming.js';
import { DesiredState } from './state.js';
import type { ExportOptions } from './types.js';

/**
 * A tenant's text as a literal of the file: every `${` written `$${`, so no value a tenant holds can become a
 * reference — which would make apply read a file or variable of the machine it runs on and send it back.
 */
function literal<T extends string | undefined>(text: T): T {
  return (text === undefined ? text : text.replaceAll('${', () => '$${')) as T;
}

/** A Redshift integration as an entry: its non-secret fields as literals, each credential an `${env:…}` reference. */
function entryOf(integration: RedshiftIntegration, name: string): DesiredIntegration | undefined {
  const config = integration.config ?? {};
  const stem = envStem(name);
  const { host, port, database, initialDatabase, impersonation, authenticationType } = config;
  if (host === undefined || database === undefined || initialDatabase === undefined) return undefined;
  const connection = {
    host: literal(host),
    ...(port !== undefined && { port }),
    database: literal(database),
    initialDatabase: literal(initialDatabase),
    ...(impersonation !== undefined && {
      impersonation: impersonation.enabled
        ? { enabled: true as const, ...(impersonation.role !== undefined && { role: literal(impersonation.role) }) }
        : { enabled: false as const },
    }),
  };
  const autoBootstrap = integration.autoBootstrap ?? true;
  if (authenticationType === 'userPassword') {
    return {
      autoBootstrap,
      config: {
        ...connection,
        authenticationType,
        username: `\${env:${stem}_USERNAME}`,
        password: `\${env:${stem}_PASSWORD}`,
      },
    };
  }
  if (authenticationType === 'okta' && config.okta) {
    const { appId, idpHost, role } = config.okta;
    if (appId === undefined || idpHost === undefined || role === undefined) return undefined;
    return {
      autoBootstrap,
      config: {
        ...connection,
        authenticationType,
        okta: {
          username: `\${env:${stem}_OKTA_USERNAME}`,
          password: `\${env:${stem}_OKTA_PASSWORD}`,
          appId: literal(appId),
          idpHost: literal(idpHost),
          role: literal(role),
        },
      },
    };
  }
  return undefined;
}

/**
 * Reads every Redshift integration on the tenant as a desired state, pinned to that tenant (its `tenant`): one
 * entry per integration, named after its host (stable, unique), each masked credential replaced by an
 * `${env:…}` reference named after the entry (`ANALYTICS_ABC123_…_PASSWORD`), every other value written as a
 * literal. Write it with `toDesiredStateYaml`; set those variables and load the file, and a plan of it has no
 * changes. An integration that cannot be an entry (a field missing, an authentication type this SDK does not
 * model) is left out, and the client's logger says so.
 *
 * @throws {@link immuta-redshift!ImmutaApiError | ImmutaApiError}, … when the tenant cannot be read.
 *
 * @example
 * ```ts
 * import { exportDesiredState, toDesiredStateYaml } from 'immuta-redshift/config';
 *
 * await writeFile('desired.yaml', toDesiredStateYaml(await exportDesiredState(client)));
 * ```
 *
 * @group Export
 */
export async function exportDesiredState(
  client: RedshiftIntegrationClient,
  options: ExportOptions = {},
): Promise<DesiredState> {
  const signal = options?.signal;
  const listed = await client.list(signal === undefined ? {} : { signal });
  const redshift = listed.filter(
    (each): each is RedshiftIntegration => isRedshiftIntegration(each) && each.status !== 'deleted',
  );
  const names = entryNames(redshift.map((each) => each.config));
  const integrations: Record<string, DesiredIntegration> = {};
  const order = redshift.map((integration, i) => ({ integration, name: names[i] ?? integration.id }));
  order.sort((a, b) => a.name.localeCompare(b.name));
  for (const { integration, name } of order) {
    const entry = entryOf(integration, name);
    if (entry) integrations[name] = entry;
    else {
      client.log.warn(
        `integration ${client.redactSecrets(integration.id)} was not exported: its config lacks a field an entry needs, or uses an authentication type this SDK does not model`,
        { id: integration.id },
      );
    }
  }
  return new DesiredState({ tenant: client.baseUrl.replace(/\/$/, ''), integrations });
}
