// Every failure path over real HTTP. Real sockets only: no MSW in this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectionError,
  NotFoundError,
  RateLimitError,
  RedshiftIntegrationClient,
  type RedshiftIntegrationClientOptions,
  RequestAbortedError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
} from '../src/index.js';
import { createVirtualClock } from '../src/testing/index.js';
import { payloads } from './support/fixtures.js';
import { json, programmableServer } from './support/http-server.js';
import { rejectionOf } from './support/rejection.js';

let server: Awaited<ReturnType<typeof programmableServer>>;
beforeAll(async () => {
  server = await programmableServer();
});
afterAll(() => server.close());

function client(options: RedshiftIntegrationClientOptions = {}) {
  return new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'http-key', retry: 0, ...options });
}

describe('error answers', () => {
  it("reads Immuta's { statusCode, error, message } body", async () => {
    server.behave((_q, response) =>
      json(response, 422, {
        statusCode: 422,
        error: 'Unprocessable entity',
        message: 'Validation of prerequisite setup failed. Unable to create integration.',
      }),
    );
    const error = await rejectionOf(client().create(payloads.autoUserPassword));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.message).toContain('Validation of prerequisite setup failed. Unable to create integration.');
  });

  it('describes an HTML error page from a proxy', async () => {
    server.behave((_q, response) => {
      response.writeHead(504, { 'content-type': 'text/html' });
      response.end('<!DOCTYPE html><html><head><title>504 Gateway Time-out</title></head><body>…</body></html>');
    });
    const error = await rejectionOf(client().list());
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toContain('HTML page ("504 Gateway Time-out")');
  });

  it('names an empty error body', async () => {
    server.behave((_q, response) => {
      response.writeHead(404);
      response.end();
    });
    const error = await rejectionOf(client().get(5));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('empty response body');
  });

  it('reports truncated JSON in a success as a ResponseValidationError', async () => {
    server.behave((_q, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"id":"1","status":"ena');
    });
    expect(await rejectionOf(client().get(1))).toBeInstanceOf(ResponseValidationError);
  });

  it('lists the paths that failed in a success of the wrong shape', async () => {
    server.behave((_q, response) => json(response, 200, { id: null, status: 42, validationResults: 'passed' }));
    const error = (await rejectionOf(client().get(1))) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues.map((issue) => issue.path)).toEqual(['id', 'status', 'validationResults']);
  });
});

describe('broken connections', () => {
  it('turns connection refused into a ConnectionError with its code', async () => {
    const closed = await programmableServer();
    await closed.close();
    const error = (await rejectionOf(
      new RedshiftIntegrationClient({ baseUrl: closed.url, apiKey: 'k', retry: 0 }).list(),
    )) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('turns a connection reset mid-body into a ConnectionError', async () => {
    server.behave((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('[{"id":"1","status":"enab');
      setTimeout(() => request.socket.destroy(), 20);
    });
    expect(await rejectionOf(client().list())).toBeInstanceOf(ConnectionError);
  });

  it('times out a server that never answers', async () => {
    server.behave(() => undefined);
    const error = (await rejectionOf(client().list({ timeoutMs: 150 }))) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.timeoutMs).toBe(150);
  });

  it('times out a slow trickle: the timeout covers the body, not only the headers', async () => {
    server.behave((_q, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const drip = setInterval(() => response.write(' '), 20);
      response.on('close', () => clearInterval(drip));
    });
    expect(await rejectionOf(client().list({ timeoutMs: 300 }))).toBeInstanceOf(TimeoutError);
  });

  it('retries a read that hit a reset, and succeeds', async () => {
    let attempt = 0;
    server.behave((request, response) => {
      attempt += 1;
      if (attempt === 1) request.socket.destroy();
      else json(response, 200, []);
    });
    expect(await client({ retry: { limit: 2, baseDelayMs: 1 } }).list()).toEqual([]);
    expect(server.requests).toBe(2);
  });
});

describe('Retry-After over HTTP', () => {
  const tooMany = (retryAfter: string) => {
    let attempt = 0;
    server.behave((_q, response) => {
      attempt += 1;
      if (attempt === 1)
        json(response, 429, { statusCode: 429, error: 'Too Many Requests' }, { 'retry-after': retryAfter });
      else json(response, 200, []);
    });
  };
  // Backoff this long would time the test out: finishing proves the server's Retry-After was used.
  // Backoff so long that only Retry-After can explain a short pause; the pause itself on a virtual clock.
  const clock = createVirtualClock();
  const patient = () => client({ retry: { limit: 2, baseDelayMs: 600_000, maxDelayMs: 600_000 }, clock });

  it('waits Retry-After given in seconds', async () => {
    tooMany('1');
    const started = clock.now();
    expect(await patient().list()).toEqual([]);
    expect(clock.now() - started).toBe(1000);
  });

  it('waits Retry-After given as an HTTP date', async () => {
    tooMany(new Date(Date.now() + 2_000).toUTCString());
    const started = clock.now();
    expect(await patient().list()).toEqual([]);
    // An HTTP date has whole seconds: between one and two seconds from now.
    expect(clock.now() - started).toBeGreaterThan(900);
    expect(clock.now() - started).toBeLessThanOrEqual(2000);
  });

  it('refuses to hang for a Retry-After of an hour, and says why', async () => {
    tooMany('3600');
    const error = (await rejectionOf(patient().list())) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toMatch(/asked to wait 3600 s/);
    expect(server.requests).toBe(1);
  });
});

describe('abort at every stage', () => {
  it('before sending: nothing reaches the server', async () => {
    server.behave((_q, response) => json(response, 200, []));
    expect(await rejectionOf(client().list({ signal: AbortSignal.abort() }))).toBeInstanceOf(RequestAbortedError);
    expect(server.requests).toBe(0);
  });

  it('while waiting for the answer', async () => {
    server.behave(() => undefined);
    expect(await rejectionOf(client().list({ signal: AbortSignal.timeout(100) }))).toBeInstanceOf(RequestAbortedError);
  });

  it('while the body trickles in', async () => {
    server.behave((_q, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('[');
      const drip = setInterval(() => response.write(' '), 20);
      response.on('close', () => clearInterval(drip));
    });
    expect(await rejectionOf(client().list({ signal: AbortSignal.timeout(150) }))).toBeInstanceOf(RequestAbortedError);
  });

  it('during a retry pause, with no further request', async () => {
    server.behave((_q, response) => json(response, 503, { statusCode: 503 }, { 'retry-after': '30' }));
    const call = client({ retry: 2 }).list({ signal: AbortSignal.timeout(200) });
    expect(await rejectionOf(call)).toBeInstanceOf(RequestAbortedError);
    expect(server.requests).toBe(1);
  });

  it('during a wait', async () => {
    server.behave((_q, response) => json(response, 200, { id: '1', status: 'creating' }));
    const waiting = client().waitUntilEnabled(1, { signal: AbortSignal.timeout(200), minDelayMs: 10_000 });
    expect(await rejectionOf(waiting)).toBeInstanceOf(RequestAbortedError);
    expect(server.requests).toBe(1);
  });
});

describe('connection failures without a system code', () => {
  it('names the platform’s reason, such as a port fetch refuses to use', async () => {
    const error = (await rejectionOf(
      new RedshiftIntegrationClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k', retry: 0 }).list(),
    )) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/could not reach Immuta at http:\/\/127\.0\.0\.1:1\/integrations \(bad port\)$/);
  });
});
