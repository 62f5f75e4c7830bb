import { ConfigurationError } from './errors/index.js';
import { checkHeaders, count, duration } from './internal/check.js';
import { jsonBody } from './payload.js';
import { VERSION } from './version.js';

/** Supplies the API key for each request: a fixed string, or a function (sync or async) for keys that rotate. */
export type ApiKeySource = string | (() => string | Promise<string>);

/**
 * A way to send payloads: the `Content-Type` and how a payload becomes its body. `yamlBody` from
 * `immuta-redshift/yaml` is one; JSON is the default.
 */
export interface BodyFormat {
  /** The `Content-Type` of the body, e.g. `application/yaml`. */
  readonly contentType: string;
  /** Turns a validated payload (or delete credentials) into the body text. */
  serialize(value: unknown): string;
}

/** How the client retries a failed request. See {@link RedshiftIntegrationClientOptions.retry}. */
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

/** Structured context of a log line: method, path, status, attempt, delays. Never headers or bodies. */
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

/** Options of {@link RedshiftIntegrationClient}. Every one is optional; each is checked at construction. */
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
}

/** Options every client method takes as its last argument. */
export interface RequestOptions {
  /** Cancels the call: it rejects with `RequestAbortedError` and sends nothing more. */
  signal?: AbortSignal;
  /** How long one attempt of this call may take, in milliseconds. Overrides the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Headers for this call only. They cannot replace `Authorization`. */
  headers?: Record<string, string>;
}

/** @internal The client's options, checked and filled in. */
export interface ResolvedOptions {
  readonly baseUrl: URL;
  readonly apiKey: ApiKeySource;
  readonly authMethod: 'apiKey' | 'bearerToken';
  readonly timeoutMs: number;
  readonly retry: Required<RetryOptions>;
  readonly bodyFormat: BodyFormat;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly userAgent: string;
  readonly logger: Logger | undefined;
  readonly maxResponseBytes: number;
  readonly unknownFields: 'reject' | 'allow';
}

const DEFAULT_RETRY: Required<RetryOptions> = {
  limit: 2,
  statusCodes: [408, 429, 500, 502, 503, 504],
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
};

/** The default of `maxResponseBytes`. */
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Past this, a body could not even become one string in V8. */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

function env(name: string): string | undefined {
  const value = globalThis.process?.env?.[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

function refuse(
  problem: string,
  option: string,
  hint = option === 'baseUrl' ? 'check `baseUrl` or IMMUTA_URL' : undefined,
): never {
  throw new ConfigurationError(hint ? `${problem}: ${hint}` : problem, { option, problem });
}

function resolveBaseUrl(value: string | URL | undefined, allowInsecureHttp: boolean): URL {
  const raw = value === undefined ? env('IMMUTA_URL') : String(value).trim();
  if (raw === undefined || raw === '') {
    refuse('No Immuta URL', 'baseUrl', 'pass `baseUrl` to RedshiftIntegrationClient or set IMMUTA_URL');
  }
  // Checked on the text: `new URL('https://host/?')` drops a bare `?` or `#`, which would still misroute calls.
  if (/[?#]/.test(raw)) {
    refuse('The Immuta URL must not contain a query string or fragment (no ? or #)', 'baseUrl');
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    refuse('The Immuta URL is not a valid absolute URL (expected e.g. https://www.organization.immuta.com)', 'baseUrl');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    refuse(`The Immuta URL must use https: or http:, not ${url.protocol}`, 'baseUrl');
  }
  if (url.username !== '' || url.password !== '') {
    // Say nothing of what was in the URL: it is a credential.
    refuse('The Immuta URL must not contain credentials (user:password@)', 'baseUrl');
  }
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopback(url.hostname)) {
    refuse(
      `Refusing plain http:// to ${url.hostname}: the API key would travel in clear text`,
      'allowInsecureHttp',
      'use https://, or set allowInsecureHttp: true',
    );
  }
  // A trailing slash makes relative paths join below the prefix instead of replacing its last segment.
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

function resolveRetry(retry: number | RetryOptions | undefined): Required<RetryOptions> {
  const options = typeof retry === 'number' ? { limit: retry } : (retry ?? {});
  if (typeof options !== 'object') refuse('retry must be a number or an object', 'retry');
  const statusCodes = options.statusCodes ?? DEFAULT_RETRY.statusCodes;
  if (
    !Array.isArray(statusCodes) ||
    !statusCodes.every((code) => Number.isInteger(code) && code >= 100 && code <= 599)
  ) {
    refuse('retry.statusCodes must be HTTP status codes (whole numbers from 100 to 599)', 'retry.statusCodes');
  }
  return {
    limit: count('retry.limit', options.limit, DEFAULT_RETRY.limit, 0, 100),
    statusCodes,
    baseDelayMs: duration('retry.baseDelayMs', options.baseDelayMs, DEFAULT_RETRY.baseDelayMs),
    maxDelayMs: duration('retry.maxDelayMs', options.maxDelayMs, DEFAULT_RETRY.maxDelayMs),
    maxRetryAfterMs: duration('retry.maxRetryAfterMs', options.maxRetryAfterMs, DEFAULT_RETRY.maxRetryAfterMs),
  };
}

function resolveBodyFormat(format: unknown): BodyFormat {
  if (format === undefined || format === 'json') return jsonBody;
  if (format === 'yaml') {
    refuse(
      "bodyFormat 'yaml' moved to its own entry",
      'bodyFormat',
      "import { yamlBody } from 'immuta-redshift/yaml' and pass bodyFormat: yamlBody",
    );
  }
  const candidate = format as Partial<BodyFormat> | null;
  if (typeof candidate?.contentType !== 'string' || typeof candidate.serialize !== 'function') {
    refuse("bodyFormat must be 'json' or a { contentType, serialize } format such as yamlBody", 'bodyFormat');
  }
  return candidate as BodyFormat;
}

/** @internal Checks every option once, fills in defaults from the environment; `ConfigurationError` on the first problem. */
export function resolveOptions(given: RedshiftIntegrationClientOptions | undefined | null): ResolvedOptions {
  const options = given ?? {};
  if (typeof options !== 'object') refuse('The client options must be an object', 'options');
  const baseUrl = resolveBaseUrl(options.baseUrl, options.allowInsecureHttp === true);
  const apiKey = options.apiKey ?? env('IMMUTA_API_KEY');
  if (apiKey === undefined || (typeof apiKey === 'string' && apiKey.trim() === '')) {
    refuse('No Immuta API key', 'apiKey', 'pass `apiKey` to RedshiftIntegrationClient or set IMMUTA_API_KEY');
  }
  if (typeof apiKey !== 'string' && typeof apiKey !== 'function')
    refuse('apiKey must be a string or a function', 'apiKey');
  const authMethod = options.authMethod ?? 'apiKey';
  if (authMethod !== 'apiKey' && authMethod !== 'bearerToken') {
    refuse("authMethod must be 'apiKey' or 'bearerToken'", 'authMethod');
  }
  const bodyFormat = resolveBodyFormat(options.bodyFormat);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') refuse('fetch must be a function', 'fetch');
  checkHeaders('headers', options.headers);
  const userAgent = options.userAgent ?? `immuta-redshift/${VERSION}`;
  checkHeaders('userAgent', { 'user-agent': userAgent });
  if (options.logger !== undefined && (typeof options.logger !== 'object' || options.logger === null)) {
    refuse('logger must be an object with debug, info, warn and error methods (console fits)', 'logger');
  }
  const unknownFields = options.unknownFields ?? 'reject';
  if (unknownFields !== 'reject' && unknownFields !== 'allow') {
    refuse("unknownFields must be 'reject' or 'allow'", 'unknownFields');
  }
  return {
    baseUrl,
    apiKey,
    authMethod,
    timeoutMs: duration('timeoutMs', options.timeoutMs, 30_000),
    retry: resolveRetry(options.retry),
    bodyFormat,
    headers: { ...options.headers },
    fetch: options.fetch,
    userAgent,
    logger: options.logger,
    maxResponseBytes: count(
      'maxResponseBytes',
      options.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
      1,
      MAX_RESPONSE_BYTES,
    ),
    unknownFields,
  };
}
