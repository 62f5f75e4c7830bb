// Real sockets only: no MSW in this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedshiftIntegrationClient } from '../src/index.js';
import { json, programmableServer } from './support/http-server.js';

let server: Awaited<ReturnType<typeof programmableServer>>;
beforeAll(async () => {
  server = await programmableServer();
});
afterAll(() => server.close());

/** Runs `work` and collects any unhandled rejection raised meanwhile. */
async function withoutUnhandledRejections<T>(work: () => Promise<T>): Promise<T> {
  const unhandled: unknown[] = [];
  const listener = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', listener);
  try {
    const result = await work();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
    return result;
  } finally {
    process.off('unhandledRejection', listener);
  }
}

describe('under load', () => {
  it('answers 200 concurrent get() calls, each with its own integration', async () => {
    server.behave((request, response) => {
      const id = request.url?.split('/').pop();
      json(response, 200, { id, status: 'enabled', type: 'Redshift', config: { host: 'load.aws.amazon.com' } });
    });
    const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'load-key' });

    const integrations = await withoutUnhandledRejections(() =>
      Promise.all(Array.from({ length: 200 }, (_, index) => client.get(index))),
    );

    expect(integrations.map((integration) => integration.id)).toEqual(Array.from({ length: 200 }, (_, i) => String(i)));
    expect(server.requests).toBe(200);
  });

  it('rides out a burst of 429s with Retry-After without going past the retry limit', async () => {
    const attempts = new Map<string, number>();
    server.behave((request, response) => {
      const path = request.url ?? '';
      const attempt = (attempts.get(path) ?? 0) + 1;
      attempts.set(path, attempt);
      if (attempt <= 2) json(response, 429, { statusCode: 429, error: 'Too Many Requests' }, { 'retry-after': '0' });
      else json(response, 200, { id: path.split('/').pop(), status: 'enabled' });
    });
    const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'load-key', retry: 2 });

    await withoutUnhandledRejections(() => Promise.all(Array.from({ length: 50 }, (_, index) => client.get(index))));

    expect(attempts.size).toBe(50);
    expect(Math.max(...attempts.values())).toBe(3); // two retries, as configured: never a fourth attempt
  });
});
