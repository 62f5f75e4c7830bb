/** The fake Immuta's shapes: its options, its failures, what it stores, and its state. */
import type { ValidationResults } from '../model/integration.js';
import type { StandInOptions } from './stand-in-scripts.js';

/**
 * When a fake integration leaves `creating`, `editing` or `deleting`.
 *
 * @group Fake Immuta
 */
export type FakeSettle =
  | {
      /** Settle after this many reads (`GET /integrations`, `/integrations/{id}` or `/status`) still saw the transient status. */
      reads: number;
    }
  | {
      /** Settle this many milliseconds after the write, by the fake's clock. */
      ms: number;
    };

/**
 * Options of {@link createFakeImmuta}.
 *
 * @group Fake Immuta
 */
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
  /**
   * How the fake writes the stand-in SQL scripts it hands out (`standInScript`): e.g. a `systemUser` of its
   * own, so tests sharing one PostgreSQL server in parallel do not make the same role. Default: `immuta_system`.
   */
  standIn?: StandInOptions;
}

/**
 * A failure to inject with {@link FakeImmuta.fail}. Each applies to the next `times` matching requests (default 1).
 *
 * @group Failures
 */
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

/**
 * Which requests an injected failure applies to.
 *
 * @group Failures
 */
export interface FailureMatch {
  /** Only requests with this method. */
  method?: string;
  /** Only requests whose path (below the base URL) ends with this, e.g. `/integrations`. */
  path?: string;
  /** How many matching requests fail. Default 1. */
  times?: number;
}

/**
 * One integration as the fake stores it: what was sent (credentials included) and where it is in its lifecycle.
 *
 * @group Fake Immuta
 */
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
 *
 * @group Fake Immuta
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

/**
 * One request the fake received: its method and its path below the base URL (`/integrations/123456789`).
 *
 * @group Fake Immuta
 */
export interface FakeRequest {
  /** `GET`, `POST`, `PUT`, `DELETE`. */
  readonly method: string;
  /** The path below the base URL, e.g. `/integrations/123456789`. */
  readonly path: string;
}

/** @internal Where an integration goes next. */
export interface Schedule {
  /** Statuses the next reads see, one each, before `final`. */
  steps: string[];
  /** With time-based settling: when `final` is reached. */
  at?: number;
  final: string;
  finalValidation?: ValidationResults;
}

/** @internal Everything the fake remembers. */
export interface FakeState {
  readonly options: FakeImmutaOptions;
  readonly now: () => number;
  readonly settle: FakeSettle;
  readonly store: Map<string, FakeIntegration>;
  readonly schedules: Map<string, Schedule>;
  /** The payload the setup scripts of a host were generated with. */
  readonly scriptPayloads: Map<string, unknown>;
  /** The payload each integration's edit script was generated with: a manual PUT must send it. */
  readonly editPayloads: Map<string, unknown>;
  /** Issued bearer tokens and when each expires. */
  readonly tokens: Map<string, number>;
  failNextCreation: string[] | undefined;
  nextId: number;
}
