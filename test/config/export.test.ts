import { describe, expect, it } from 'vitest';
import {
  apply,
  exportDesiredState,
  formatPlan,
  loadDesiredState,
  plan,
  toDesiredStateYaml,
} from '../../src/config/index.js';
import { ConfigurationError } from '../../src/index.js';
import { entry, file, useTenant } from './support.js';

const tenant = useTenant();

describe('exportDesiredState', () => {
  it('round-trips: export → file → load with its variables set → a plan with no changes', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'), entry('manual', { autoBootstrap: false }))), {
      ...tenant.fast,
      runScript: () => undefined,
    });
    // Okta, impersonation and a port of its own: every field an entry can carry.
    await tenant.client.createAndWait(
      {
        type: 'Redshift',
        autoBootstrap: true,
        config: {
          host: 'okta.abc123.us-east-1.redshift.amazonaws.com',
          port: 5440,
          database: 'other',
          initialDatabase: 'dev',
          authenticationType: 'okta',
          okta: { username: 'u', password: 'p', appId: 'Okta', idpHost: 'org.okta.com', role: 'admin' },
          impersonation: { enabled: true, role: 'immuta_impersonation' },
        },
      },
      { minDelayMs: 5 },
    );

    const exported = await exportDesiredState(tenant.client);
    const yaml = toDesiredStateYaml(exported);
    expect(yaml.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./node_modules/immuta-redshift/dist/schemas/desired-state.schema.json',
    );
    expect(yaml).toContain('password: ${env:ANALYTICS_ABC123_US_EAST_1_REDSHIFT_AMAZONAWS_COM_PASSWORD}');
    expect(yaml).not.toContain('REDACTED');
    expect(exported.names).toEqual([
      'analytics-abc123-us-east-1-redshift-amazonaws-com',
      'manual-abc123-us-east-1-redshift-amazonaws-com',
      'okta-abc123-us-east-1-redshift-amazonaws-com',
    ]);
    expect(exported.document.integrations['okta-abc123-us-east-1-redshift-amazonaws-com']?.config).toMatchObject({
      port: 5440,
      impersonation: { enabled: true, role: 'immuta_impersonation' },
      okta: { username: '${env:OKTA_ABC123_US_EAST_1_REDSHIFT_AMAZONAWS_COM_OKTA_USERNAME}', appId: 'Okta' },
    });
    expect(exported.resolved).toBe(false);
    await expect(plan(tenant.client, exported)).rejects.toBeInstanceOf(ConfigurationError);

    const variables = [...yaml.matchAll(/^#\s{3}(\w+)$/gm)].map((match) => match[1] ?? '');
    expect(variables).toHaveLength(6);
    const env = Object.fromEntries(variables.map((name) => [name, `value-of-${name.toLowerCase()}`]));
    const loaded = await loadDesiredState(yaml, { env });
    const changes = await plan(tenant.client, loaded);
    expect(formatPlan(changes)).toMatch(/^No changes: 3 entries match the tenant/);
    expect(changes.hasChanges).toBe(false);
  });

  it('names several integrations on one host by host and database, the same way every time', async () => {
    const { entryNames } = await import('../../src/config/naming.js');
    const configs = [
      { host: 'c.example.com', database: 'a' },
      { host: 'C.example.com', database: 'b' },
      { host: 'd.example.com', database: 'a' },
    ];
    expect(entryNames(configs)).toEqual(['c-example-com-a', 'c-example-com-b', 'd-example-com']);
    expect(entryNames(configs)).toEqual(entryNames(configs.map((each) => ({ ...each }))));
  });

  it('leaves out, with a warning, an integration whose authentication it cannot write as an entry', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'))), tenant.fast);
    const [record] = [...tenant.server.fake.integrations.values()].filter((each) => each.type === 'Redshift');
    if (!record) throw new Error('expected one');
    record.config.authenticationType = 'awsAccessKey';
    expect((await exportDesiredState(tenant.client)).names).toEqual([]);
    expect(tenant.logs.some((line) => line.startsWith(`warn integration ${record.id} was not exported`))).toBe(true);
  });

  it('names the schema editors should use where the file will live', async () => {
    const yaml = toDesiredStateYaml(await exportDesiredState(tenant.client), { schema: '../schemas/desired.json' });
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/desired.json');
  });

  it('writes an empty tenant as a loadable file', async () => {
    const yaml = toDesiredStateYaml(await exportDesiredState(tenant.client));
    expect((await loadDesiredState(yaml, { env: {} })).names).toEqual([]);
  });
});
