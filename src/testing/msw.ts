/**
 * `immuta-redshift/testing/msw`: the fake Immuta as msw request handlers, for test suites that already
 * intercept requests with msw. Needs `msw` (an optional peer dependency of this entry only).
 *
 * @module immuta-redshift/testing/msw
 * @packageDocumentation
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import { FakeNetworkFailure } from './fake-immuta.js';
import type { FakeImmuta } from './types.js';

/**
 * msw handlers that hand every request below the fake's base URL to `fake.fetch`; other requests fall
 * through to your other handlers (or to msw's `onUnhandledRequest`). An injected network failure becomes
 * msw's network error.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createFakeImmuta } from 'immuta-redshift/testing';
 * import { mswHandlers } from 'immuta-redshift/testing/msw';
 *
 * const fake = createFakeImmuta({ baseUrl: 'https://immuta.test' });
 * setupServer(...mswHandlers(fake)).listen({ onUnhandledRequest: 'error' });
 * ```
 */
export function mswHandlers(fake: FakeImmuta): RequestHandler[] {
  return [
    http.all('*', async ({ request }) => {
      if (!fake.handles(request)) return undefined;
      try {
        return await fake.fetch(request);
      } catch (error) {
        if (error instanceof FakeNetworkFailure) return HttpResponse.error();
        throw error;
      }
    }),
  ];
}
