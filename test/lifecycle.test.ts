import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ConflictError,
  ImmutaError,
  IntegrationFailedError,
  isRedacted,
  isRedshiftIntegration,
  NotFoundError,
  PayloadValidationError,
  RedshiftIntegrationClient,
  type RedshiftIntegrationPayload,
} from '../src/index.js';
import { createFakeImmuta } from '../src/testing/index.js';
import { mswHandlers } from '../src/testing/msw.js';
import { payloads } from './support/fixtures.js';
import { yamlBody } from '../src/yaml/index.js';

const fake = createFakeImmuta();
const server = setupServer(...mswHandlers(fake));
/** Every request body the fake received, by "METHOD path". */
let bodies: { route: string; body: string }[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    bodies.push({ route: `${request.method} ${new URL(request.url).pathname}`, body: await request.clone().text() });
  });
});
afterEach(() => {
  server.resetHandlers();
  fake.reset();
  bodies = [];
});
afterAll(() => server.close());

const client = new RedshiftIntegrationClient({
  baseUrl: 'https://www.organization.immuta.com',
  apiKey: 'test-api-key',
  retry: { baseDelayMs: 1 },
});
/** Waits that poll without pausing long, so the lifecycle runs in milliseconds. */
const quick = { minDelayMs: 1, maxDelayMs: 5 };
const credentials = {
  authenticationType: 'userPassword',
  username: 'taylor@redshift.com',
  password: 'abc1234',
} as const;

describe('automatic setup, end to end', () => {
  it('creates an integration and waits until it is enabled', async () => {
    const polled: string[] = [];

    const integration = await client.createAndWait(payloads.autoUserPassword, {
      ...quick,
      onPoll: (each) => polled.push(each.status),
    });

    expect(integration.status).toBe('enabled');
    expect(polled).toEqual(['creating', 'enabled']);
    expect(isRedshiftIntegration(integration) && isRedacted(integration.config?.password)).toBe(true);
  });

  it('waits with the statuses an integration actually goes through', async () => {
    const { id } = await client.create(payloads.autoOkta);
    fake.setStatusSequence(id, ['creating', 'migrating', 'creating', 'enabled']);
    const polled: string[] = [];
    await client.waitUntilEnabled(id, { ...quick, onPoll: (each) => polled.push(each.status) });
    expect(polled).toEqual(['creating', 'migrating', 'creating', 'enabled']);
  });

  it('rejects with IntegrationFailedError naming the failed test when the creation fails', async () => {
    fake.fail({ kind: 'creation', failedTests: ['Validate Automatic Bootstrap: Immuta Database Does Not Exist'] });

    const error = await client.createAndWait(payloads.autoUserPassword, quick).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IntegrationFailedError);
    expect((error as IntegrationFailedError).status).toBe('createError');
    expect((error as Error).message).toContain('Validate Automatic Bootstrap: Immuta Database Does Not Exist (failed)');
  });

  it('rides out 503s and a 429 with Retry-After while waiting', async () => {
    const { id } = await client.create(payloads.autoUserPassword);
    fake.fail({ kind: 'http', status: 503, method: 'GET', times: 2 });
    fake.fail({ kind: 'http', status: 429, retryAfter: 0, method: 'GET' });
    expect((await client.waitUntilEnabled(id, quick)).status).toBe('enabled');
  });

  it('updates and waits until enabled again', async () => {
    const { id } = await client.createAndWait(payloads.autoUserPassword, quick);
    const polled: string[] = [];
    const updated = await client.updateAndWait(id, payloads.updateAutoOkta, {
      ...quick,
      onPoll: (each) => polled.push(each.status),
    });
    expect(polled).toEqual(['editing', 'enabled']);
    expect(isRedshiftIntegration(updated) && updated.config?.authenticationType).toBe('okta');
  });

  it('deletes with credentials and waits until the integration is gone', async () => {
    const { id } = await client.createAndWait(payloads.autoUserPassword, quick);
    const deleted = await client.deleteAndWait(id, credentials, quick);
    expect(deleted.status).toBe('deleted');
    await expect(client.get(id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses to delete an automatic integration without its credentials', async () => {
    const { id } = await client.createAndWait(payloads.autoUserPassword, quick);
    await expect(client.delete(id)).rejects.toBeInstanceOf(BadRequestError);
  });

  it('refuses a second Redshift integration on the same host with a ConflictError whose existingId can be adopted', async () => {
    const { id } = await client.create(payloads.autoUserPassword);
    const error = await client.create(payloads.autoOkta).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain(
      `Redshift integration already exists on organization.aws.amazon.com (id = ${id}).`,
    );
    expect((error as ConflictError).existingId).toBe(id);
    // Adopting it: update the one that is there instead.
    expect((await client.updateAndWait((error as ConflictError).existingId!, payloads.autoOkta, quick)).id).toBe(id);
  });

  it('sends YAML bodies the fake reads as the same payload', async () => {
    const yamlClient = new RedshiftIntegrationClient({
      baseUrl: 'https://www.organization.immuta.com',
      apiKey: 'test-api-key',
      bodyFormat: yamlBody,
    });
    const integration = await yamlClient.createAndWait(payloads.autoOkta, quick);
    expect(integration.status).toBe('enabled');
    expect(bodies[0]!.body).toContain('authenticationType: okta');
  });
});

describe('manual setup workflow', () => {
  const payload = payloads.manualUserPassword;

  it('runs initial-create → create → configure → wait, sending byte-identical payloads', async () => {
    const setup = client.manualSetup(payload);

    const first = await setup.initialCreateScript();
    const second = await setup.createScript();
    const operation = await setup.configure();
    const integration = await setup.waitUntilEnabled(quick);

    expect(first).toContain('Run it in database "REDSHIFT_SAMPLE_DATA".');
    expect(second).toContain('Run it in database "immuta".');
    expect(operation.status).toBe('creating');
    expect(setup.integrationId).toBe(operation.id);
    expect(integration.status).toBe('enabled');
    const sent = bodies.filter((each) => each.route.startsWith('POST'));
    expect(sent.map((each) => each.route)).toEqual([
      'POST /integrations/scripts/initial-create',
      'POST /integrations/scripts/create',
      'POST /integrations',
    ]);
    expect(new Set(sent.map((each) => each.body)).size).toBe(1);
    expect(sent[0]!.body).toBe(JSON.stringify(payload));
  });

  it('sends the payload as it was when the workflow started, even if the object changes later', async () => {
    const mine = structuredClone(payload) as RedshiftIntegrationPayload;
    const setup = client.manualSetup(mine);
    await setup.initialCreateScript();
    mine.config.database = 'changed';
    await setup.createScript();
    await setup.configure();
    expect(new Set(bodies.map((each) => each.body)).size).toBe(1);
  });

  it('shows why the guide insists on one payload: a different one is refused at configure', async () => {
    await client.manualSetup(payload).initialCreateScript();
    const different = { ...payload, config: { ...payload.config, database: 'other' } };
    await expect(client.create(different)).rejects.toBeInstanceOf(BadRequestError);
  });

  it('refuses an autoBootstrap: true payload before any request', () => {
    expect(() => client.manualSetup(payloads.autoUserPassword)).toThrow(PayloadValidationError);
    expect(bodies).toEqual([]);
  });

  it('refuses to wait before configure() has created the integration', async () => {
    await expect(client.manualSetup(payload).waitUntilEnabled(quick)).rejects.toThrow(ImmutaError);
  });

  it('gives the cleanup script after a failed creation', async () => {
    const setup = client.manualSetup(payload);
    await setup.initialCreateScript();
    await setup.createScript();
    fake.fail({ kind: 'creation' });
    await setup.configure();
    await expect(setup.waitUntilEnabled(quick)).rejects.toBeInstanceOf(IntegrationFailedError);
    expect(await setup.cleanupScript()).toContain('DROP DATABASE IF EXISTS "immuta";');
  });
});

describe('manual update and delete workflows', () => {
  async function configured(): Promise<string> {
    const setup = client.manualSetup(payloads.manualOkta);
    await setup.initialCreateScript();
    await setup.createScript();
    const { id } = await setup.configure();
    await setup.waitUntilEnabled(quick);
    bodies = [];
    return id;
  }

  it('runs edit script → apply → wait, with the same bytes in both requests', async () => {
    const id = await configured();
    const update = client.manualUpdate(id, payloads.updateManualOkta);

    expect(await update.editScript()).toContain("STAND-IN for Immuta's edit script");
    expect((await update.apply()).status).toBe('editing');
    expect((await update.waitUntilEnabled(quick)).status).toBe('enabled');

    const [script, put] = bodies.filter((each) => each.body !== '');
    expect(script!.route).toBe(`POST /integrations/${id}/scripts/edit`);
    expect(put!.route).toBe(`PUT /integrations/${id}`);
    expect(put!.body).toBe(script!.body);
  });

  it('runs delete script → delete with no body → wait until deleted', async () => {
    const id = await configured();
    const removal = client.manualDelete(id);

    expect(await removal.deleteScript()).toContain('DROP USER IF EXISTS "immuta_system";');
    expect((await removal.delete()).status).toBe('deleting');
    expect((await removal.waitUntilDeleted(quick)).status).toBe('deleted');
    expect(bodies.find((each) => each.route.startsWith('DELETE'))!.body).toBe('');
  });

  it('is refused when credentials are sent for a manual integration', async () => {
    const id = await configured();
    await expect(client.delete(id, credentials)).rejects.toBeInstanceOf(BadRequestError);
  });
});

describe('the fake tenant', () => {
  it('settles by time when asked, on the clock it is given', async () => {
    let now = 0;
    const timed = createFakeImmuta({ settle: { ms: 4_000 }, now: () => now, otherIntegrations: false });
    server.use(...mswHandlers(timed));
    const { id } = await client.create(payloads.autoUserPassword);

    now = 3_999;
    expect((await client.get(id)).status).toBe('creating');
    expect((await client.get(id)).status).toBe('creating');
    now = 4_000;
    expect((await client.get(id)).status).toBe('enabled');
  });

  it('holds only what was created when the example integrations are left out', async () => {
    const empty = createFakeImmuta({ otherIntegrations: false });
    server.use(...mswHandlers(empty));
    expect(await client.list()).toEqual([]);
    await client.create(payloads.autoUserPassword);
    expect((await client.list()).map((each) => each.type)).toEqual(['Redshift']);
  });

  it('lists the other integration types of Immuta’s example next to Redshift ones', async () => {
    await client.create(payloads.autoUserPassword);
    const types = (await client.list()).map((each) => each.type);
    expect(types).toEqual(['Snowflake', 'Databricks', 'Redshift']);
  });

  it('answers 401 without an API key, like Immuta', async () => {
    const response = await fetch('https://www.organization.immuta.com/integrations');
    expect(response.status).toBe(401);
  });

  it('answers every script endpoint and reads the status endpoint', async () => {
    const { id } = await client.create(payloads.autoUserPassword);
    expect((await client.getStatus(id)).status).toBe('creating');
    expect(await client.scripts.cleanup(payloads.manualUserPassword)).toContain('cleanup');
    expect(await client.regenerateApiKey(id)).toMatchObject({ id });
  });
});
