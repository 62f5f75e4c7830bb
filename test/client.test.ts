import { http, HttpResponse, type JsonBodyType } from 'msw';
import { describe, expect, it } from 'vitest';
import { isRedacted, isRedshiftIntegration, NotFoundError } from '../src/index.js';
import { payloads, responses } from './support/fixtures.js';
import { API_KEY, BASE_URL, type SeenRequest, see, testClient, useMockImmuta } from './support/msw.js';

const server = useMockImmuta();
const client = testClient();

/** Answers `method url` with `body` and records what the handler saw. */
function answer(method: 'get' | 'post' | 'put' | 'delete', path: string, body: JsonBodyType, init?: ResponseInit) {
  const seen: SeenRequest[] = [];
  server.use(
    http[method](`${BASE_URL}${path}`, async ({ request }) => {
      seen.push(await see(request));
      return typeof body === 'string' ? new HttpResponse(body, init) : HttpResponse.json(body, init);
    }),
  );
  return seen;
}

describe('automatic setup', () => {
  it.each([
    ['userPassword', payloads.autoUserPassword],
    ['okta with impersonation', payloads.autoOkta],
  ])('creates an integration with the guide’s %s payload, sent byte for byte', async (_name, payload) => {
    const seen = answer('post', '/integrations', responses.creating);

    const operation = await client.create(payload);

    expect(operation).toEqual(responses.creating);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toBe(JSON.stringify(payload));
    expect(seen[0]!.headers.get('content-type')).toBe('application/json');
    expect(seen[0]!.headers.get('accept')).toBe('application/json');
  });

  it('sends the API key raw in Authorization, as the guide does', async () => {
    const seen = answer('get', '/integrations', []);
    await client.list();
    expect(seen[0]!.headers.get('authorization')).toBe(API_KEY);
  });

  it('sends a User-Agent naming the SDK and its version', async () => {
    const seen = answer('get', '/integrations', []);
    await client.list();
    expect(seen[0]!.headers.get('user-agent')).toMatch(/^immuta-redshift\/\d+\.\d+\.\d+/);
  });

  it('updates with the guide’s automatic okta payload and returns the editing status', async () => {
    const seen = answer('put', '/integrations/123456789', responses.editing);

    const operation = await client.update('123456789', payloads.updateAutoOkta);

    expect(operation.status).toBe('editing');
    expect(seen[0]!.method).toBe('PUT');
    expect(JSON.parse(seen[0]!.body)).toEqual(payloads.updateAutoOkta);
  });

  it('deletes an automatic integration with its credentials in the body', async () => {
    const seen = answer('delete', '/integrations/123456789', responses.deleting);
    const credentials = {
      authenticationType: 'userPassword',
      username: 'taylor@redshift.com',
      password: 'abc1234',
    } as const;

    const operation = await client.delete('123456789', credentials);

    expect(operation.status).toBe('deleting');
    expect(JSON.parse(seen[0]!.body)).toEqual(credentials);
    expect(seen[0]!.headers.get('content-type')).toBe('application/json');
  });

  it('deletes a manual integration with no body at all', async () => {
    const seen = answer('delete', '/integrations/123456789', responses.deleting);

    await client.delete('123456789');

    expect(seen[0]!.body).toBe('');
    expect(seen[0]!.headers.has('content-type')).toBe(false);
  });
});

describe('reading integrations', () => {
  it('gets a Redshift integration whose credentials come back redacted', async () => {
    answer('get', '/integrations/123456789', responses.getRedshift);

    const integration = await client.get('123456789');

    expect(integration).toEqual(responses.getRedshift);
    expect(isRedshiftIntegration(integration)).toBe(true);
    if (!isRedshiftIntegration(integration)) return;
    expect(integration.config?.port).toBe(5439);
    expect(isRedacted(integration.config?.username)).toBe(true);
    expect(isRedacted(integration.config?.password)).toBe(true);
  });

  it('lists integrations of every type and passes unknown types through untouched', async () => {
    answer('get', '/integrations', responses.list);

    const integrations = await client.list();

    expect(integrations).toEqual(responses.list);
    expect(integrations.map((integration) => integration.type)).toEqual(['Snowflake', 'Databricks']);
    expect(integrations.filter(isRedshiftIntegration)).toEqual([]);
  });

  it('turns numeric ids into strings and keeps fields it does not know', async () => {
    answer('get', '/integrations/7', { id: 7, status: 'enabled', type: 'Redshift', futureField: { a: 1 } });

    const integration = await client.get(7);

    expect(integration.id).toBe('7');
    expect(integration).toMatchObject({ futureField: { a: 1 } });
  });

  it('accepts a status this SDK does not know yet', async () => {
    answer('get', '/integrations/1', { id: '1', status: 'quarantined' });
    expect((await client.get('1')).status).toBe('quarantined');
  });

  it('path-encodes ids', async () => {
    const seen = answer('get', '/integrations/a%20b%3F%23', { id: 'a b?#', status: 'enabled' });
    await client.get('a b?#');
    expect(seen[0]!.url.pathname).toBe('/integrations/a%20b%3F%23');
  });

  it('throws NotFoundError carrying Immuta’s message for an unknown id', async () => {
    answer(
      'get',
      '/integrations/5',
      { statusCode: 404, error: 'Not Found', message: 'No Integration found with ID 5.' },
      { status: 404 },
    );

    const error = await client.get(5).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain('No Integration found with ID 5.');
    expect((error as NotFoundError).path).toBe('/integrations/5');
  });

  it.each([
    ['a JSON object', { id: 9, status: 'creating' }, undefined, { id: '9', status: 'creating' }],
    ['a JSON string', '"enabled"', { headers: { 'content-type': 'application/json' } }, { status: 'enabled' }],
    ['plain text', 'editing', { headers: { 'content-type': 'text/plain' } }, { status: 'editing' }],
  ])('reads the status endpoint when it answers %s', async (_shape, body, init, expected) => {
    answer('get', '/integrations/9/status', body, init);
    expect(await client.getStatus(9)).toEqual(expected);
  });

  it('regenerates the integration’s API key and returns what the server sent', async () => {
    const seen = answer('post', '/integrations/3/regenerate', { id: 3, status: 'enabled' });
    expect(await client.regenerateApiKey(3)).toEqual({ id: '3', status: 'enabled' });
    expect(seen[0]!.body).toBe('');
  });

  it('treats an empty answer to regenerate as an empty object', async () => {
    answer('post', '/integrations/3/regenerate', '', { status: 200 });
    expect(await client.regenerateApiKey(3)).toEqual({});
  });
});

describe('manual setup scripts', () => {
  const SQL = 'CREATE DATABASE immuta;\nGRANT ALL ON DATABASE immuta TO immuta_system;';

  it.each([
    ['initialCreate', '/integrations/scripts/initial-create'],
    ['create', '/integrations/scripts/create'],
    ['cleanup', '/integrations/scripts/cleanup'],
  ] as const)('scripts.%s posts the manual payload to %s and returns the SQL', async (method, path) => {
    const seen = answer('post', path, SQL, { headers: { 'content-type': 'text/plain' } });

    const script = await client.scripts[method](payloads.manualOkta);

    expect(script).toBe(SQL);
    expect(seen[0]!.body).toBe(JSON.stringify(payloads.manualOkta));
  });

  it('scripts.edit posts the new payload for an integration', async () => {
    const seen = answer('post', '/integrations/123456789/scripts/edit', SQL, {
      headers: { 'content-type': 'text/plain' },
    });
    expect(await client.scripts.edit('123456789', payloads.updateManualOkta)).toBe(SQL);
    expect(JSON.parse(seen[0]!.body)).toEqual(payloads.updateManualOkta);
  });

  it('scripts.delete posts with no body', async () => {
    const seen = answer('post', '/integrations/123456789/scripts/delete', SQL, {
      headers: { 'content-type': 'text/plain' },
    });
    expect(await client.scripts.delete('123456789')).toBe(SQL);
    expect(seen[0]!.body).toBe('');
  });

  it.each([
    ['a JSON string', JSON.stringify(SQL)],
    ['a JSON object with a script field', JSON.stringify({ script: SQL })],
    ['a JSON object with one string field', JSON.stringify({ sql: SQL, lines: 2 })],
  ])('returns the script text when the server answers %s', async (_shape, body) => {
    answer('post', '/integrations/scripts/initial-create', body, { headers: { 'content-type': 'application/json' } });
    expect(await client.scripts.initialCreate(payloads.manualUserPassword)).toBe(SQL);
  });

  it('configures the integration with the same payload after the scripts ran', async () => {
    const seen = answer('post', '/integrations', responses.creating);
    await client.create(payloads.manualUserPassword);
    expect(seen[0]!.body).toBe(JSON.stringify(payloads.manualUserPassword));
  });
});
