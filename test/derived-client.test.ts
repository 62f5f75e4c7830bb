// withOptions and the client's small public capabilities (clock, log, redactSecrets) that code built on the client
// uses — configuration as code among it. Over the fake's fetch, in process.
import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  type LogFields,
  RedshiftIntegrationClient,
  type RedshiftIntegrationClientOptions,
  ServerError,
} from '../src/index.js';
import { createFakeImmuta, createVirtualClock } from '../src/testing/index.js';
import { rejectionOf } from './support/rejection.js';

const KEY = 'derived-canary-key-3c9d';

function setup(options: RedshiftIntegrationClientOptions = {}) {
  const fake = createFakeImmuta({ baseUrl: 'https://immuta.test', apiKey: KEY, otherIntegrations: false });
  const lines: string[] = [];
  const log = (message: string, fields?: LogFields) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  const client = new RedshiftIntegrationClient({
    baseUrl: 'https://immuta.test',
    apiKey: KEY,
    fetch: fake.fetch,
    clock: createVirtualClock(),
    logger: { debug: log, info: log, warn: log, error: log },
    ...options,
  });
  return { fake, client, lines };
}

describe('client.withOptions', () => {
  it('shares the connection: one token exchange serves the client and every client derived from it', async () => {
    const { fake, client } = setup({ authMethod: 'bearerToken' });
    await client.list();
    await client.withOptions({ timeoutMs: 5_000 }).list();
    await client
      .withOptions({ redact: ['x'] })
      .withOptions({ retry: 0 })
      .list();
    expect(fake.requests.filter((request) => request.path === '/bim/apikey/authenticate')).toHaveLength(1);
  });

  it('changes only what it is given: a derived client without retries fails at once, its parent retries', async () => {
    const { fake, client } = setup();
    fake.fail({ kind: 'http', status: 503, times: 1 });
    expect(await rejectionOf(client.withOptions({ retry: 0 }).list())).toBeInstanceOf(ServerError);
    fake.fail({ kind: 'http', status: 503, times: 1 });
    expect(await client.list()).toEqual([]);
  });

  it("adds its redact values to the parent's: hidden in its errors and log lines, whole", async () => {
    const vaultValue = 'vault-canary-value-77e1';
    const { client, lines } = setup({ redact: ['parent-canary-4b2a'] });
    const echoing = new RedshiftIntegrationClient({
      baseUrl: 'https://immuta.test',
      apiKey: KEY,
      retry: 0,
      fetch: async () => Response.json({ message: `bad ${vaultValue} parent-canary-4b2a ${KEY}` }, { status: 400 }),
      logger: { debug: (line) => lines.push(line) },
    });
    const derived = echoing.withOptions({ redact: [vaultValue] });
    const error = await rejectionOf(derived.list());
    const shown = `${String(error)} ${JSON.stringify(error)} ${lines.join(' ')}`;
    expect(shown).not.toContain(vaultValue);
    expect(shown).not.toContain(KEY);
    // The parent never knew the value: what it shows is its own business.
    expect(String(await rejectionOf(echoing.list()))).toContain(vaultValue);
    expect(client.redactSecrets('parent-canary-4b2a')).toBe('<REDACTED>');
  });

  it('refuses to change where it connects or how it authenticates, naming no value', () => {
    const { client } = setup();
    for (const option of ['baseUrl', 'apiKey', 'authMethod', 'fetch', 'allowInsecureHttp']) {
      const error = (() => {
        try {
          client.withOptions({ [option]: 'https://elsewhere.test' } as never);
          return undefined;
        } catch (failure) {
          return failure;
        }
      })();
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).message).toContain(`${option} cannot change in a derived client`);
    }
    expect(() => client.withOptions({ timeoutMs: Number.NaN })).toThrow(ConfigurationError);
    expect(() => client.withOptions({ redact: 'not a list' as never })).toThrow(ConfigurationError);
  });
});

describe("the client's capabilities for code built on it", () => {
  it("log: writes to the client's logger, hiding what the client hides", () => {
    const { client, lines } = setup();
    client.log.warn(`something about ${KEY}`, { key: KEY, count: 1 });
    expect(lines).toEqual(['something about <REDACTED> {"key":"<REDACTED>","count":1}']);
  });

  it('redactSecrets: a string scrubbed; an object copied with strings scrubbed and credential fields masked', () => {
    const { client } = setup();
    expect(client.redactSecrets(`echo ${encodeURIComponent(KEY)}`)).toBe('echo <REDACTED>');
    const integration = { id: KEY, config: { username: 'svc', dbPassword: 'p', host: 'h' } };
    expect(client.redactSecrets(integration)).toEqual({
      id: '<REDACTED>',
      config: { username: '<REDACTED>', dbPassword: '<REDACTED>', host: 'h' },
    });
    expect(integration.id).toBe(KEY); // a copy
  });

  it('clock: the one its waits run on, here a virtual one — a wait of minutes takes no real time', async () => {
    const clock = createVirtualClock();
    const { fake, client } = setup({ clock });
    const { id } = await client.create({
      type: 'Redshift',
      autoBootstrap: true,
      config: {
        host: 'clock.example.com',
        database: 'immuta',
        initialDatabase: 'dev',
        authenticationType: 'userPassword',
        username: 'u',
        password: 'p',
      },
    });
    fake.setStatusSequence(id, [...Array<string>(40).fill('creating'), 'enabled']);
    expect(client.clock).toBe(clock);
    await client.waitUntilEnabled(id);
    expect(clock.now()).toBeGreaterThan(60_000);
  });
});
