import type { ValidationResults } from '../model/integration.js';
import { ASSUMED, errorResponse } from './answers.js';
import { guideIntegrations } from './guide-integrations.js';
import { route, type FakeState, type Plan } from './routes.js';

/** When a fake integration leaves `creating`, `editing` or `deleting`. */
export type FakeSettle =
  | {
      /** Settle after this many reads (`GET /integrations`, `/integrations/{id}` or `/status`) still saw the transient status. */
      reads: number;
    }
  | {
      /** Settle this many milliseconds after the write, by the fake's clock. */
      ms: number;
    };

/** Options of {@link createFakeImmuta}. */
export interface FakeImmutaOptions {
  /**
   * Where the fake answers: an origin and path prefix (`https://immuta.test`, `https://immuta.test/immuta`)
   * or a path prefix alone (`/immuta`, any origin). Anything else is a 404, as on a tenant, so a client
   * pointed at the wrong URL fails here too. Default: any origin, no prefix.
   */
  baseUrl?: string;
  /** When set, only this API key is accepted (raw, or exchanged for a bearer token); others get 401. Default: any non-empty key. */
  apiKey?: string;
  /** When writes settle. Default `{ reads: 1 }`: the first read sees `creating`, the next `enabled`. */
  settle?: FakeSettle;
  /** Seed the Snowflake and Databricks integrations of Immuta's list example. Default true. */
  otherIntegrations?: boolean;
  /** The clock for `settle: { ms }` and token expiry. Default `Date.now`. */
  now?: () => number;
  /** How long a bearer token from `POST /bim/apikey/authenticate` lasts, by the fake's clock. Default: until {@link FakeImmuta.expireTokens}. */
  tokenTtlMs?: number;
}

/** A failure to inject with {@link FakeImmuta.fail}. Each applies to the next `times` matching requests (default 1). */
export type FakeFailure =
  | (FailureMatch & {
      /** Answer with an HTTP error status and an Immuta error body. */
      kind: 'http';
      /** The status to answer with, e.g. 503. */
      status: number;
      /** A `Retry-After` header: seconds, or an HTTP date string. */
      retryAfter?: number | string;
    })
  | (FailureMatch & {
      /** Answer late. */
      kind: 'slow';
      /** How late, in milliseconds. */
      delayMs: number;
    })
  | (FailureMatch & {
      /** Fail at the network level: `fetch` rejects as on a dropped connection; the HTTP server drops it. */
      kind: 'network';
      /**
       * `true`: the fake carries the request out first and then loses the answer — the client cannot tell
       * whether it took effect (a create that made an integration whose id never arrived). Default `false`:
       * the request is lost before it does anything.
       */
      afterHandling?: boolean;
    })
  | {
      /** The next creation ends in `createError`. */
      kind: 'creation';
      /** The validation tests that fail. Default: `Validate Automatic Bootstrap: Immuta Database Does Not Exist`. */
      failedTests?: string[];
    };

/** Which requests an injected failure applies to. */
export interface FailureMatch {
  /** Only requests with this method. */
  method?: string;
  /** Only requests whose path (below the base URL) ends with this, e.g. `/integrations`. */
  path?: string;
  /** How many matching requests fail. Default 1. */
  times?: number;
}

/** One integration as the fake stores it: what was sent (credentials included) and where it is in its lifecycle. */
export interface FakeIntegration {
  /** Its id, as the fake gave it. */
  readonly id: string;
  /** `Redshift`, or the type of a seeded example. */
  readonly type: string;
  /** As sent: automatic (`true`) or manual (`false`). */
  autoBootstrap: boolean;
  /** The config as sent, credentials included. The API only ever answers with them redacted. */
  config: Record<string, unknown>;
  /** Its current status. */
  status: string;
  /** The validation results it answers with. */
  validationResults: ValidationResults;
  /** Reads of it so far: `GET /integrations` (each integration in it), `/integrations/{id}` and `/status`. */
  reads: number;
}

/**
 * A stateful fake of Immuta's `/integrations` API. Its core is {@link FakeImmuta.fetch}, a plain function
 * from a Fetch `Request` to a `Response`: pass it as the client's `fetch` option and nothing else is needed
 * — no server, no msw. `startFakeImmutaServer` serves it over HTTP; `mswHandlers` (from
 * `immuta-redshift/testing/msw`) wraps it for msw.
 */
export interface FakeImmuta {
  /**
   * Answers a request as the fake tenant would; has the signature of the global `fetch`. Rejects with a
   * `TypeError` for an injected network failure, and with the request's abort reason when it is aborted.
   *
   * @example
   * ```ts
   * const fake = createFakeImmuta();
   * const client = new RedshiftIntegrationClient({ baseUrl: 'https://immuta.test', apiKey: 'k', fetch: fake.fetch });
   * ```
   */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Whether a URL is below the fake's base URL — what it answers for rather than with a 404. */
  handles(url: string | URL | Request): boolean;
  /** The integrations the fake holds, by id (the seeded Snowflake/Databricks ones included). */
  readonly integrations: ReadonlyMap<string, FakeIntegration>;
  /** Forgets every integration, script, token and armed failure; seeds the example integrations again. */
  reset(): void;
  /** Arms a failure for the next matching request(s), or makes the next creation fail. */
  fail(failure: FakeFailure): void;
  /** Sets the statuses the next reads of an integration see, one per read; the last one stays. */
  setStatusSequence(id: string, statuses: readonly string[]): void;
  /** Expires every bearer token issued so far: the next request with one gets 401, as after a token's lifetime. */
  expireTokens(): void;
  /**
   * Every request the fake received below its base URL since it was made (or last reset), oldest first: what
   * your code sent, for asserting that a re-run writes nothing.
   *
   * @example
   * ```ts
   * const writes = fake.requests.filter((request) => request.method !== 'GET');
   * ```
   */
  readonly requests: readonly FakeRequest[];
}

/** One request the fake received: its method and its path below the base URL (`/integrations/123456789`). */
export interface FakeRequest {
  /** `GET`, `POST`, `PUT`, `DELETE`. */
  readonly method: string;
  /** The path below the base URL, e.g. `/integrations/123456789`. */
  readonly path: string;
}

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
 */
export function createFakeImmuta(options: FakeImmutaOptions = {}): FakeImmuta {
  const base = parseBase(options.baseUrl);
  const now = options.now ?? Date.now;
  const state: FakeState = {
    options,
    now,
    settle: options.settle ?? { reads: 1 },
    store: new Map<string, FakeIntegration>(),
    plans: new Map<string, Plan>(),
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
    state.plans.clear();
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
      state.plans.set(id, { steps: before.reverse(), final });
    },
    expireTokens() {
      for (const token of state.tokens.keys()) state.tokens.set(token, Number.NEGATIVE_INFINITY);
    },
  };
}
