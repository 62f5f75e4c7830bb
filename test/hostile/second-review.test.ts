/**
 * What an adversarial review of the packed package broke, each case fixed at its cause. Real sockets only.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  ImmutaError,
  IntegrationFailedError,
  NotFoundError,
  PayloadValidationError,
  RedirectError,
  RedshiftIntegrationClient,
  type RedshiftIntegrationClientOptions,
  redactSecrets,
  RequestAbortedError,
  ResponseValidationError,
  TimeoutError,
  validateRedshiftPayload,
  WaitTimeoutError,
} from '../../src/index.js';
import { payloads } from '../support/fixtures.js';
import { json, programmableServer } from '../support/http-server.js';
import { rejectionOf } from '../support/rejection.js';

const KEY = '0123456789abcdef0123456789abcdef';
const PW = 'Pw-S3cr3t!Sup3rLong#Value_42';
const payload = {
  ...payloads.autoUserPassword,
  config: { ...payloads.autoUserPassword.config, password: PW },
};
const quick = { minDelayMs: 1, maxDelayMs: 2 };

let server: Awaited<ReturnType<typeof programmableServer>>;
beforeAll(async () => {
  server = await programmableServer();
});
afterAll(() => server.close());

function client(options: RedshiftIntegrationClientOptions = {}) {
  return new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: KEY, retry: 0, ...options });
}

function everything(error: unknown): string {
  const out: string[] = [];
  for (let each: unknown = error, depth = 0; each !== undefined && depth < 10; depth += 1) {
    out.push(
      String(each),
      String((each as Error).stack),
      JSON.stringify(each),
      inspect(each, { depth: null, showHidden: true }),
    );
    each = (each as Error).cause;
  }
  return out.join('\n');
}

describe('what the server chooses is scrubbed wherever it lands', () => {
  it('an id the server hands out, in every later error of the wait', async () => {
    for (const id of [KEY, PW]) {
      server.behave((request, response) =>
        request.method === 'POST' ? json(response, 200, { id, status: 'creating' }) : json(response, 404, {}),
      );
      const error = await rejectionOf(() => client().createAndWait(payload, quick));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(everything(error)).not.toContain(id);

      server.behave((request, response) =>
        request.method === 'POST'
          ? json(response, 200, { id, status: 'creating' })
          : json(response, 200, { id, status: 'creating' }),
      );
      const timedOut = await rejectionOf(() => client().createAndWait(payload, { ...quick, timeoutMs: 50 }));
      expect(timedOut).toBeInstanceOf(WaitTimeoutError);
      expect(everything(timedOut)).not.toContain(id);
    }
  });

  it("a redirect's host name", async () => {
    server.behave((_request, response) => {
      response.writeHead(302, { location: `https://${KEY}.attacker.example/` });
      response.end();
    });
    const error = (await rejectionOf(() => client().list())) as RedirectError;
    expect(error).toBeInstanceOf(RedirectError);
    expect(everything(error)).not.toContain(KEY);
    expect(error.targetOrigin).toBe('https://<REDACTED>.attacker.example');
  });

  it('a content type, quoted in a ResponseValidationError', async () => {
    server.behave((request, response) => {
      response.writeHead(200, { 'content-type': `application/json; echo=${String(request.headers.authorization)}` });
      response.end('{');
    });
    const error = await rejectionOf(() => client().get(1));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain('(application/json)');
    expect(everything(error)).not.toContain(KEY);
  });

  it('the keys of an integration placed in an IntegrationFailedError', async () => {
    server.behave((_request, response) =>
      json(response, 200, { id: '1', status: 'createError', echo: { [KEY]: 1, [PW]: 2, userName: 'someone' } }),
    );
    const error = (await rejectionOf(() => client().updateAndWait(1, payload, quick))) as IntegrationFailedError;
    expect(error).toBeInstanceOf(IntegrationFailedError);
    expect(everything(error)).not.toContain(KEY);
    expect(everything(error)).not.toContain(PW);
    expect((error.integration as unknown as { echo: Record<string, unknown> }).echo.userName).toBe('<REDACTED>');
  });

  it('a body in a charset other than UTF-8', async () => {
    server.behave((request, response) => {
      response.writeHead(401, { 'content-type': 'text/plain; charset=utf-16le' });
      response.end(Buffer.from(`key ${String(request.headers.authorization)} refused`, 'utf16le'));
    });
    const error = await rejectionOf(() => client().list());
    expect(error.message).toContain('key <REDACTED> refused');
  });

  it('a secret with white space around it, echoed without', async () => {
    server.behave((_request, response) => json(response, 400, { message: `rejected Sup3rS3cretPassw0rd for you` }));
    const padded = { ...payload, config: { ...payload.config, password: 'Sup3rS3cretPassw0rd\n' } };
    expect((await rejectionOf(() => client().create(padded))).message).toContain('rejected <REDACTED> for you');
  });
});

describe('encodings stacked on one another', () => {
  const body = new URLSearchParams({ username: 'taylor', password: PW }).toString();
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  it.each([
    ['base64 of form data', b64(body)],
    ['base64 of JSON, the password escaped', b64(JSON.stringify({ password: `${PW}"\\` }))],
    ['base64 with \\/ for /', b64(`??>${PW}???`).replace(/\//g, '\\/')],
    ['URL-encoded base64', encodeURIComponent(b64(`${PW}~~~`))],
    ['double URL-encoding', encodeURIComponent(encodeURIComponent(PW))],
    ['numeric HTML entities without ;', [...PW].map((c) => `&#${c.charCodeAt(0)}`).join('')],
  ])('%s', (_name, echo) => {
    const text = redactSecrets(`echo: ${echo} end`, [PW]);
    expect(text).toBe('echo: <REDACTED> end');
  });

  it('usernames as field values in HTML-escaped JSON, URL-encoded JSON and XML', () => {
    for (const echo of [
      '&quot;username&quot;: &quot;taylor@x&quot;',
      encodeURIComponent('{"username":"taylor@x"}'),
      '<username>taylor@x</username>',
    ]) {
      expect(redactSecrets(echo, [])).not.toContain('taylor');
    }
  });
});

describe('no input makes scrubbing slow', () => {
  // Quadratic matching would take hours on these; linear takes milliseconds. The test's own timeout is the bound.
  it.each([
    ['backslashes', '\\'.repeat(200_000)],
    ['"password": followed by backslashes', `"password":${'\\'.repeat(200_000)}`],
    ['white space', ' '.repeat(200_000)],
    ['percent signs', '%'.repeat(200_000)],
  ])('%s', async (_name, echo) => {
    server.behave((_request, response) => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(echo);
    });
    expect(await rejectionOf(() => client().create(payload))).toBeInstanceOf(ImmutaError);
  });

  it('a long secret (a 4,000-character bearer token) is scrubbed, and errors stay typed', async () => {
    const token = 'T'.repeat(2000) + 'k'.repeat(2000);
    const lines: string[] = [];
    server.behave((request, response) => {
      if (request.url === '/bim/apikey/authenticate') return json(response, 200, { token });
      if (request.url === '/integrations/1') return json(response, 200, { id: '1', status: 'enabled' });
      return json(response, 404, { message: `no ${String(request.headers.authorization)}` });
    });
    const bearer = client({ authMethod: 'bearerToken', logger: { debug: (line) => lines.push(line) } });
    expect((await bearer.get(1)).status).toBe('enabled');
    const error = await rejectionOf(() => bearer.get(2));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(everything(error)).not.toContain('TTTTTTTTTTTT');
    expect(everything(error)).not.toContain('kkkkkkkkkkkk');
  });
});

describe('abort and time limits reach the token exchange', () => {
  it('a call aborted while the apiKey function runs sends no exchange afterwards', async () => {
    let requests = 0;
    server.behave((_request, response) => {
      requests += 1;
      json(response, 429, {});
    });
    const slowKey = () => new Promise<string>((resolve) => setTimeout(() => resolve(KEY), 300));
    const bearer = client({ authMethod: 'bearerToken', apiKey: slowKey, retry: 2 });
    expect(await rejectionOf(() => bearer.list({ signal: AbortSignal.timeout(50) }))).toBeInstanceOf(
      RequestAbortedError,
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(requests).toBe(0);
  });

  it("a call's own timeout bounds its wait for the token", async () => {
    server.behave((request, response) => {
      if (request.url === '/bim/apikey/authenticate')
        setTimeout(() => json(response, 200, { token: 't0ken-value' }), 1500);
      else json(response, 200, []);
    });
    const error = await rejectionOf(() => client({ authMethod: 'bearerToken' }).list({ timeoutMs: 100 }));
    expect(error).toBeInstanceOf(TimeoutError);
  });
});

describe('only ImmutaErrors escape, whatever the input', () => {
  it.each([
    ['a signal that is not an AbortSignal', () => client().get(1, { signal: {} as AbortSignal })],
    ['wait options that are not an object', () => client().waitForStatus(1, 5 as never)],
    ['options to a …AndWait helper that are not an object', () => client().createAndWait(payload, 'x' as never)],
    ['a header with a line break', () => client().get(1, { headers: { 'x-a': 'b\r\nc' } })],
    ['an onPoll that is not a function', () => client().createAndWait(payload, { onPoll: 'x' as never })],
  ])('%s is a ConfigurationError, before anything is sent', async (_name, call) => {
    server.behave((_request, response) => json(response, 200, { id: '1', status: 'creating' }));
    expect(await rejectionOf(call)).toBeInstanceOf(ConfigurationError);
    expect(server.requests).toBe(0);
  });

  it('null options mean no options', async () => {
    server.behave((_request, response) => json(response, 200, { id: '1', status: 'enabled' }));
    expect((await client().waitForStatus(1, null as never)).status).toBe('enabled');
    expect((await client().createAndWait(payload, null as never)).status).toBe('enabled');
    expect(() => new RedshiftIntegrationClient(null as never)).toThrow(/No Immuta URL/);
  });

  it('the constructor refuses options that are not an object, and bad headers, with a ConfigurationError', () => {
    expect(() => new RedshiftIntegrationClient(5 as never)).toThrow(ConfigurationError);
    expect(() => client({ headers: { 'x-a': 'b\nc' } })).toThrow(ConfigurationError);
    expect(() => client({ userAgent: 'ua\r\nx: y' })).toThrow(ConfigurationError);
  });

  it('an onPoll that throws ends the wait with an ImmutaError whose cause is its error', async () => {
    server.behave((_request, response) => json(response, 200, { id: '1', status: 'creating' }));
    const mine = new Error('stop now');
    const error = await rejectionOf(() =>
      client().waitUntilEnabled(1, {
        ...quick,
        onPoll: () => {
          throw mine;
        },
      }),
    );
    expect(error.cause).toBe(mine);
  });

  it('a broken logger — a throwing getter, a rejecting async method — never breaks a call', async () => {
    server.behave((_request, response) => json(response, 200, { id: '1', status: 'enabled' }));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const throwing = {
        get debug(): never {
          throw new Error('getter');
        },
      };
      expect((await client({ logger: throwing }).get(1)).status).toBe('enabled');
      const rejecting = { debug: async () => Promise.reject(new Error('async logger')) };
      expect((await client({ logger: rejecting }).get(1)).status).toBe('enabled');
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it('an unknown key that looks like a value is not repeated', () => {
    const withSecretKey = { ...payload, config: { ...payload.config, [PW]: true } };
    const error = (() => {
      try {
        validateRedshiftPayload(withSecretKey);
      } catch (caught) {
        return caught as PayloadValidationError;
      }
    })();
    expect(error?.message).toContain('config.(an unknown field): unknown field');
    expect(error?.message).not.toContain(PW);
  });
});
