import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { RedshiftIntegrationClient, type RedshiftIntegrationClientOptions } from '../../src/index.js';

export const BASE_URL = 'https://www.organization.immuta.com';
export const API_KEY = '846e9e43c86a4ct1be14290d95127d13f';

/** An MSW server for this test file: unhandled requests fail the test, handlers reset after each test. */
export function useMockImmuta() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A client for the mocked tenant; retries are fast so retry tests do not wait. */
export function testClient(options: RedshiftIntegrationClientOptions = {}) {
  return new RedshiftIntegrationClient({
    baseUrl: BASE_URL,
    apiKey: API_KEY,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

/** What a handler saw of a request, read once so the test can assert on it. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export async function see(request: Request): Promise<SeenRequest> {
  return { method: request.method, url: new URL(request.url), headers: request.headers, body: await request.text() };
}
