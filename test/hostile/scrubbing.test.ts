/**
 * What a hostile server echoes never reaches an error, a log line or a cause — in any encoding — and
 * scrubbing never mangles an ordinary message. Real sockets only.
 */
import { createServer as createTcpServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { stringify as toYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConflictError,
  ConnectionError,
  type ImmutaError,
  IntegrationFailedError,
  type LogFields,
  RedshiftIntegrationClient,
  type RedshiftIntegrationClientOptions,
  type RedshiftIntegrationPayload,
  WaitTimeoutError,
} from '../../src/index.js';
import { createVirtualClock } from '../../src/testing/index.js';
import { json, programmableServer } from '../support/http-server.js';
import { rejectionOf } from '../support/rejection.js';

const KEY = 'SCRUB-CANARY-KEY-e4a1c93b';
let server: Awaited<ReturnType<typeof programmableServer>>;
beforeAll(async () => {
  server = await programmableServer();
});
afterAll(() => server.close());

const logLines: string[] = [];
const logger = Object.fromEntries(
  (['debug', 'info', 'warn', 'error'] as const).map((level) => [
    level,
    (message: string, fields?: LogFields) => logLines.push(`${message} ${JSON.stringify(fields)}`),
  ]),
);

function client(options: RedshiftIntegrationClientOptions = {}) {
  return new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: KEY, retry: 0, logger, ...options });
}

function payload(password: string, username = 'taylor@redshift.com', database = 'immuta'): RedshiftIntegrationPayload {
  return {
    type: 'Redshift',
    autoBootstrap: true,
    config: {
      host: 'scrub.aws.amazon.com',
      database,
      initialDatabase: 'dev',
      authenticationType: 'userPassword',
      username,
      password,
    },
  };
}

/** Every way an error can be printed, with its cause chain. */
function renderings(error: unknown): string {
  const out: string[] = [];
  for (let each: unknown = error, depth = 0; each !== undefined && depth < 10; depth += 1) {
    const asError = each as Error;
    out.push(String(each), asError.message, String(asError.stack), JSON.stringify(each));
    out.push(inspect(each), inspect(each, { depth: null, showHidden: true }));
    each = asError.cause;
  }
  return out.join('\n');
}

const quick = { minDelayMs: 1, maxDelayMs: 2 };

describe('statuses the server sends are scrubbed', () => {
  it('in WaitTimeoutError (message, lastStatus, toJSON) and in log lines', async () => {
    const PASSWORD = 'status-canary-pw-6f2d';
    logLines.length = 0;
    server.behave((_request, response) => json(response, 200, { id: '1', status: `creating ${KEY} ${PASSWORD}` }));
    const error = (await rejectionOf(() =>
      // On a virtual clock: the wait times out after its reads, however slow the machine.
      client({ clock: createVirtualClock() }).updateAndWait(1, payload(PASSWORD), { ...quick, timeoutMs: 100 }),
    )) as WaitTimeoutError;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.lastStatus).toBe('creating <REDACTED> <REDACTED>');
    const everything = `${renderings(error)}\n${logLines.join('\n')}`;
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(PASSWORD);
    expect(logLines.length).toBeGreaterThan(0);
  });

  it('in IntegrationFailedError, whose message names each failed test and its message', async () => {
    const PASSWORD = 'failed-canary-pw-3a7e';
    server.behave((_request, response) =>
      json(response, 200, {
        id: '1',
        status: `createError`,
        validationResults: {
          status: 'failed',
          validationTests: [{ name: `Connect with ${PASSWORD}`, status: 'failed', message: `key ${KEY} refused` }],
        },
      }),
    );
    const error = await rejectionOf(() => client().updateAndWait(1, payload(PASSWORD), quick));
    expect(error).toBeInstanceOf(IntegrationFailedError);
    expect(renderings(error)).not.toContain(PASSWORD);
    expect(renderings(error)).not.toContain(KEY);
  });
});

describe('error bodies are scrubbed before they are shaped', () => {
  it('a password straddling the 300-character cut leaks no prefix', async () => {
    const PASSWORD = 'straddle-canary-password-0c9b';
    server.behave((_request, response) => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(`${'x'.repeat(290)}${PASSWORD} and more`);
    });
    const error = await rejectionOf(() => client().create(payload(PASSWORD)));
    expect(renderings(error)).not.toContain(PASSWORD.slice(0, 10));
  });

  it('a password holding runs of spaces leaks neither raw nor collapsed', async () => {
    const PASSWORD = 'spaced   canary    pass  phrase';
    server.behave((_request, response) => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(`rejected:\n  ${PASSWORD}\n`);
    });
    const error = await rejectionOf(() => client().create(payload(PASSWORD)));
    expect(renderings(error)).not.toContain('canary pass phrase');
    expect(renderings(error)).not.toContain('canary');
  });
});

describe('encoded forms of secrets are scrubbed', () => {
  const PASSWORD = 'ünï&"cödé <canary> pass/phrase+1 with spaces';
  /** How a careless server may echo the secret; each returns the whole echo and the part that encodes the secret. */
  const encodings: [string, (secret: string, body: string) => { echo: string; encoded: string }][] = [
    [
      'JSON with \\u escapes (Python ensure_ascii)',
      (secret) => wrap(`{"message": "bad ${asciiJson(secret)}"}`, asciiJson(secret)),
    ],
    [
      '\\u escapes shown as text (double-escaped)',
      (secret) => wrap(JSON.stringify({ message: `bad ${asciiJson(secret)}` }), asciiJson(asciiJson(secret))),
    ],
    ['every character \\u-escaped', (secret) => wrap(`{"message":"bad ${uEscape(secret)}"}`, uEscape(secret))],
    [
      'the request body as a JSON string',
      (_secret, body) => wrap(JSON.stringify({ message: JSON.stringify(body) }), ''),
    ],
    ['URL encoding', (secret) => wrap(`bad password=${encodeURIComponent(secret)}`, encodeURIComponent(secret))],
    [
      'form encoding',
      (secret) =>
        wrap(
          `bad ${new URLSearchParams({ password: secret })}`,
          new URLSearchParams({ p: secret }).toString().slice(2),
        ),
    ],
    ['base64', (secret) => wrap(`bad ${b64(secret)}`, b64(secret))],
    [
      'base64url',
      (secret) => wrap(`bad ${Buffer.from(secret).toString('base64url')}`, Buffer.from(secret).toString('base64url')),
    ],
    [
      'base64 of a larger blob, at each alignment',
      (secret) => {
        const blobs = ['u:', 'us:', 'use:'].map((prefix) => b64(`${prefix}${secret}:end`));
        return {
          echo: `bad ${blobs.join(' ')}`,
          encoded: blobs.map((blob, i) => blob.slice(4, -8) + (i ? '' : '')).join(' '),
        };
      },
    ],
    ['base64 of the whole request body', (_secret, body) => wrap(`echo ${b64(body)}`, '')],
    [
      'named HTML entities',
      (secret) => wrap(`<html><title>bad ${htmlEscape(secret)}</title></html>`, htmlEscape(secret)),
    ],
    [
      'numeric HTML entities',
      (secret) =>
        wrap(
          `bad ${[...secret].map((c) => `&#${c.codePointAt(0)};`).join('')}`,
          [...secret].map((c) => `&#${c.codePointAt(0)};`).join(''),
        ),
    ],
    [
      'hex HTML entities',
      (secret) =>
        wrap(
          `bad ${[...secret].map((c) => `&#x${c.codePointAt(0)?.toString(16)};`).join('')}`,
          [...secret].map((c) => `&#x${c.codePointAt(0)?.toString(16)};`).join(''),
        ),
    ],
    [
      'a YAML echo of the body, folding the long passphrase across lines',
      (_secret, body) => wrap(toYaml({ received: JSON.parse(body) }), ''),
    ],
    ['whitespace collapsed', (secret) => wrap(`bad ${secret.replace(/\s+/g, ' ')}`, secret.replace(/\s+/g, ' '))],
  ];

  it.each(encodings)('%s', async (_name, encode) => {
    const secret = `${PASSWORD} and correct horse battery staple, many more words to pass eighty columns`;
    let encoded = '';
    server.behave((_request, response, body) => {
      const echo = encode(secret, body);
      encoded = echo.encoded;
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(echo.echo);
    });
    const text = renderings(await rejectionOf(() => client().create(payload(secret))));
    // A prefix of each encoded piece: a cut message would still show it.
    for (const part of encoded.split(' ').filter((each) => each.length >= 8)) {
      expect(text).not.toContain(part.slice(0, 24));
    }
    expect(text).not.toContain('canary');
    expect(text).not.toMatch(/horse\s+battery/);
  });

  it('in the API key too', async () => {
    server.behave((_request, response) => {
      response.writeHead(401, { 'content-type': 'text/plain' });
      response.end(`key ${b64(KEY)} or ${encodeURIComponent(KEY)} or ${uEscape(KEY)}`);
    });
    const text = renderings(await rejectionOf(() => client().list()));
    expect(text).not.toContain(b64(KEY).slice(0, -4));
    expect(text).not.toContain(uEscape(KEY).slice(0, 30));
    expect(text).not.toContain(KEY);
  });
});

function wrap(echo: string, encoded: string) {
  return { echo, encoded };
}

function b64(text: string): string {
  return Buffer.from(text).toString('base64');
}

describe('scrubbing keeps ordinary messages readable', () => {
  it('a username equal to the database name blanks neither the message nor the config', async () => {
    server.behave((_request, response, body) => {
      if (JSON.parse(body || '{}').type) {
        return json(response, 409, {
          statusCode: 409,
          error: 'Conflict',
          message: 'Redshift integration already exists on scrub.aws.amazon.com (id = 7). Database immuta is taken.',
        });
      }
      return undefined;
    });
    const conflict = (await rejectionOf(() =>
      client().create(payload('a-long-enough-password', 'immuta')),
    )) as ConflictError;
    expect(conflict.message).toContain('Database immuta is taken.');

    server.behave((_request, response) =>
      json(response, 200, {
        id: '7',
        status: 'createError',
        type: 'Redshift',
        config: { host: 'scrub.aws.amazon.com', database: 'immuta', username: 'immuta', password: 'x' },
      }),
    );
    const failed = (await rejectionOf(() =>
      client().updateAndWait(7, payload('a-long-enough-password', 'immuta'), quick),
    )) as IntegrationFailedError;
    const config = failed.integration.config as Record<string, unknown>;
    expect(config.database).toBe('immuta');
    expect(config.username).toBe('<REDACTED>');
    expect(config.password).toBe('<REDACTED>');
  });

  it('a short password is hidden where it stands alone, not inside other words', async () => {
    server.behave((_request, response) =>
      json(response, 409, {
        statusCode: 409,
        error: 'Conflict',
        message: 'Redshift integration already exists on scrub.aws.amazon.com (id = 7); password a was refused',
      }),
    );
    const error = await rejectionOf(() => client().create(payload('a')));
    expect(error.message).toContain(
      'Redshift integration already exists on scrub.aws.amazon.com (id = 7); password <REDACTED> was refused',
    );
  });
});

describe('a cause never holds raw response bytes', () => {
  let raw: Server;
  let url = '';
  beforeAll(async () => {
    raw = createTcpServer((socket) =>
      socket.once('data', () =>
        socket.end(`HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Echo: \x01raw-bytes-canary\r\n\r\n{}`),
      ),
    );
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => raw.close(() => resolve())));

  it('a malformed HTTP answer becomes a ConnectionError whose cause is a summary', async () => {
    const error = await rejectionOf(() =>
      new RedshiftIntegrationClient({ baseUrl: url, apiKey: KEY, retry: 0 }).list(),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toBe('HPE_INVALID_HEADER_TOKEN');
    expect(renderings(error)).not.toContain('raw-bytes-canary');
    expect(Object.values(error.cause as object).join(' ')).not.toContain('raw-bytes-canary');
  });
});

function asciiJson(text: string): string {
  return JSON.stringify(text)
    .slice(1, -1)
    .replace(/[^\x20-\x7e]/g, (c) => uEscape(c));
}

function uEscape(c: string): string {
  return [...c].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
}

function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export type { ImmutaError };
