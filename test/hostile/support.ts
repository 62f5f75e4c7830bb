/** What the hostile tests share: canary secrets, a loopback server each file programs, and a client of it. */
import { afterAll, beforeAll } from 'vitest';
import { RedshiftIntegrationClient, type RedshiftIntegrationClientOptions } from '../../src/index.js';
import { payloads } from '../support/fixtures.js';
import { programmableServer } from '../support/http-server.js';

export const KEY = '0123456789abcdef0123456789abcdef';
export const PW = 'Pw-S3cr3t!Sup3rLong#Value_42';
/** The automatic payload, with the canary password. */
export const payload = {
  ...payloads.autoUserPassword,
  config: { ...payloads.autoUserPassword.config, password: PW },
};
/** Waits that poll at once. */
export const quick = { minDelayMs: 1, maxDelayMs: 2 };

/**
 * A programmable server for the file's tests (started before them, closed after), and clients of it with the
 * canary key and no retries unless the options say otherwise.
 */
export function useHostileServer() {
  let server: Awaited<ReturnType<typeof programmableServer>> | undefined;
  beforeAll(async () => {
    server = await programmableServer();
  });
  afterAll(() => server?.close());
  const started = () => {
    if (server === undefined) throw new Error('the server starts before the tests');
    return server;
  };
  return {
    get server() {
      return started();
    },
    client: (options: RedshiftIntegrationClientOptions = {}) =>
      new RedshiftIntegrationClient({ baseUrl: started().url, apiKey: KEY, retry: 0, ...options }),
  };
}
