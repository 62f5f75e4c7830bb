// A proxy that redirects must never receive a body or a key: the client follows no redirect. Real sockets only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImmutaApiError, RedirectError, RedshiftIntegrationClient } from '../../src/index.js';
import { payloads } from '../support/fixtures.js';
import { json, programmableServer } from '../support/http-server.js';
import { rejectionOf } from '../support/rejection.js';

let proxy: Awaited<ReturnType<typeof programmableServer>>;
let elsewhere: Awaited<ReturnType<typeof programmableServer>>;
beforeAll(async () => {
  proxy = await programmableServer();
  elsewhere = await programmableServer();
});
afterAll(async () => {
  await proxy.close();
  await elsewhere.close();
});

const KEY = 'redirect-canary-key-71c4';
const client = () => new RedshiftIntegrationClient({ baseUrl: proxy.url, apiKey: KEY, retry: 2 });
const credentials = { authenticationType: 'userPassword', username: 'u', password: 'abc1234' } as const;

const calls = [
  ['create', (c: RedshiftIntegrationClient) => c.create(payloads.autoUserPassword)],
  ['update', (c: RedshiftIntegrationClient) => c.update(1, payloads.updateAutoOkta)],
  ['delete with credentials', (c: RedshiftIntegrationClient) => c.delete(1, credentials)],
  ['the initial-create script', (c: RedshiftIntegrationClient) => c.scripts.initialCreate(payloads.manualOkta)],
  ['the edit script', (c: RedshiftIntegrationClient) => c.scripts.edit(1, payloads.updateManualOkta)],
  ['get', (c: RedshiftIntegrationClient) => c.get(1)],
] as const;

describe('redirects are never followed', () => {
  it.each(calls.flatMap(([name, call]) => [307, 308, 301, 302, 303].map((status) => [name, status, call] as const)))(
    '%s answered with HTTP %i: nothing is re-sent anywhere',
    async (_name, status, call) => {
      elsewhere.behave((_request, response) => json(response, 201, { id: 'stolen', status: 'creating' }));
      proxy.behave((_request, response) => {
        response.writeHead(status, { location: `${elsewhere.url}/collect/abc1234?key=${KEY}` });
        response.end();
      });

      const error = await rejectionOf(() => call(client()));

      expect(error).toBeInstanceOf(RedirectError);
      expect(error).toBeInstanceOf(ImmutaApiError);
      expect((error as RedirectError).status).toBe(status);
      expect((error as RedirectError).targetOrigin).toBe(elsewhere.url);
      // The origin is named so the user can fix the URL; the path and query (which may hold anything) are not.
      expect(error.message).toContain(elsewhere.url);
      expect(error.message).not.toContain('/collect');
      expect(error.message).not.toContain(KEY);
      expect(proxy.requests).toBe(1);
      expect(elsewhere.requests).toBe(0);
    },
  );

  it('names a relative Location by the origin it resolves to', async () => {
    proxy.behave((_request, response) => {
      response.writeHead(307, { location: '/login?next=/integrations' });
      response.end();
    });
    const error = (await rejectionOf(() => client().list())) as RedirectError;
    expect(error.targetOrigin).toBe(proxy.url);
    expect(error.message).not.toContain('/login');
  });
});
