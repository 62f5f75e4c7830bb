import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, RedshiftIntegrationClient } from '../src/index.js';
import { VERSION } from '../src/version.js';
import { API_KEY, BASE_URL, useMockImmuta } from './support/msw.js';

const server = useMockImmuta();

afterEach(() => {
  vi.unstubAllEnvs();
});

function construct(options: ConstructorParameters<typeof RedshiftIntegrationClient>[0]): unknown {
  try {
    return new RedshiftIntegrationClient(options);
  } catch (error) {
    return error;
  }
}

describe('connection settings', () => {
  it('reads IMMUTA_URL and IMMUTA_API_KEY from the environment', async () => {
    vi.stubEnv('IMMUTA_URL', BASE_URL);
    vi.stubEnv('IMMUTA_API_KEY', 'key-from-env');
    let authorization: string | null = null;
    server.use(
      http.get(`${BASE_URL}/integrations`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json([]);
      }),
    );

    await new RedshiftIntegrationClient().list();

    expect(authorization).toBe('key-from-env');
  });

  it('names the environment variables when the URL or the key is missing', () => {
    vi.stubEnv('IMMUTA_URL', '');
    vi.stubEnv('IMMUTA_API_KEY', '');
    const noUrl = construct({ apiKey: API_KEY });
    const noKey = construct({ baseUrl: BASE_URL });
    expect(noUrl).toBeInstanceOf(ConfigurationError);
    expect((noUrl as Error).message).toContain('IMMUTA_URL');
    expect(noKey).toBeInstanceOf(ConfigurationError);
    expect((noKey as Error).message).toContain('IMMUTA_API_KEY');
  });

  it('keeps a path prefix in the base URL', async () => {
    let path = '';
    server.use(
      http.get(`${BASE_URL}/immuta/integrations/5`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json({ id: '5', status: 'enabled' });
      }),
    );
    await new RedshiftIntegrationClient({ baseUrl: `${BASE_URL}/immuta`, apiKey: API_KEY }).get(5);
    expect(path).toBe('/immuta/integrations/5');
  });

  it.each([
    ['ftp://immuta.example.com', /https: or http:/],
    ['not a url', /not a valid absolute URL/],
    ['https://immuta.example.com/?tenant=1', /query string/],
    ['http://immuta.example.com', /clear text.*allowInsecureHttp/],
  ])('refuses the base URL %s', (baseUrl, message) => {
    const error = construct({ baseUrl, apiKey: API_KEY });
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(message);
  });

  it('refuses credentials in the URL without repeating them', () => {
    const error = construct({ baseUrl: 'https://admin:s3cret-pass@immuta.example.com', apiKey: API_KEY });
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(JSON.stringify(error) + (error as Error).message + (error as Error).stack).not.toContain('s3cret-pass');
  });

  it.each(['http://localhost:8080', 'http://127.0.0.1:3000', 'http://[::1]:3000'])(
    'allows plain http to the loopback host %s',
    (baseUrl) => {
      expect(construct({ baseUrl, apiKey: API_KEY })).toBeInstanceOf(RedshiftIntegrationClient);
    },
  );

  it('allows plain http to a remote host only with allowInsecureHttp', () => {
    expect(construct({ baseUrl: 'http://immuta.internal', apiKey: API_KEY, allowInsecureHttp: true })).toBeInstanceOf(
      RedshiftIntegrationClient,
    );
  });

  it.each([{ timeoutMs: 0 }, { timeoutMs: -1 }, { retry: -1 }, { retry: 1.5 }, { bodyFormat: 'xml' as 'json' }])(
    'refuses the option %o',
    (options) => {
      expect(construct({ baseUrl: BASE_URL, apiKey: API_KEY, ...options })).toBeInstanceOf(ConfigurationError);
    },
  );
});

describe('headers and fetch', () => {
  it('sends client and per-call headers, but never lets them replace Authorization', async () => {
    let headers = new Headers();
    server.use(
      http.get(`${BASE_URL}/integrations`, ({ request }) => {
        headers = request.headers;
        return HttpResponse.json([]);
      }),
    );
    const client = new RedshiftIntegrationClient({
      baseUrl: BASE_URL,
      apiKey: API_KEY,
      headers: { 'x-team': 'platform', authorization: 'forged' },
      userAgent: 'setup-script/1.0',
    });

    await client.list({ headers: { 'x-request-id': 'abc', Authorization: 'forged too' } });

    expect(headers.get('x-team')).toBe('platform');
    expect(headers.get('x-request-id')).toBe('abc');
    expect(headers.get('user-agent')).toBe('setup-script/1.0');
    expect(headers.get('authorization')).toBe(API_KEY);
  });

  it('uses the fetch it is given', async () => {
    const fetch = vi.fn(async () => Response.json([{ id: 1, status: 'enabled' }]));
    const client = new RedshiftIntegrationClient({ baseUrl: BASE_URL, apiKey: API_KEY, fetch });
    expect(await client.list()).toEqual([{ id: '1', status: 'enabled' }]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('trims a key read with a trailing newline', async () => {
    let authorization: string | null = null;
    server.use(
      http.get(`${BASE_URL}/integrations`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json([]);
      }),
    );
    await new RedshiftIntegrationClient({ baseUrl: BASE_URL, apiKey: () => `${API_KEY}\n` }).list();
    expect(authorization).toBe(API_KEY);
  });

  it('refuses an apiKey function that fails, without repeating its error', async () => {
    const client = new RedshiftIntegrationClient({
      baseUrl: BASE_URL,
      apiKey: () => {
        throw new Error('vault token t0p-secret expired');
      },
    });
    const error = await client.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(JSON.stringify(error) + (error as Error).message).not.toContain('t0p-secret');
  });

  it('reports the package version in its User-Agent', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
