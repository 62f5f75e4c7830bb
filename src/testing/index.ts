/**
 * `immuta-redshift/testing`: a stateful fake Immuta for your tests. Needs nothing but this package: use
 * `createFakeImmuta().fetch` as the client's `fetch`, or serve it over real HTTP with
 * `startFakeImmutaServer()`. For msw users, `immuta-redshift/testing/msw` wraps it as msw handlers.
 *
 * The guide: [testing your code](../../docs/testing.md) — what the fake does, which of its answers are Immuta's
 * documented words, and how to inject trouble.
 *
 * @showGroups
 * @module immuta-redshift/testing
 * @packageDocumentation
 */

export { createFakeImmuta } from './fake-immuta.js';
export type {
  FailureMatch,
  FakeFailure,
  FakeImmuta,
  FakeImmutaOptions,
  FakeIntegration,
  FakeRequest,
  FakeSettle,
} from './types.js';
export { createVirtualClock } from './virtual-clock.js';
export { standInScript } from './stand-in-scripts.js';
export type { StandInOptions, StandInPayload } from './stand-in-scripts.js';
export type { VirtualClock } from './virtual-clock.js';
export { startFakeImmutaServer } from './server.js';
export type { FakeImmutaServer, FakeImmutaServerOptions } from './server.js';
