/** Aborts and time limits reach the token exchange and the apiKey function. Real sockets only. */
import { describe, expect, it } from 'vitest';
import { RequestAbortedError, TimeoutError } from '../../src/index.js';
import { json } from '../support/http-server.js';
import { rejectionOf } from '../support/rejection.js';
import { KEY, useHostileServer } from './support.js';

const hostile = useHostileServer();
const { client } = hostile;

describe('abort and time limits reach the token exchange', () => {
  it('a call aborted while the apiKey function runs sends no exchange afterwards', async () => {
    let requests = 0;
    hostile.server.behave((_request, response) => {
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
    hostile.server.behave((request, response) => {
      if (request.url === '/bim/apikey/authenticate')
        setTimeout(() => json(response, 200, { token: 't0ken-value' }), 1500);
      else json(response, 200, []);
    });
    const error = await rejectionOf(() => client({ authMethod: 'bearerToken' }).list({ timeoutMs: 100 }));
    expect(error).toBeInstanceOf(TimeoutError);
  });
});
