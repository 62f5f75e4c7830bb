/**
 * What a server chooses (ids, hosts, content types, keys, charsets) is scrubbed wherever it lands, in any
 * encoding, and fast whatever it sends. Real sockets only.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ImmutaError,
  IntegrationFailedError,
  NotFoundError,
  RedirectError,
  redactSecrets,
  ResponseValidationError,
  WaitTimeoutError,
} from '../../src/index.js';
import { json } from '../support/http-server.js';
import { rejectionOf } from '../support/rejection.js';
import { KEY, payload, PW, quick, useHostileServer } from './support.js';

const hostile = useHostileServer();
const { client } = hostile;

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
      hostile.server.behave((request, response) =>
        request.method === 'POST' ? json(response, 200, { id, status: 'creating' }) : json(response, 404, {}),
      );
      const error = await rejectionOf(() => client().createAndWait(payload, quick));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(everything(error)).not.toContain(id);

      hostile.server.behave((request, response) =>
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
    hostile.server.behave((_request, response) => {
      response.writeHead(302, { location: `https://${KEY}.attacker.example/` });
      response.end();
    });
    const error = (await rejectionOf(() => client().list())) as RedirectError;
    expect(error).toBeInstanceOf(RedirectError);
    expect(everything(error)).not.toContain(KEY);
    expect(error.targetOrigin).toBe('https://<REDACTED>.attacker.example');
  });

  it('a content type, quoted in a ResponseValidationError', async () => {
    hostile.server.behave((request, response) => {
      response.writeHead(200, { 'content-type': `application/json; echo=${String(request.headers.authorization)}` });
      response.end('{');
    });
    const error = await rejectionOf(() => client().get(1));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain('(application/json)');
    expect(everything(error)).not.toContain(KEY);
  });

  it('the keys of an integration placed in an IntegrationFailedError', async () => {
    hostile.server.behave((_request, response) =>
      json(response, 200, { id: '1', status: 'createError', echo: { [KEY]: 1, [PW]: 2, userName: 'someone' } }),
    );
    const error = (await rejectionOf(() => client().updateAndWait(1, payload, quick))) as IntegrationFailedError;
    expect(error).toBeInstanceOf(IntegrationFailedError);
    expect(everything(error)).not.toContain(KEY);
    expect(everything(error)).not.toContain(PW);
    expect((error.integration as unknown as { echo: Record<string, unknown> }).echo.userName).toBe('<REDACTED>');
  });

  it('a body in a charset other than UTF-8', async () => {
    hostile.server.behave((request, response) => {
      response.writeHead(401, { 'content-type': 'text/plain; charset=utf-16le' });
      response.end(Buffer.from(`key ${String(request.headers.authorization)} refused`, 'utf16le'));
    });
    const error = await rejectionOf(() => client().list());
    expect(error.message).toContain('key <REDACTED> refused');
  });

  it('a secret with white space around it, echoed without', async () => {
    hostile.server.behave((_request, response) =>
      json(response, 400, { message: `rejected Sup3rS3cretPassw0rd for you` }),
    );
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
    hostile.server.behave((_request, response) => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(echo);
    });
    expect(await rejectionOf(() => client().create(payload))).toBeInstanceOf(ImmutaError);
  });

  it('a long secret (a 4,000-character bearer token) is scrubbed, and errors stay typed', async () => {
    const token = 'T'.repeat(2000) + 'k'.repeat(2000);
    const lines: string[] = [];
    hostile.server.behave((request, response) => {
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
