// Real sockets only: no MSW interception in this file (it would flag the loopback calls).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, NotFoundError, RedshiftIntegrationClient } from '../src/index.js';
import { type FakeImmutaServer, startFakeImmutaServer } from '../src/testing/index.js';
import { payloads } from './support/fixtures.js';

let server: FakeImmutaServer;
let client: RedshiftIntegrationClient;
const quick = { minDelayMs: 1, maxDelayMs: 5 };

beforeAll(async () => {
  server = await startFakeImmutaServer({ apiKey: 'server-key' });
  client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'server-key', retry: { baseDelayMs: 1 } });
});
afterAll(() => server.close());

describe('the fake Immuta over HTTP', () => {
  it('listens on a free loopback port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('drives create → wait → delete over real sockets', async () => {
    const created = await client.createAndWait(payloads.autoUserPassword, quick);
    expect(created.status).toBe('enabled');
    expect(server.fake.integrations.get(created.id)?.status).toBe('enabled');

    const deleted = await client.deleteAndWait(
      created.id,
      { authenticationType: 'userPassword', username: 'taylor@redshift.com', password: 'abc1234' },
      quick,
    );
    expect(deleted.status).toBe('deleted');
    await expect(client.get(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('checks the API key when given one', async () => {
    const response = await fetch(`${server.url}/integrations`, { headers: { authorization: 'wrong' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ statusCode: 401 });
  });

  it('drops the connection for an injected network failure, which a read survives by retrying', async () => {
    server.fake.fail({ kind: 'network', method: 'GET', path: '/integrations' });
    expect((await client.list()).length).toBeGreaterThan(0);

    server.fake.fail({ kind: 'network', method: 'GET', path: '/integrations', times: 3 });
    await expect(client.list()).rejects.toBeInstanceOf(ConnectionError);
  });
});

describe('injected slowness', () => {
  it('delays the answer, so a short per-call timeout fires', async () => {
    const { TimeoutError } = await import('../src/index.js');
    server.fake.fail({ kind: 'slow', delayMs: 2_000, method: 'GET', path: '/integrations', times: 1 });
    const strict = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'server-key', retry: 0 });
    await expect(strict.list({ timeoutMs: 100 })).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe('a base path, as behind a reverse proxy', () => {
  it('serves below it, and nowhere else', async () => {
    const prefixed = await startFakeImmutaServer({ basePath: '/immuta/', apiKey: 'k' });
    try {
      expect(prefixed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/immuta$/);
      const client = new RedshiftIntegrationClient({ baseUrl: prefixed.url, apiKey: 'k' });
      expect((await client.list()).length).toBe(2);
      const root = new RedshiftIntegrationClient({
        baseUrl: prefixed.url.replace(/\/immuta$/, ''),
        apiKey: 'k',
        retry: 0,
      });
      await expect(root.list()).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      await prefixed.close();
    }
  });
});
