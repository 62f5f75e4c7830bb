import { inspect } from 'node:util';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  ImmutaApiError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestAbortedError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
} from '../src/index.js';
import { payloads } from './support/fixtures.js';
import { API_KEY, BASE_URL, testClient, useMockImmuta } from './support/msw.js';
import { rejectionOf } from './support/rejection.js';

const server = useMockImmuta();
const client = testClient({ retry: 0 });

function failWith(status: number, body: string | object, headers: Record<string, string> = {}) {
  server.use(
    http.all(`${BASE_URL}/integrations*`, () =>
      typeof body === 'string'
        ? new HttpResponse(body, { status, headers })
        : HttpResponse.json(body, { status, headers }),
    ),
  );
}

describe('HTTP errors', () => {
  it.each([
    [400, BadRequestError, 'Bad Request', 'Invalid request payload input'],
    [401, AuthenticationError, 'Unauthorized', 'Invalid API key'],
    [403, PermissionDeniedError, 'Forbidden', 'APPLICATION_ADMIN permission required'],
    [404, NotFoundError, 'Not Found', 'No Integration found with ID 5.'],
    [409, ConflictError, 'Conflict', 'An integration already exists for host (id 7).'],
    [
      422,
      UnprocessableEntityError,
      'Unprocessable entity',
      'Validation of prerequisite setup failed. Unable to create integration.',
    ],
    [429, RateLimitError, 'Too Many Requests', 'Slow down'],
    [500, ServerError, 'Internal Server Error', 'Something broke'],
    [503, ServerError, 'Service Unavailable', 'Down for maintenance'],
    [418, ImmutaApiError, "I'm a teapot", 'Short and stout'],
  ] as const)('maps %i to %o with the server’s message', async (status, ErrorClass, error, message) => {
    failWith(status, { statusCode: status, error, message });

    const caught = (await rejectionOf(client.get(5))) as ImmutaApiError;

    expect(caught).toBeInstanceOf(ErrorClass);
    expect(caught.name).toBe(ErrorClass.name);
    expect(caught.status).toBe(status);
    expect(caught.body).toEqual({ statusCode: status, error, message });
    expect(caught.method).toBe('GET');
    expect(caught.path).toBe('/integrations/5');
    expect(caught.message).toContain(message);
  });

  it('explains an HTML page from a proxy instead of dumping it', async () => {
    failWith(502, '<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>', {
      'content-type': 'text/html',
    });

    const caught = (await rejectionOf(client.list())) as ServerError;

    expect(caught).toBeInstanceOf(ServerError);
    expect(caught.body).toBeUndefined();
    expect(caught.message).toContain('HTML page ("502 Bad Gateway")');
    expect(caught.message).toContain('proxy');
    expect(caught.message).not.toContain('<center>');
  });

  it('says so when an error has an empty body', async () => {
    failWith(500, '');
    expect((await rejectionOf(client.list())).message).toMatch(/empty response body/);
  });

  it('keeps a truncated JSON error body readable', async () => {
    failWith(500, '{"statusCode":500,"error":"Inter', { 'content-type': 'application/json' });
    const caught = await rejectionOf(client.list());
    expect(caught).toBeInstanceOf(ServerError);
    expect(caught.message).toContain('{"statusCode":500,"error":"Inter');
  });

  it('scrubs the API key and the payload’s credentials from what the server echoes', async () => {
    failWith(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: `password abc1234 rejected for taylor@redshift.com using key ${API_KEY}`,
    });

    const caught = (await rejectionOf(client.create(payloads.autoUserPassword))) as BadRequestError;

    // The password and the key are hidden wherever they appear; the username is an identifier, kept in free text.
    expect(caught.message).toContain('password <REDACTED> rejected for taylor@redshift.com using key <REDACTED>');
    for (const rendering of [caught.message, JSON.stringify(caught), inspect(caught), String(caught.stack)]) {
      expect(rendering).not.toContain('abc1234');
      expect(rendering).not.toContain(API_KEY);
    }
  });

  it('renders the same fields in JSON and in util.inspect', async () => {
    failWith(404, { statusCode: 404, error: 'Not Found', message: 'No Integration found with ID 5.' });

    const caught = await rejectionOf(client.get(5));

    expect(JSON.parse(JSON.stringify(caught))).toEqual({
      name: 'NotFoundError',
      message: 'GET /integrations/5 failed with HTTP 404: No Integration found with ID 5.',
      status: 404,
      method: 'GET',
      path: '/integrations/5',
      body: { statusCode: 404, error: 'Not Found', message: 'No Integration found with ID 5.' },
    });
    expect(inspect(caught)).toMatch(/^NotFoundError: GET \/integrations\/5 failed/);
    expect(inspect(caught)).toContain('"status": 404');
  });
});

describe('unexpected success answers', () => {
  it('reports a 2xx body that is not JSON as a ResponseValidationError', async () => {
    server.use(http.get(`${BASE_URL}/integrations/1`, () => new HttpResponse('<html>ok</html>', { status: 200 })));
    const caught = (await rejectionOf(client.get(1))) as ResponseValidationError;
    expect(caught).toBeInstanceOf(ResponseValidationError);
    expect(caught.issues).toEqual([{ path: '(root)', message: expect.stringMatching(/does not parse/) }]);
  });

  it('lists every path that failed in a 2xx body of the wrong shape', async () => {
    server.use(
      http.get(`${BASE_URL}/integrations/3`, () =>
        HttpResponse.json({ status: 5, type: 'Redshift', config: { port: 'x' } }),
      ),
    );
    const caught = (await rejectionOf(client.get(3))) as ResponseValidationError;
    expect(caught.issues.map((issue) => issue.path)).toEqual(['id', 'status', 'config.port']);
    expect(caught.message).toContain('config.port');
  });

  it('lets a list through whatever its items are, as long as it is a list', async () => {
    server.use(http.get(`${BASE_URL}/integrations`, () => HttpResponse.json({ not: 'a list' })));
    expect((await rejectionOf(client.list())).message).toContain('expected an array of integrations');
  });

  it('reports an empty 2xx body where an integration was expected', async () => {
    server.use(http.post(`${BASE_URL}/integrations`, () => new HttpResponse(null, { status: 204 })));
    const caught = await rejectionOf(client.create(payloads.autoUserPassword));
    expect(caught).toBeInstanceOf(ResponseValidationError);
    expect(caught.message).toMatch(/empty/);
  });
});

describe('transport failures', () => {
  it('turns a network failure into a ConnectionError naming the URL', async () => {
    server.use(http.get(`${BASE_URL}/integrations`, () => HttpResponse.error()));
    const caught = (await rejectionOf(client.list())) as ConnectionError;
    expect(caught).toBeInstanceOf(ConnectionError);
    expect(caught.message).toContain(`${BASE_URL}/integrations`);
  });

  it('times an attempt out after timeoutMs', async () => {
    server.use(
      http.get(`${BASE_URL}/integrations`, async () => {
        await delay(5_000);
        return HttpResponse.json([]);
      }),
    );
    const caught = (await rejectionOf(client.list({ timeoutMs: 50 }))) as TimeoutError;
    expect(caught).toBeInstanceOf(TimeoutError);
    expect(caught.timeoutMs).toBe(50);
  });

  it('rejects with RequestAbortedError when the signal fires mid-request', async () => {
    server.use(
      http.get(`${BASE_URL}/integrations`, async () => {
        await delay(5_000);
        return HttpResponse.json([]);
      }),
    );
    const controller = new AbortController();
    const call = client.list({ signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await rejectionOf(call)).toBeInstanceOf(RequestAbortedError);
  });

  it('sends nothing when the signal has already fired', async () => {
    let requests = 0;
    server.use(
      http.get(`${BASE_URL}/integrations`, () => {
        requests += 1;
        return HttpResponse.json([]);
      }),
    );
    expect(await rejectionOf(client.list({ signal: AbortSignal.abort() }))).toBeInstanceOf(RequestAbortedError);
    expect(requests).toBe(0);
  });
});
