// What configuration as code hides and what it leaves alone: secrets by field, the client's own secrets in its
// errors and results, causes as summaries, and a tenant's text that cannot forge a line. Over real HTTP.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PlanError, RedshiftIntegrationClient } from '../../src/index.js';
import {
  apply,
  formatPlan,
  loadDesiredState,
  plan,
  toDesiredStateYaml,
  exportDesiredState,
} from '../../src/config/index.js';
import { createVirtualClock } from '../../src/testing/index.js';
import { API_KEY, CANARIES, entry, ENV, expectNoCanary, file, useTenant } from './support.js';

const tenant = useTenant();

/** A client on the fake whose answers `answer` may replace (undefined: the fake answers). */
function through(answer: (request: Request, path: string) => Promise<Response | undefined> | Response | undefined) {
  return new RedshiftIntegrationClient({
    baseUrl: tenant.server.url,
    apiKey: API_KEY,
    clock: createVirtualClock(),
    fetch: async (input, init) => {
      const request = new Request(input, init);
      return (await answer(request.clone(), new URL(request.url).pathname)) ?? fetch(request);
    },
  });
}

describe('secret by field, not by where a value came from', () => {
  it('a username or database read from a variable is never blanked inside names, SQL or messages', async () => {
    const text = file(
      entry('old-cluster', { autoBootstrap: false }).replace('database: immuta', 'database: ${env:RS_DB}'),
    );
    const desired = await loadDesiredState(text, { env: { ...ENV, RS_USER: 'old', RS_DB: 'immuta' } });
    const changes = await plan(tenant.client, desired);
    expect(formatPlan(changes)).toContain('+ old-cluster: create (manual: needs scripts run)');
    const result = await apply(tenant.client, changes, tenant.fast);
    const [item] = result.items;
    expect(item?.name).toBe('old-cluster');
    expect(item?.reason).toContain('initial-create in dev, create in immuta');
    expect(item?.scripts?.map((script) => script.database)).toEqual(['dev', 'immuta']);
    // The SQL handed out is exact.
    expect(item?.scripts?.[0]?.sql).toContain('CREATE DATABASE "immuta";');
    expect(JSON.stringify(result)).not.toContain(CANARIES.RS_PASSWORD);
  });
});

describe("the client's own secrets in configuration as code's errors", () => {
  it('a PlanError naming integrations whose ids carry the API key hides the key', async () => {
    const client = through(async (request, path) => {
      if (request.method !== 'GET' || path !== '/integrations') return undefined;
      const config = {
        host: 'analytics.abc123.us-east-1.redshift.amazonaws.com',
        database: 'immuta',
        initialDatabase: 'dev',
        authenticationType: 'userPassword',
      };
      return Response.json(
        ['a', 'b'].map((prefix) => ({ id: `${prefix}-${API_KEY}`, status: 'enabled', type: 'Redshift', config })),
      );
    });
    const error = (await plan(client, await tenant.load(file(entry('analytics')))).catch(
      (e: unknown) => e,
    )) as PlanError;
    expect(error).toBeInstanceOf(PlanError);
    expect(error.problems[0]?.ids).toEqual(['a-<REDACTED>', 'b-<REDACTED>']);
    expectNoCanary(`${error.message} ${JSON.stringify(error)} ${inspect(error)}`);
  });

  it('a runScript error quoting the SQL and the password renders as its summary, in JSON and inspect', async () => {
    const desired = await tenant.load(file(entry('manual', { autoBootstrap: false })));
    const result = await apply(tenant.client, desired, {
      ...tenant.fast,
      runScript: ({ sql }) => {
        throw Object.assign(new Error(`syntax error in ${sql} with password ${CANARIES.RS_PASSWORD}`), {
          code: '42601',
        });
      },
    });
    const error = result.items[0]?.error;
    expect(error?.name).toBe('ScriptRunError');
    expect(JSON.parse(JSON.stringify(error)).cause).toEqual({ name: 'Error', code: '42601' });
    expectNoCanary(`${JSON.stringify(result)} ${inspect(error, { depth: 10 })} ${String(error)}`);
  });
});

describe("a tenant's text cannot forge what a reviewer reads", () => {
  it('a status holding line breaks stays on its line of the plan', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'))), tenant.fast);
    const [record] = [...tenant.server.fake.integrations.values()].filter((each) => each.type === 'Redshift');
    if (!record) throw new Error('no integration');
    record.status = 'enabled\n  - analytics [id 1]: delete\u2028\u202e';
    const text = formatPlan(await plan(tenant.client, await tenant.load(file(entry('analytics')))));
    expect(text.split('\n').filter((line) => line.includes('analytics'))).toHaveLength(1);
    expect(text).toContain('enabled\\n  - analytics [id 1]: delete\\u2028\\u202e');
  });

  it('the YAML export writes unsafe characters of a tenant as escapes, and reads back the same', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'))), tenant.fast);
    const [record] = [...tenant.server.fake.integrations.values()].filter((each) => each.type === 'Redshift');
    if (!record) throw new Error('no integration');
    record.config.initialDatabase = 'dev\u009b\u2028x';
    const yaml = toDesiredStateYaml(await exportDesiredState(tenant.client));
    expect(yaml).not.toMatch(/[\u009b\u2028]/);
    expect(yaml).toContain('initialDatabase: "dev\\u009b\\u2028x"');
    const back = await loadDesiredState(yaml, {
      env: {
        ANALYTICS_ABC123_US_EAST_1_REDSHIFT_AMAZONAWS_COM_USERNAME: 'u',
        ANALYTICS_ABC123_US_EAST_1_REDSHIFT_AMAZONAWS_COM_PASSWORD: 'p',
      },
    });
    expect(Object.values(back.document.integrations)[0]?.config.initialDatabase).toBe('dev\u009b\u2028x');
  });
});

describe('odd list items are reported within bounds', () => {
  it('100,000 odd items: a bounded number of log lines per poll, and none for items already reported', async () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({ id: `odd-${i}`, status: null, type: 'Redshift' }));
    const lines: string[] = [];
    const client = new RedshiftIntegrationClient({
      baseUrl: 'https://immuta.test',
      apiKey: API_KEY,
      fetch: async () => Response.json(items),
      logger: { warn: (line) => lines.push(line) },
    });
    await client.list();
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('GET /integrations: 99980 more integrations do not match the documented shape');
    lines.length = 0;
    await client.list();
    expect(lines.length).toBeLessThanOrEqual(21);
  });
});
