import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ConnectionError, RateLimitError, RequestAbortedError, ServerError } from '../src/index.js';
import { payloads, responses } from './support/fixtures.js';
import { BASE_URL, testClient, useMockImmuta } from './support/msw.js';

const server = useMockImmuta();

/** Answers with each of `answers` in turn (the last repeats) and counts the requests. */
function sequence(method: 'get' | 'post' | 'put' | 'delete', path: string, answers: (() => Response)[]) {
  const calls = { count: 0 };
  server.use(
    http[method](`${BASE_URL}${path}`, () => {
      const answer = answers[Math.min(calls.count, answers.length - 1)]!;
      calls.count += 1;
      return answer();
    }),
  );
  return calls;
}

const unavailable = () => HttpResponse.json({ statusCode: 503, error: 'Service Unavailable' }, { status: 503 });
const tooMany = (retryAfter?: string) =>
  HttpResponse.json(
    { statusCode: 429, error: 'Too Many Requests' },
    { status: 429, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } },
  );

describe('retries', () => {
  const client = testClient();

  it('retries a GET on 503 and succeeds', async () => {
    const calls = sequence('get', '/integrations/1', [unavailable, () => HttpResponse.json(responses.getRedshift)]);
    expect((await client.get(1)).status).toBe('enabled');
    expect(calls.count).toBe(2);
  });

  it('retries PUT and DELETE on gateway errors', async () => {
    const gateway = () => new HttpResponse('bad gateway', { status: 502 });
    const put = sequence('put', '/integrations/1', [gateway, () => HttpResponse.json(responses.editing)]);
    const del = sequence('delete', '/integrations/1', [gateway, () => HttpResponse.json(responses.deleting)]);
    await client.update(1, payloads.updateAutoOkta);
    await client.delete(1);
    expect([put.count, del.count]).toEqual([2, 2]);
  });

  it('retries a GET after a network error', async () => {
    const calls = sequence('get', '/integrations', [() => HttpResponse.error(), () => HttpResponse.json([])]);
    expect(await client.list()).toEqual([]);
    expect(calls.count).toBe(2);
  });

  it('gives up after the retry limit (2 retries by default) with the last error', async () => {
    const calls = sequence('get', '/integrations', [unavailable]);
    await expect(client.list()).rejects.toBeInstanceOf(ServerError);
    expect(calls.count).toBe(3);
  });

  it('never retries a create on 503: the first attempt may have created the integration', async () => {
    const calls = sequence('post', '/integrations', [unavailable, () => HttpResponse.json(responses.creating)]);
    await expect(client.create(payloads.autoUserPassword)).rejects.toBeInstanceOf(ServerError);
    expect(calls.count).toBe(1);
  });

  it('never retries a create after a network error', async () => {
    const calls = sequence('post', '/integrations', [
      () => HttpResponse.error(),
      () => HttpResponse.json(responses.creating),
    ]);
    await expect(client.create(payloads.autoUserPassword)).rejects.toBeInstanceOf(ConnectionError);
    expect(calls.count).toBe(1);
  });

  it('retries a create on 429, which proves nothing was created', async () => {
    const calls = sequence('post', '/integrations', [() => tooMany('0'), () => HttpResponse.json(responses.creating)]);
    expect((await client.create(payloads.autoUserPassword)).status).toBe('creating');
    expect(calls.count).toBe(2);
  });

  it('turns retries off with retry: 0', async () => {
    const calls = sequence('get', '/integrations', [unavailable, () => HttpResponse.json([])]);
    await expect(testClient({ retry: 0 }).list()).rejects.toBeInstanceOf(ServerError);
    expect(calls.count).toBe(1);
  });
});

describe('Retry-After', () => {
  // A backoff this long would time the test out: passing proves the server's Retry-After was used instead.
  const patient = testClient({ retry: { limit: 2, baseDelayMs: 600_000, maxDelayMs: 600_000 } });

  it('waits what Retry-After in seconds asks instead of backing off', async () => {
    const calls = sequence('get', '/integrations', [() => tooMany('0'), () => HttpResponse.json([])]);
    expect(await patient.list()).toEqual([]);
    expect(calls.count).toBe(2);
  });

  it('reads Retry-After as an HTTP date', async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    const calls = sequence('get', '/integrations', [() => tooMany(past), () => HttpResponse.json([])]);
    expect(await patient.list()).toEqual([]);
    expect(calls.count).toBe(2);
  });

  it('gives up at once, and says why, when Retry-After exceeds maxRetryAfterMs', async () => {
    const calls = sequence('get', '/integrations', [() => tooMany('3600'), () => HttpResponse.json([])]);
    const error = await patient.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect((error as RateLimitError).message).toMatch(
      /asked to wait 3600 s before retrying, longer than the 60 s the client waits at most/,
    );
    expect(calls.count).toBe(1);
  });

  it('stops waiting and sends nothing more when aborted during a backoff', async () => {
    const calls = sequence('get', '/integrations', [() => tooMany('30'), () => HttpResponse.json([])]);
    const controller = new AbortController();
    const call = patient.list({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toBeInstanceOf(RequestAbortedError);
    expect(calls.count).toBe(1);
  });
});

describe('API key sources', () => {
  it('asks a key function before every attempt, so a rotated key is picked up on retry', async () => {
    const keys = ['old-key', 'new-key'];
    const seen: (string | null)[] = [];
    server.use(
      http.get(`${BASE_URL}/integrations`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return seen.length === 1 ? HttpResponse.json({ statusCode: 401 }, { status: 503 }) : HttpResponse.json([]);
      }),
    );
    const client = testClient({ apiKey: async () => keys.shift() ?? 'none' });
    await client.list();
    expect(seen).toEqual(['old-key', 'new-key']);
  });
});
