/**
 * `immuta-redshift/testing`: a stateful fake Immuta for your tests — as MSW handlers in process, or
 * over real HTTP. Needs `msw` (a peer dependency of this entry only).
 *
 * @packageDocumentation
 */

export { createFakeImmuta } from './fake-immuta.js';
export type {
  FailureMatch,
  FakeFailure,
  FakeImmuta,
  FakeImmutaOptions,
  FakeIntegration,
  FakeSettle,
} from './fake-immuta.js';
export { startFakeImmutaServer } from './server.js';
export type { FakeImmutaServer, FakeImmutaServerOptions } from './server.js';
