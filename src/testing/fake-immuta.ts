import { ASSUMED, errorResponse } from './answers.js';
import { guideIntegrations } from './guide-integrations.js';
import { route } from './routes.js';
import type { FakeFailure, FakeImmuta, FakeImmutaOptions, FakeIntegration, FakeRequest, FakeState } from './types.js';

interface Armed {
  failure: Exclude<FakeFailure, { kind: 'creation' }>;
  left: number;
}

/** @internal How an injected network failure reaches the adapters: a `TypeError`, as `fetch` rejects. */
export class FakeNetworkFailure extends TypeError {
  constructor() {
    super('fetch failed', { cause: new Error('injected network failure') });
  }
}

function parseBase(baseUrl: string | undefined): { origin: string | undefined; path: string } {
  if (baseUrl === undefined || baseUrl === '' || baseUrl === '*') return { origin: undefined, path: '' };
  if (baseUrl.startsWith('/')) return { origin: undefined, path: baseUrl.replace(/\/+$/, '') };
  const url = new URL(baseUrl);
  return { origin: url.origin, path: url.pathname.replace(/\/+$/, '') };
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
  });
}

/**
 * Creates a stateful fake of Immuta's `/integrations` API, for testing code that uses this SDK (or any HTTP
 * client) without a tenant. It behaves as the API documents: a create answers `creating` and the integration
 * becomes `enabled` after {@link FakeImmutaOptions.settle} — every read moves it along, `GET /integrations`
 * included; an update goes `editing` → `enabled`; a delete `deleting` → `deleted` (then 404). It answers with
 * Immuta's documented messages where there are some (`No Integration found with ID 5.`, the DELETE 400 and
 * the 422; the 409 follows the wording Immuta documents for Snowflake:
 * `Redshift integration already exists on <host> (id = 1).`); credentials come
 * back `<REDACTED>`; every script endpoint answers SQL; a manual configure must send the payload the scripts
 * were generated with; `POST /bim/apikey/authenticate` exchanges the key for a bearer token, which can expire.
 * See docs/testing.md for what the fake assumes where the docs are silent.
 *
 * @example
 * ```ts
 * import { RedshiftIntegrationClient } from 'immuta-redshift';
 * import { createFakeImmuta } from 'immuta-redshift/testing';
 *
 * const fake = createFakeImmuta();
 * const client = new RedshiftIntegrationClient({ baseUrl: 'https://immuta.test', apiKey: 'test-key', fetch: fake.fetch });
 * const integration = await client.createAndWait(payload, { minDelayMs: 1 }); // status: 'enabled'
 * ```
 *
 * @group Fake Immuta
 */
export function createFakeImmuta(options: FakeImmutaOptions = {}): FakeImmuta {
  const base = parseBase(options.baseUrl);
  const now = options.now ?? Date.now;
  const state: FakeState = {
    options,
    now,
    settle: options.settle ?? { reads: 1 },
    store: new Map<string, FakeIntegration>(),
    schedules: new Map(),
    editPayloads: new Map(),
    scriptPayloads: new Map<string, unknown>(),
    tokens: new Map<string, number>(),
    failNextCreation: undefined,
    nextId: 123456789,
  };
  let armed: Armed[] = [];
  const requests: FakeRequest[] = [];

  function reset(): void {
    requests.length = 0;
    state.store.clear();
    state.schedules.clear();
    state.editPayloads.clear();
    state.scriptPayloads.clear();
    state.tokens.clear();
    armed = [];
    state.failNextCreation = undefined;
    state.nextId = 123456789;
    if (options.otherIntegrations ?? true) {
      for (const seeded of guideIntegrations()) {
        state.store.set(String(seeded.id), { ...(seeded as unknown as FakeIntegration), reads: 0 });
      }
    }
  }

  /** The path below the base URL (`/integrations/5`), or undefined when the URL is not the fake's. */
  function below(input: string | URL | Request): string | undefined {
    const url = new URL(input instanceof Request ? input.url : input);
    if (base.origin !== undefined && url.origin !== base.origin) return undefined;
    if (base.path !== '' && !url.pathname.startsWith(`${base.path}/`)) return undefined;
    return url.pathname.slice(base.path.length);
  }

  function take(method: string, path: string): Armed['failure'] | undefined {
    const match = armed.find(
      ({ failure }) =>
        (failure.method === undefined || failure.method.toUpperCase() === method) &&
        (failure.path === undefined || path.endsWith(failure.path)),
    );
    if (!match) return undefined;
    match.left -= 1;
    armed = armed.filter((each) => each.left > 0);
    return match.failure;
  }

  async function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    if (request.signal.aborted) throw request.signal.reason;
    const path = below(request);
    if (path === undefined) return errorResponse(404, ASSUMED.noRoute);
    requests.push({ method: request.method, path });
    const failure = take(request.method, path);
    if (failure?.kind === 'network' && failure.afterHandling) {
      await route(state, request, path);
      throw new FakeNetworkFailure();
    }
    if (failure?.kind === 'network') throw new FakeNetworkFailure();
    if (failure?.kind === 'slow') await delay(failure.delayMs, request.signal);
    if (failure?.kind === 'http') {
      const headers: Record<string, string> =
        failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
      return errorResponse(failure.status, ASSUMED.injected(failure.status), headers);
    }
    return route(state, request, path);
  }

  reset();
  return {
    fetch,
    handles: (url) => below(url) !== undefined,
    integrations: state.store,
    requests,
    reset,
    fail(failure) {
      if (failure.kind === 'creation') {
        state.failNextCreation = failure.failedTests ?? [
          'Validate Automatic Bootstrap: Immuta Database Does Not Exist',
        ];
        return;
      }
      armed.push({ failure, left: failure.times ?? 1 });
    },
    setStatusSequence(id, statuses) {
      const [final, ...before] = [...statuses].reverse();
      if (final === undefined) return;
      state.schedules.set(id, { steps: before.reverse(), final });
    },
    expireTokens() {
      for (const token of state.tokens.keys()) state.tokens.set(token, Number.NEGATIVE_INFINITY);
    },
  };
}
