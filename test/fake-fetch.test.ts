// The fake's core is a plain function from a Request to a Response: no server, no msw in this file.
import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ConflictError,
  ConnectionError,
  IntegrationFailedError,
  isRedshiftIntegration,
  NotFoundError,
  RedshiftIntegrationClient,
  UnprocessableEntityError,
  deleteCredentialsOf,
} from '../src/index.js';
import type { RedshiftIntegrationPayload } from '../src/index.js';
import { createFakeImmuta, type FakeImmutaOptions } from '../src/testing/index.js';
import { payloads } from './support/fixtures.js';
import { rejectionOf } from './support/rejection.js';

const quick = { minDelayMs: 1, maxDelayMs: 5 };

function tenant(options: FakeImmutaOptions = {}, baseUrl = 'https://immuta.test') {
  const fake = createFakeImmuta(options);
  const client = new RedshiftIntegrationClient({
    baseUrl,
    apiKey: 'test-key',
    fetch: fake.fetch,
    retry: { baseDelayMs: 1 },
  });
  return { fake, client };
}

describe("the fake's fetch as the client's fetch", () => {
  it('runs create → wait → delete with nothing but the package', async () => {
    const { fake, client } = tenant();
    const created = await client.createAndWait(payloads.autoUserPassword, quick);
    expect(created.status).toBe('enabled');
    expect(fake.integrations.get(created.id)?.config.password).toBe('abc1234');

    const gone = await client.deleteAndWait(created.id, deleteCredentialsOf(payloads.autoUserPassword), quick);
    expect(gone.status).toBe('deleted');
    expect(await rejectionOf(() => client.get(created.id))).toBeInstanceOf(NotFoundError);
  });

  it('moves integrations along on every read, the list included', async () => {
    const { client } = tenant({ settle: { reads: 2 }, otherIntegrations: false });
    const { id } = await client.create(payloads.autoUserPassword);
    const seen: string[] = [];
    for (let i = 0; i < 3; i += 1) seen.push((await client.list()).find((each) => each.id === id)!.status);
    expect(seen).toEqual(['creating', 'creating', 'enabled']);
  });

  it('fails the way fetch fails for an injected network error', async () => {
    const { fake, client } = tenant();
    fake.fail({ kind: 'network', times: 3 });
    expect(await rejectionOf(() => client.list())).toBeInstanceOf(ConnectionError);
  });
});

describe('answers only below its base URL, as a tenant does', () => {
  it('a wrong path prefix is a 404, not a pass', async () => {
    const right = tenant({ baseUrl: 'https://immuta.test/immuta' }, 'https://immuta.test/immuta');
    expect((await right.client.list()).length).toBe(2);
    const wrongPrefix = new RedshiftIntegrationClient({
      baseUrl: 'https://immuta.test',
      apiKey: 'k',
      fetch: right.fake.fetch,
    });
    expect(await rejectionOf(() => wrongPrefix.list())).toBeInstanceOf(NotFoundError);
    const wrongOrigin = new RedshiftIntegrationClient({
      baseUrl: 'https://other.test/immuta',
      apiKey: 'k',
      fetch: right.fake.fetch,
    });
    expect(await rejectionOf(() => wrongOrigin.list())).toBeInstanceOf(NotFoundError);
    expect(right.fake.handles('https://immuta.test/immuta/integrations')).toBe(true);
    expect(right.fake.handles('https://immuta.test/integrations')).toBe(false);
  });

  it('an unknown endpoint is a 404', async () => {
    const { fake } = tenant();
    const response = await fake.fetch('https://immuta.test/integrations/1/unknown', {
      headers: { authorization: 'k' },
    });
    expect(response.status).toBe(404);
  });
});

describe("Immuta's documented messages, verbatim", () => {
  it('404, 409, the DELETE 400 and the 422', async () => {
    const { client } = tenant();
    expect((await rejectionOf(() => client.get(5))).message).toContain('No Integration found with ID 5.');

    const { id } = await client.create(payloads.autoUserPassword);
    const conflict = (await rejectionOf(() => client.create(payloads.autoOkta))) as ConflictError;
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict.message).toContain(
      `Redshift integration already exists on organization.aws.amazon.com (id = ${id}).`,
    );
    expect(conflict.existingId).toBe(id);

    const noCredentials = await rejectionOf(() => client.delete(id));
    expect(noCredentials).toBeInstanceOf(BadRequestError);
    expect(noCredentials.message).toContain(
      'Integrations that are automatically configured require privileged credentials to disable. Please provide them in your payload.',
    );

    const manual = await rejectionOf(() =>
      client.create({
        ...payloads.manualUserPassword,
        config: { ...payloads.manualUserPassword.config, host: 'other.example' },
      }),
    );
    expect(manual).toBeInstanceOf(UnprocessableEntityError);
    expect(manual.message).toContain('Validation of prerequisite setup failed. Unable to create integration.');
  });

  it('a failed creation names each failed test with the message Immuta gives for it', async () => {
    const { fake, client } = tenant();
    fake.fail({ kind: 'creation', failedTests: ['Validate Automatic Bootstrap: Immuta Database Does Not Exist'] });
    const error = (await rejectionOf(() =>
      client.createAndWait(payloads.autoUserPassword, quick),
    )) as IntegrationFailedError;
    expect(error).toBeInstanceOf(IntegrationFailedError);
    const failed = error.validationResults?.validationTests?.find((test) => test.status === 'failed');
    expect(failed?.message).toBeTruthy();
    // Named once: the fake's message repeats the test's name, the error's message does not.
    expect(failed?.message).toMatch(/^Validate Automatic Bootstrap: Immuta Database Does Not Exist did not pass: /);
    expect(error.message).toContain(
      `failed validation tests: Validate Automatic Bootstrap: Immuta Database Does Not Exist (failed): did not pass: check`,
    );
    expect(error.message.split('Immuta Database Does Not Exist')).toHaveLength(2);
  });
});

describe('lenient lists', () => {
  it('one odd integration hides none of the others, and is never taken for a Redshift one', async () => {
    const { fake, client } = tenant({ otherIntegrations: false });
    const { id } = await client.create(payloads.autoUserPassword);
    const warnings: string[] = [];
    const logging = new RedshiftIntegrationClient({
      baseUrl: 'https://immuta.test',
      apiKey: 'k',
      fetch: fake.fetch,
      logger: { warn: (message) => warnings.push(message) },
    });
    // Three shapes a real tenant may hold that the documented schema does not allow.
    fake.integrations.get(id)!.config.port = '5439' as never;
    const odd = [
      { id: 'a', status: 'enabled', type: 'Redshift', validationResults: null },
      { status: 'enabled', type: 'Redshift', connectionKey: 'c-1' },
    ];
    const fetchWithOdd: typeof fetch = async (input, init) => {
      const response = await fake.fetch(input, init);
      if (new Request(input, init).url.endsWith('/integrations'))
        return Response.json([...((await response.json()) as unknown[]), ...odd]);
      return response;
    };
    const lenient = new RedshiftIntegrationClient({
      baseUrl: 'https://immuta.test',
      apiKey: 'k',
      fetch: fetchWithOdd,
      logger: { warn: (message) => warnings.push(message) },
    });
    const first = await lenient.list();
    await lenient.list();
    expect(first.map((each) => each.id)).toEqual([id, 'a', undefined]);
    expect(first.map((each) => isRedshiftIntegration(each))).toEqual([false, false, false]);
    expect(first[0]).toMatchObject({ config: { port: '5439' } }); // as received
    expect(warnings).toEqual([
      `GET /integrations: integration ${id} does not match the documented shape (config.port); returned as received`,
      'GET /integrations: integration a does not match the documented shape (validationResults); returned as received',
      'GET /integrations: integration #2 does not match the documented shape (id); returned as received',
    ]);
    // get() stays strict.
    await expect(logging.get(id)).rejects.toThrow(/config\.port/);
  });
});

describe("unknownFields: 'allow' through the client", () => {
  it('sends what the SDK does not model as given, warns with the paths, and scrubs secret-named fields', async () => {
    const fake = createFakeImmuta({ otherIntegrations: false });
    const warnings: string[] = [];
    const client = new RedshiftIntegrationClient({
      baseUrl: 'https://immuta.test',
      apiKey: 'k',
      fetch: fake.fetch,
      unknownFields: 'allow',
      logger: { warn: (message) => warnings.push(message) },
    });
    const accessKey = {
      type: 'Redshift',
      autoBootstrap: true,
      config: {
        host: 'access-key.aws.amazon.com',
        database: 'immuta',
        initialDatabase: 'dev',
        authenticationType: 'accessKey',
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: 'secret-access-key-canary',
      },
    } as unknown as RedshiftIntegrationPayload; // the type models only userPassword and okta
    const { id } = await client.create(accessKey);
    expect(fake.integrations.get(id)?.config.secretAccessKey).toBe('secret-access-key-canary');
    expect(warnings).toEqual([
      'payload: sent as given, without checks, what this SDK does not model: config.accessKeyId, config.secretAccessKey, config.authenticationType (a type this SDK does not model)',
    ]);
    fake.fail({ kind: 'http', status: 400 });
    const echoing = new RedshiftIntegrationClient({
      baseUrl: 'https://immuta.test',
      apiKey: 'k',
      unknownFields: 'allow',
      fetch: async (input, init) => {
        const body = await new Request(input, init).text();
        return Response.json({ statusCode: 400, message: `rejected ${body}` }, { status: 400 });
      },
    });
    expect((await rejectionOf(() => echoing.create(accessKey))).message).not.toContain('secret-access-key-canary');
  });
});

describe('the fake follows the guide', () => {
  it("shows impersonation on every Redshift integration, as the guide's GET example does", async () => {
    const { client } = tenant();
    const { id } = await client.create(payloads.autoUserPassword); // sent without impersonation
    const integration = await client.get(id);
    expect(isRedshiftIntegration(integration) && integration.config?.impersonation).toEqual({ enabled: false });
  });

  it('reports validation that agrees with the status: a failed creation repaired by an update passes', async () => {
    const { fake, client } = tenant();
    fake.fail({ kind: 'creation' });
    const { id } = await client.create(payloads.autoUserPassword);
    expect(await rejectionOf(client.waitUntilEnabled(id, quick))).toBeInstanceOf(IntegrationFailedError);
    const repaired = await client.updateAndWait(id, payloads.autoUserPassword, quick);
    expect(repaired.status).toBe('enabled');
    expect(repaired.validationResults?.status).toBe('passed');
    expect(repaired.validationResults?.validationTests?.every((test) => test.status === 'passed')).toBe(true);
  });

  it('holds a manual update to the rule of a manual setup: the edit script first, then the same payload', async () => {
    const { client } = tenant();
    const setup = client.manualSetup(payloads.manualUserPassword);
    await setup.initialCreateScript();
    await setup.createScript();
    const { id } = await setup.configure();
    await setup.waitUntilEnabled(quick);

    expect(await rejectionOf(client.update(id, payloads.manualUserPassword))).toBeInstanceOf(UnprocessableEntityError);
    const changed = {
      ...payloads.manualUserPassword,
      config: { ...payloads.manualUserPassword.config, initialDatabase: 'other' },
    };
    await client.scripts.edit(id, changed);
    expect(await rejectionOf(client.update(id, payloads.manualUserPassword))).toBeInstanceOf(BadRequestError);
    const update = client.manualUpdate(id, changed);
    await update.editScript();
    await update.apply();
    expect((await update.waitUntilEnabled(quick)).status).toBe('enabled');
  });

  it('reads payloads by its own rules, not the SDK’s: refuses what the guide requires, passes what it leaves open', async () => {
    const { fake } = tenant();
    const post = (body: unknown) =>
      fake.fetch('https://immuta.test/integrations', {
        method: 'POST',
        headers: { authorization: 'k', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const missing = await post({ type: 'Redshift', autoBootstrap: true, config: { host: 'h.example.com' } });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toContain('config.database is required');
    const accessKey = await post({
      type: 'Redshift',
      autoBootstrap: true,
      config: { host: 'k.example.com', database: 'd', initialDatabase: 'i', authenticationType: 'accessKey', x: 1 },
    });
    expect(accessKey.status).toBe(200);
  });
});
