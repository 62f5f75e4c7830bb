// Options are checked once, up front; abort means abort at every stage. Real sockets only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  RedshiftIntegrationClient,
  type RedshiftIntegrationClientOptions,
  RequestAbortedError,
  type WaitOptions,
} from '../../src/index.js';
import { payloads } from '../support/fixtures.js';
import { json, programmableServer } from '../support/http-server.js';
import { rejectionOf } from '../support/rejection.js';

let server: Awaited<ReturnType<typeof programmableServer>>;
beforeAll(async () => {
  server = await programmableServer();
});
afterAll(() => server.close());

function construct(options: RedshiftIntegrationClientOptions): unknown {
  try {
    return new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'k', ...options });
  } catch (error) {
    return error;
  }
}

describe('client options are checked at construction', () => {
  it.each([
    ['timeoutMs', { timeoutMs: Number.NaN }],
    ['timeoutMs', { timeoutMs: Number.POSITIVE_INFINITY }],
    ['timeoutMs', { timeoutMs: 2 ** 31 }],
    ['timeoutMs', { timeoutMs: 0 }],
    ['timeoutMs', { timeoutMs: '1000' as unknown as number }],
    ['retry.limit', { retry: Number.POSITIVE_INFINITY }],
    ['retry.limit', { retry: 1.5 }],
    ['retry.limit', { retry: -1 }],
    ['retry.baseDelayMs', { retry: { baseDelayMs: Number.NaN } }],
    ['retry.maxDelayMs', { retry: { maxDelayMs: 2 ** 31 } }],
    ['retry.maxRetryAfterMs', { retry: { maxRetryAfterMs: -5 } }],
    ['retry.statusCodes', { retry: { statusCodes: [503, Number.NaN] } }],
    ['maxResponseBytes', { maxResponseBytes: 0 }],
    ['maxResponseBytes', { maxResponseBytes: Number.NaN }],
    ['maxResponseBytes', { maxResponseBytes: 1.5 }],
    ['baseUrl', { baseUrl: 'https://immuta.example.com/?' }],
    ['baseUrl', { baseUrl: 'https://immuta.example.com/#' }],
    ['baseUrl', { baseUrl: 'https://immuta.example.com/immuta?' }],
  ] as const)('refuses a bad %s (%j)', (option, options) => {
    const error = construct(options as RedshiftIntegrationClientOptions);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe(option);
    expect((error as Error).message).toContain(option);
  });

  it('accepts the longest timer Node can run', () => {
    expect(construct({ timeoutMs: 2 ** 31 - 1 })).toBeInstanceOf(RedshiftIntegrationClient);
  });
});

describe('call and wait options are checked before anything is sent', () => {
  const client = () => new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'k', retry: 0 });
  it.each([
    ['timeoutMs', { timeoutMs: Number.NaN }],
    ['timeoutMs', { timeoutMs: -1 }],
    ['minDelayMs', { minDelayMs: Number.NaN }],
    ['minDelayMs', { minDelayMs: Number.POSITIVE_INFINITY }],
    ['maxDelayMs', { maxDelayMs: Number.NaN }],
    ['maxDelayMs', { maxDelayMs: 2 ** 31 }],
  ] as const)('a wait refuses a bad %s', async (option, options) => {
    server.behave((_request, response) => json(response, 200, { id: '1', status: 'creating' }));
    const error = await rejectionOf(() => client().waitUntilEnabled(1, options as WaitOptions));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe(option);
    expect(server.requests).toBe(0);
  });

  it('a call refuses a bad per-call timeoutMs', async () => {
    server.behave((_request, response) => json(response, 200, []));
    const error = await rejectionOf(() => client().list({ timeoutMs: Number.NaN }));
    expect((error as ConfigurationError).option).toBe('timeoutMs');
    expect(server.requests).toBe(0);
  });
});

describe('abort while the apiKey function is pending', () => {
  const slowKey = () => new Promise<string>((resolve) => setTimeout(() => resolve('late-key'), 300));

  it('rejects at once and sends nothing, for a create', async () => {
    server.behave((_request, response) => json(response, 200, { id: '1', status: 'creating' }));
    const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: slowKey });
    const started = performance.now();
    const error = await rejectionOf(() =>
      client.create(payloads.autoUserPassword, { signal: AbortSignal.timeout(50) }),
    );
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(performance.now() - started).toBeLessThan(280);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(server.requests).toBe(0);
  });

  it('rejects at once and sends nothing, for a wait', async () => {
    server.behave((_request, response) => json(response, 200, { id: '1', status: 'creating' }));
    const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: slowKey });
    const error = await rejectionOf(() => client.waitUntilEnabled(1, { signal: AbortSignal.timeout(50) }));
    expect(error).toBeInstanceOf(RequestAbortedError);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(server.requests).toBe(0);
  });
});

describe('one AbortSignal shared by many calls', () => {
  it('raises no MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      server.behave((_request, response) => setTimeout(() => json(response, 200, { id: '1', status: 'enabled' }), 20));
      const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'k' });
      const controller = new AbortController();
      await Promise.all(Array.from({ length: 40 }, () => client.get(1, { signal: controller.signal })));
      await Promise.all(
        Array.from({ length: 40 }, () => client.waitUntilEnabled(1, { signal: controller.signal, minDelayMs: 1 })),
      );
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
  });
});
