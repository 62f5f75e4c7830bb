import { afterAll, afterEach, beforeAll } from 'vitest';
import { type LogFields, RedshiftIntegrationClient } from '../../src/index.js';
import { loadDesiredState } from '../../src/config/index.js';
import { createVirtualClock, type FakeImmutaServer, startFakeImmutaServer } from '../../src/testing/index.js';

/** Canary secrets: none may appear in any plan, result, error, log line or output. */
export const CANARIES = {
  RS_USER: 'cfg_canary_user_4d1f',
  RS_PASSWORD: 'cfg-canary-password-83a2f1',
  RS_PASSWORD_2: 'cfg-canary-rotated-5e90cc',
  RS_OKTA_PASSWORD: 'cfg-canary-okta-11b7d3',
};

export const ENV = { ...CANARIES };

/** The API key of the clients here: a canary too. */
export const API_KEY = 'cfg-canary-api-key-0f3b';

/** One entry of a desired-state file, as YAML. */
export function entry(
  name: string,
  {
    host = `${name}.abc123.us-east-1.redshift.amazonaws.com`,
    autoBootstrap = true,
    initialDatabase = 'dev',
    state,
    password = '${env:RS_PASSWORD}',
  }: { host?: string; autoBootstrap?: boolean; initialDatabase?: string; state?: 'absent'; password?: string } = {},
): string {
  return `  ${name}:
${state ? `    state: ${state}\n` : ''}    autoBootstrap: ${autoBootstrap}
    config:
      host: ${host}
      database: immuta
      initialDatabase: ${initialDatabase}
      authenticationType: userPassword
      username: \${env:RS_USER}
      password: ${password}
`;
}

export const file = (...entries: string[]) => `integrations:\n${entries.join('')}`;

/** A fake Immuta over real HTTP, a client on it that logs into `logs`, and helpers. */
export function useTenant() {
  const context = {
    server: undefined as unknown as FakeImmutaServer,
    client: undefined as unknown as RedshiftIntegrationClient,
    logs: [] as string[],
  };
  beforeAll(async () => {
    context.server = await startFakeImmutaServer({ otherIntegrations: true });
    const log = (level: string) => (message: string, fields?: LogFields) =>
      context.logs.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
    context.client = new RedshiftIntegrationClient({
      baseUrl: context.server.url,
      apiKey: API_KEY,
      // Waits, retries and the re-reads after a lost create take no real time.
      clock: createVirtualClock(),
      logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    });
  });
  afterEach(() => context.server.fake.reset());
  afterAll(() => context.server.close());
  return {
    get server() {
      return context.server;
    },
    get client() {
      return context.client;
    },
    get logs() {
      return context.logs;
    },
    load: (text: string, env: Record<string, string> = ENV) => loadDesiredState(text, { env }),
    /** The writes the fake received: everything but GET. */
    writes: () => context.server.fake.requests.filter((request) => request.method !== 'GET'),
    fast: { wait: { minDelayMs: 5, maxDelayMs: 20 } },
  };
}

/** Fails if any canary appears in `text`, in plain form or base64. */
export function expectNoCanary(text: string): void {
  for (const value of [...Object.values(CANARIES), API_KEY]) {
    for (const form of [value, Buffer.from(value).toString('base64'), encodeURIComponent(value)]) {
      if (text.includes(form)) throw new Error(`a canary leaked: ${value.slice(0, 12)}…`);
    }
  }
}
