/**
 * The client's options and the types they use: declarations only. They are checked, and their defaults filled
 * in, by `internal/resolve-options.ts`.
 */

/**
 * Supplies the API key for each request: a fixed string, or a function (sync or async) for keys that rotate.
 *
 * @group Client
 */
export type ApiKeySource = string | (() => string | Promise<string>);

/**
 * A way to send payloads: the `Content-Type` and how a payload becomes its body. `yamlBody` from
 * `immuta-redshift/yaml` is one; JSON is the default.
 *
 * @group Client
 */
export interface BodyFormat {
  /** The `Content-Type` of the body, e.g. `application/yaml`. */
  readonly contentType: string;
  /** Turns a validated payload (or delete credentials) into the body text. */
  serialize(value: unknown): string;
}

/**
 * How the client retries a failed request. See {@link RedshiftIntegrationClientOptions.retry}.
 *
 * @group Client
 */
export interface RetryOptions {
  /** How many times a failed request is retried (so `limit + 1` attempts at most), 0–100. Default 2. */
  limit?: number;
  /** The HTTP statuses that are retried. Default `[408, 429, 500, 502, 503, 504]`. POST only ever retries 429. */
  statusCodes?: readonly number[];
  /** The first backoff delay, doubled on each retry, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** The longest backoff delay. Default 10 000 ms. */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` the client will wait out. When the server asks for more, the client
   * gives up at once with the server's error, and its message says why. Default 60 000 ms.
   */
  maxRetryAfterMs?: number;
}

/**
 * Where the client's time comes from: its clock, its timer and its randomness. Every pause the SDK makes — a
 * retry's backoff, a wait's poll interval, configuration as code re-reading a tenant — goes through it. The
 * default is the system's (`performance.now`, `setTimeout`, `Math.random`); tests pass a virtual one
 * (`createVirtualClock()` from `immuta-redshift/testing`) so that nothing waits for real time.
 *
 * @example
 * ```ts
 * import { createVirtualClock } from 'immuta-redshift/testing';
 *
 * const clock = createVirtualClock(); // each sleep advances its time at once
 * const client = new RedshiftIntegrationClient({ baseUrl, apiKey, clock });
 * await client.waitUntilEnabled(id); // polls without waiting
 * ```
 *
 * @group Client
 */
export interface Clock {
  /** The current time in milliseconds, from any fixed origin (only differences are used). */
  now(): number;
  /**
   * Resolves after `ms` milliseconds of this clock's time. Should reject as soon as `signal` fires (the SDK
   * stops waiting for it at that moment either way).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number from 0 (included) to 1 (excluded), for jitter. */
  random(): number;
}

/**
 * Structured context of a log line: method, path, status, attempt, delays. Never headers or bodies.
 *
 * @group Client
 */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * Where the client reports what it does: each attempt (`debug`), retries and passing failures (`warn`),
 * each poll of a wait (`debug`) and its outcome (`info`). Any method may be left out; `console` fits.
 * Lines never contain the API key, a token, a password, a header or a body.
 *
 * @example
 * ```ts
 * const client = new RedshiftIntegrationClient({ logger: console });
 * // warn: GET /integrations/5 answered 503; retry 1 of 2 in 512 ms { method: 'GET', … }
 * ```
 *
 * @group Client
 */
export interface Logger {
  /** Each attempt's answer, each poll's status and the next pause. */
  debug?(message: string, fields?: LogFields): void;
  /** A wait's outcome. */
  info?(message: string, fields?: LogFields): void;
  /** Retries, failed reads a wait rides out, list items that did not validate. */
  warn?(message: string, fields?: LogFields): void;
  /** Not used today; here so a logger such as `console` fits as is. */
  error?(message: string, fields?: LogFields): void;
}

/**
 * Options of {@link RedshiftIntegrationClient}. Every one is optional; each is checked at construction.
 *
 * @group Client
 */
export interface RedshiftIntegrationClientOptions {
  /**
   * The Immuta tenant URL, e.g. `https://www.organization.immuta.com`. A path prefix
   * (`https://host/immuta`) is kept. Default: the `IMMUTA_URL` environment variable.
   * Only `http:` and `https:`; no credentials, `?` or `#` in the URL; `http:` only to a loopback host
   * unless {@link allowInsecureHttp} is set.
   */
  baseUrl?: string | URL;
  /**
   * The Immuta API key. A function is called before every request (and before every token exchange), for
   * keys that rotate. Default: `IMMUTA_API_KEY`.
   */
  apiKey?: ApiKeySource;
  /**
   * How requests authenticate, the two ways Immuta documents:
   * - `'apiKey'` (default): the API key as is in `Authorization`;
   * - `'bearerToken'`: the client exchanges the key at `POST /bim/apikey/authenticate` for a token, sends
   *   `Authorization: Bearer <token>`, shares one exchange among concurrent calls, and when a request is
   *   refused with 401 (the token expired) gets a new token once and repeats the request.
   */
  authMethod?: 'apiKey' | 'bearerToken';
  /** How long one attempt may take, answer body included, in milliseconds (up to 2³¹−1). Default 30 000. */
  timeoutMs?: number;
  /** Retries: a number sets the limit, an object tunes the policy. Default: 2 retries. `0` turns them off. */
  retry?: number | RetryOptions;
  /**
   * How payloads are sent: `'json'` (default), or a {@link BodyFormat} — `yamlBody` from
   * `immuta-redshift/yaml` sends `application/yaml`.
   */
  bodyFormat?: 'json' | BodyFormat;
  /** Headers added to every request. They cannot replace `Authorization`. */
  headers?: Record<string, string>;
  /** The `fetch` to use. Default: the global `fetch`, looked up on every request. */
  fetch?: typeof globalThis.fetch;
  /** The `User-Agent` header. Default `immuta-redshift/<version>`. */
  userAgent?: string;
  /** Allow plain `http:` to a host that is not loopback. The API key then travels in clear text. Default false. */
  allowInsecureHttp?: boolean;
  /** Where to report attempts, retries and polls. Default: silent. See {@link Logger}. */
  logger?: Logger;
  /**
   * The largest answer the client reads, in bytes (1 up to 256 MiB). Checked against the declared length
   * and against the bytes as they arrive; past it the client drops the connection and throws
   * `ResponseTooLargeError`. Default 32 MiB: a list of 5,000 integrations is a few MiB.
   */
  maxResponseBytes?: number;
  /**
   * What payloads and delete credentials may hold beyond what this SDK models. `'reject'` (default): any
   * unknown key is refused before sending, with the nearest known key suggested. `'allow'`: unknown keys and
   * authentication types are sent as given (the logger warns with their paths), the known fields are still
   * checked, and a key a few edits from a known one is still refused as a typo. For settings Immuta
   * documents that the SDK does not model, such as AWS access-key authentication.
   */
  unknownFields?: 'reject' | 'allow';
  /**
   * More values to hide, beside the API key, tokens and the passwords of each request: whatever else your
   * program knows to be secret (values read from a vault, say). They are hidden, whole and in every encoding
   * the scrubber knows, from every error, cause and log line of this client. A derived client
   * ({@link RedshiftIntegrationClient.withOptions}) adds its own to its parent's.
   */
  redact?: readonly string[];
  /** The time source of retries and waits. Default: the system's. See {@link Clock}. */
  clock?: Clock;
}

/**
 * Options every client method takes as its last argument.
 *
 * @group Client
 */
export interface RequestOptions {
  /** Cancels the call: it rejects with `RequestAbortedError` and sends nothing more. */
  signal?: AbortSignal;
  /** How long one attempt of this call may take, in milliseconds. Overrides the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Headers for this call only. They cannot replace `Authorization`. */
  headers?: Record<string, string>;
}

/**
 * What a derived client may change ({@link RedshiftIntegrationClient.withOptions}): everything but where it
 * connects and how it authenticates — the base URL, the API key, the authentication method, `fetch` and
 * `allowInsecureHttp` — which it shares with its parent (one token exchange serves both). `redact` adds to the
 * parent's values; every other option replaces the parent's.
 *
 * @group Client
 */
export type ClientOverrides = Pick<
  RedshiftIntegrationClientOptions,
  | 'timeoutMs'
  | 'retry'
  | 'bodyFormat'
  | 'headers'
  | 'userAgent'
  | 'logger'
  | 'maxResponseBytes'
  | 'unknownFields'
  | 'redact'
  | 'clock'
>;

/**
 * How validation treats keys this SDK does not know.
 *
 * @group Payloads
 */
export interface PayloadCheckOptions {
  /**
   * `'reject'` (default): any unknown key is an error, with the nearest known key suggested
   * (`config.initalDatabase: unknown field — did you mean initialDatabase?`).
   *
   * `'allow'`: unknown keys, and authentication types this SDK does not model, pass as given — for
   * settings Immuta documents that the SDK does not model yet (AWS access-key authentication, whose
   * field names the guide does not give). The known fields are still checked (host, port, redaction
   * markers, the required fields of `userPassword` and `okta`), and a key within a few edits of a known key
   * is still refused as a typo.
   */
  unknownFields?: 'reject' | 'allow';
}
