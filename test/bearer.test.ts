// authMethod: 'bearerToken' over real HTTP, against the fake server and a programmable one. No MSW here.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, RedshiftIntegrationClient, ResponseValidationError, TimeoutError } from '../src/index.js';
import { createFakeImmuta, type FakeImmutaServer, startFakeImmutaServer } from '../src/testing/index.js';
import { payloads } from './support/fixtures.js';
import { json, programmableServer } from './support/http-server.js';
import { rejectionOf } from './support/rejection.js';

const KEY = 'bearer-canary-key-1f7a';
let server: FakeImmutaServer;
beforeAll(async () => {
  server = await startFakeImmutaServer({ apiKey: KEY, otherIntegrations: false });
});
afterAll(() => server.close());

/** A client whose requests are recorded (path and Authorization), over real sockets. */
function recordingClient(baseUrl = server.url, logLines: string[] = []) {
  const seen: { path: string; authorization: string | null }[] = [];
  const client = new RedshiftIntegrationClient({
    baseUrl,
    apiKey: KEY,
    authMethod: 'bearerToken',
    retry: 0,
    logger: { debug: (line) => logLines.push(line), warn: (line) => logLines.push(line) },
    fetch: (input, init) => {
      const request = new Request(input, init);
      seen.push({ path: new URL(request.url).pathname, authorization: request.headers.get('authorization') });
      return fetch(request);
    },
  });
  return { client, seen };
}

describe("authMethod: 'bearerToken'", () => {
  it('exchanges the key once, shared by concurrent calls, and sends the token as a bearer', async () => {
    server.fake.reset();
    const { client, seen } = recordingClient();
    await Promise.all(Array.from({ length: 10 }, () => client.list()));
    const exchanges = seen.filter((each) => each.path === '/bim/apikey/authenticate');
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.authorization).toBe(KEY);
    const calls = seen.filter((each) => each.path === '/integrations');
    expect(calls).toHaveLength(10);
    for (const call of calls) expect(call.authorization).toMatch(/^Bearer fake-token-/);
  });

  it('sends the key in both documented forms: the Authorization header and an { apikey } body', async () => {
    const probe = await programmableServer();
    try {
      let exchange: { authorization?: string; body: string } | undefined;
      probe.behave((request, response, body) => {
        if (request.url === '/bim/apikey/authenticate') {
          exchange = { authorization: request.headers.authorization, body };
          return json(response, 200, { token: 'probe-token' });
        }
        return json(response, 200, []);
      });
      await new RedshiftIntegrationClient({ baseUrl: probe.url, apiKey: KEY, authMethod: 'bearerToken' }).list();
      expect(exchange).toEqual({ authorization: KEY, body: JSON.stringify({ apikey: KEY }) });
    } finally {
      await probe.close();
    }
  });

  it('renews an expired token once and repeats the request — a create too, which is made exactly once', async () => {
    server.fake.reset();
    const { client, seen } = recordingClient();
    await client.list();
    server.fake.expireTokens();
    const { id } = await client.create(payloads.autoUserPassword);
    expect(server.fake.integrations.size).toBe(1);
    expect(server.fake.integrations.has(id)).toBe(true);
    expect(seen.map((each) => `${each.path}`)).toEqual([
      '/bim/apikey/authenticate',
      '/integrations',
      '/integrations', // the POST refused with 401: nothing was created
      '/bim/apikey/authenticate',
      '/integrations', // repeated with the new token
    ]);
  });

  it('gives up with AuthenticationError when the renewed token is refused too, without leaking a token', async () => {
    const refusing = await programmableServer();
    const logLines: string[] = [];
    try {
      let issued = 0;
      refusing.behave((request, response) => {
        if (request.url === '/bim/apikey/authenticate') {
          issued += 1;
          return json(response, 200, { token: `secret-token-${issued}-c0ffee` });
        }
        return json(response, 401, { statusCode: 401, message: `token ${request.headers.authorization} rejected` });
      });
      const { client, seen } = recordingClient(refusing.url, logLines);
      const error = await rejectionOf(() => client.get(1));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(seen.map((each) => each.path)).toEqual([
        '/bim/apikey/authenticate',
        '/integrations/1',
        '/bim/apikey/authenticate',
        '/integrations/1',
      ]);
      const everything = [error.message, JSON.stringify(error), inspect(error), ...logLines].join('\n');
      expect(everything).not.toMatch(/secret-token-\d/);
      expect(everything).not.toContain(KEY);
    } finally {
      await refusing.close();
    }
  });

  it('reports an exchange answer without a token as a ResponseValidationError, never quoting it', async () => {
    const odd = await programmableServer();
    try {
      odd.behave((_request, response) => json(response, 200, { tokn: 'not-quoted-1f2e' }));
      const error = await rejectionOf(() =>
        new RedshiftIntegrationClient({ baseUrl: odd.url, apiKey: KEY, authMethod: 'bearerToken' }).list(),
      );
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error.message).toContain('POST /bim/apikey/authenticate');
      expect(error.message).toContain('token: is required');
      expect(error.message).not.toContain('not-quoted-1f2e');
    } finally {
      await odd.close();
    }
  });

  it('reports a wrong key at the exchange as AuthenticationError', async () => {
    const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'wrong', authMethod: 'bearerToken' });
    const error = await rejectionOf(() => client.list());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('POST /bim/apikey/authenticate');
  });
});

describe('an exchange a caller gave up on', () => {
  it('is never handed to the next caller: retrying after a timeout starts a fresh exchange', async () => {
    server.fake.reset();
    server.fake.fail({ kind: 'slow', path: '/bim/apikey/authenticate', delayMs: 300 });
    const { client } = recordingClient();
    const first = await rejectionOf(client.get('1', { timeoutMs: 100 }));
    expect(first).toBeInstanceOf(TimeoutError);
    // The everyday retry after a timeout: the abandoned exchange is gone, a new one serves this call.
    await expect(client.list()).resolves.toEqual([]);
  });

  it('still shares one live exchange among concurrent callers when one of them gives up', async () => {
    server.fake.reset();
    server.fake.fail({ kind: 'slow', path: '/bim/apikey/authenticate', delayMs: 150 });
    const { client, seen } = recordingClient();
    const impatient = client.list({ timeoutMs: 50 });
    const patient = client.list();
    expect(await rejectionOf(impatient)).toBeInstanceOf(TimeoutError);
    await expect(patient).resolves.toEqual([]);
    expect(seen.filter((each) => each.path === '/bim/apikey/authenticate')).toHaveLength(1);
  });
});

describe('tokens that expire by time', () => {
  it("the fake's tokenTtlMs ends a token's life by its clock, and the client renews it", async () => {
    let now = 0;
    const fake = createFakeImmuta({ apiKey: KEY, tokenTtlMs: 60_000, now: () => now, otherIntegrations: false });
    const exchanges: string[] = [];
    const client = new RedshiftIntegrationClient({
      baseUrl: 'https://immuta.test',
      apiKey: KEY,
      authMethod: 'bearerToken',
      fetch: (input, init) => {
        const request = new Request(input, init);
        if (request.url.endsWith('/bim/apikey/authenticate')) exchanges.push(request.url);
        return fake.fetch(request);
      },
    });
    await client.list();
    now += 59_000;
    await client.list();
    expect(exchanges).toHaveLength(1);
    now += 2_000; // past the token's 60 s
    await client.list();
    expect(exchanges).toHaveLength(2);
  });
});
