import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogFields } from '../src/index.js';
import { BASE_URL, testClient, useMockImmuta } from './support/msw.js';

const server = useMockImmuta();

afterEach(() => {
  vi.restoreAllMocks();
});

function recorder() {
  const lines: { level: string; message: string; fields?: LogFields | undefined }[] = [];
  const at = (level: string) => (message: string, fields?: LogFields) => lines.push({ level, message, fields });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('logger', () => {
  it('is silent by default', async () => {
    const spies = (['debug', 'info', 'warn', 'error', 'log'] as const).map((level) => vi.spyOn(console, level));
    let attempt = 0;
    server.use(
      http.get(`${BASE_URL}/integrations`, () =>
        ++attempt === 1 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json([]),
      ),
    );
    await testClient().list();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('reports a retry as a warning with method, path, attempt and delay', async () => {
    const { lines, logger } = recorder();
    let attempt = 0;
    server.use(
      http.get(`${BASE_URL}/integrations`, () =>
        ++attempt === 1 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json([]),
      ),
    );

    await testClient({ logger }).list();

    const warning = lines.find((line) => line.level === 'warn');
    expect(warning?.message).toMatch(/^GET \/integrations answered 503; retry 1 of 2 in \d+ ms$/);
    expect(warning?.fields).toMatchObject({ method: 'GET', path: '/integrations', attempt: 1, error: 'ServerError' });
    expect(lines.at(-1)).toMatchObject({ level: 'debug', message: 'GET /integrations answered 200' });
  });

  it('reports each poll of a wait and its outcome', async () => {
    const { lines, logger } = recorder();
    const statuses = ['creating', 'enabled'];
    server.use(http.get(`${BASE_URL}/integrations/7`, () => HttpResponse.json({ id: '7', status: statuses.shift() })));

    await testClient({ logger }).waitUntilEnabled(7, { minDelayMs: 1, maxDelayMs: 2 });

    expect(lines.map((line) => `${line.level} ${line.message}`)).toEqual([
      'debug GET /integrations/7 answered 200',
      expect.stringMatching(/^debug integration 7: creating; next read in \d+ ms$/),
      'debug GET /integrations/7 answered 200',
      'info integration 7 reached enabled',
    ]);
  });

  it('never lets a broken logger break the call', async () => {
    server.use(http.get(`${BASE_URL}/integrations`, () => HttpResponse.json([])));
    const logger = {
      debug: () => {
        throw new Error('log sink down');
      },
    };
    expect(await testClient({ logger }).list()).toEqual([]);
  });
});
