// Ids stay ids: nothing that would leave /integrations/<id> is ever sent. Real sockets only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayloadValidationError, RedshiftIntegrationClient } from '../../src/index.js';
import { payloads } from '../support/fixtures.js';
import { json, programmableServer } from '../support/http-server.js';
import { rejectionOf } from '../support/rejection.js';

let server: Awaited<ReturnType<typeof programmableServer>>;
beforeAll(async () => {
  server = await programmableServer();
  server.behave((_request, response) => json(response, 200, { id: '1', status: 'enabled' }));
});
afterAll(() => server.close());

const client = () => new RedshiftIntegrationClient({ baseUrl: `${server.url}/immuta`, apiKey: 'k', retry: 0 });
const credentials = { authenticationType: 'userPassword', username: 'u', password: 'p' } as const;
const quick = { minDelayMs: 1, maxDelayMs: 2, timeoutMs: 200 };

const methods = {
  get: (c: RedshiftIntegrationClient, id: string) => c.get(id),
  getStatus: (c: RedshiftIntegrationClient, id: string) => c.getStatus(id),
  update: (c: RedshiftIntegrationClient, id: string) => c.update(id, payloads.updateAutoOkta),
  delete: (c: RedshiftIntegrationClient, id: string) => c.delete(id),
  'delete with credentials': (c: RedshiftIntegrationClient, id: string) => c.delete(id, credentials),
  regenerateApiKey: (c: RedshiftIntegrationClient, id: string) => c.regenerateApiKey(id),
  'scripts.edit': (c: RedshiftIntegrationClient, id: string) => c.scripts.edit(id, payloads.updateManualOkta),
  'scripts.delete': (c: RedshiftIntegrationClient, id: string) => c.scripts.delete(id),
  waitForStatus: (c: RedshiftIntegrationClient, id: string) => c.waitForStatus(id, quick),
  updateAndWait: (c: RedshiftIntegrationClient, id: string) => c.updateAndWait(id, payloads.updateAutoOkta, quick),
  deleteAndWait: (c: RedshiftIntegrationClient, id: string) => c.deleteAndWait(id, credentials, quick),
  'manualDelete().delete': (c: RedshiftIntegrationClient, id: string) =>
    Promise.resolve().then(() => c.manualDelete(id).delete()),
};

const badIds = ['', ' ', '.', '..', '../..', 'a/b', '..\\..', '5\n', '\u0085', '\u009b', '\ud800', 'a\udc00b'];

describe('ids that are not a single path segment are refused before sending', () => {
  it.each(
    Object.entries(methods).flatMap(([name, call]) =>
      badIds.map((id) => [name, JSON.stringify(id), id, call] as const),
    ),
  )('%s(%s)', async (_name, _shown, id, call) => {
    let result: unknown;
    // Promise-returning methods never throw synchronously: the failure is a rejected promise.
    expect(() => {
      result = call(client(), id);
    }).not.toThrow();
    expect(result).toBeInstanceOf(Promise);
    const error = await rejectionOf(result as Promise<unknown>);
    expect(error).toBeInstanceOf(PayloadValidationError);
    expect((error as PayloadValidationError).issues[0]?.path).toBe('id');
    expect(server.requests).toBe(0);
  });

  it('keeps ids that are ordinary strings and numbers', async () => {
    const seen: string[] = [];
    server.behave((request, response) => {
      seen.push(request.url ?? '');
      json(response, 200, { id: '1', status: 'enabled' });
    });
    await client().get('123456789');
    await client().get(42);
    await client().get('name with spaces?#');
    expect(seen).toEqual([
      '/immuta/integrations/123456789',
      '/immuta/integrations/42',
      '/immuta/integrations/name%20with%20spaces%3F%23',
    ]);
  });
});
