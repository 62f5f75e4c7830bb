import { ConfigurationError } from './errors.js';
import { VERSION } from './version.js';

/** Supplies the API key for each request: a fixed string, or a function (sync or async) for keys that rotate. */
export type ApiKeySource = string | (() => string | Promise<string>);

/** How the client retries a failed request. See {@link RedshiftIntegrationClientOptions.retry}. */
export interface RetryOptions {
  /** How many times a failed request is retried (so `limit + 1` attempts at most). Default 2. */
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
 * Lines never contain the API key, a credential, a header or a body.
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
  /** Retries, and failed reads a wait rides out. */
  warn?(message: string, fields?: LogFields): void;
  /** Not used today; here so a logger such as `console` fits as is. */
  error?(message: string, fields?: LogFields): void;
}

/** Options of {@link RedshiftIntegrationClient}. Every one is optional. */
export interface RedshiftIntegrationClientOptions {
  /**
   * The Immuta tenant URL, e.g. `https://www.organization.immuta.com`. A path prefix
   * (`https://host/immuta`) is kept. Default: the `IMMUTA_URL` environment variable.
   * Only `http:` and `https:`; no credentials in the URL; `http:` only to a loopback host
   * unless {@link allowInsecureHttp} is set.
   */
  baseUrl?: string | URL;
  /**
   * The Immuta API key, sent as is in `Authorization` (prefix it with `Bearer ` yourself for a
   * bearer token). A function is called before every request. Default: `IMMUTA_API_KEY`.
   */
  apiKey?: ApiKeySource;
  /** How long one attempt may take, answer body included, in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** Retries: a number sets the limit, an object tunes the policy. Default: 2 retries. `0` turns them off. */
  retry?: number | RetryOptions;
  /** How payloads are sent: `'json'` (default) or `'yaml'` (`Content-Type: application/yaml`). */
  bodyFormat?: 'json' | 'yaml';
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
  readonly timeoutMs: number;
  readonly retry: Required<RetryOptions>;
  readonly bodyFormat: 'json' | 'yaml';
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly userAgent: string;
  readonly logger: Logger | undefined;
}

const DEFAULT_RETRY: Required<RetryOptions> = {
  limit: 2,
  statusCodes: [408, 429, 500, 502, 503, 504],
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
};

function env(name: string): string | undefined {
  const value = globalThis.process?.env?.[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

function resolveBaseUrl(value: string | URL | undefined, allowInsecureHttp: boolean): URL {
  const raw = value ?? env('IMMUTA_URL');
  if (raw === undefined || String(raw).trim() === '') {
    throw new ConfigurationError(
      'No Immuta URL: pass `baseUrl` to RedshiftIntegrationClient or set the IMMUTA_URL environment variable',
    );
  }
  let url: URL;
  try {
    url = new URL(String(raw).trim());
  } catch {
    throw new ConfigurationError(
      'The Immuta URL is not a valid absolute URL (expected e.g. https://www.organization.immuta.com)',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(`The Immuta URL must use https: or http:, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    // Say nothing of what was in the URL: it is a credential.
    throw new ConfigurationError(
      'The Immuta URL must not contain credentials (user:password@); pass the API key as `apiKey` or IMMUTA_API_KEY',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigurationError('The Immuta URL must not contain a query string or fragment');
  }
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopback(url.hostname)) {
    throw new ConfigurationError(
      `Refusing plain http:// to ${url.hostname}: the API key would travel in clear text. Use https://, or set allowInsecureHttp: true`,
    );
  }
  // A trailing slash makes relative paths join below the prefix instead of replacing its last segment.
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && value > 0)) throw new ConfigurationError(`${name} must be a positive number`);
  return value;
}

function resolveRetry(retry: number | RetryOptions | undefined): Required<RetryOptions> {
  const options = typeof retry === 'number' ? { limit: retry } : (retry ?? {});
  const limit = options.limit ?? DEFAULT_RETRY.limit;
  if (!Number.isInteger(limit) || limit < 0) throw new ConfigurationError('retry.limit must be a whole number ≥ 0');
  return {
    limit,
    statusCodes: options.statusCodes ?? DEFAULT_RETRY.statusCodes,
    baseDelayMs: positive('retry.baseDelayMs', options.baseDelayMs, DEFAULT_RETRY.baseDelayMs),
    maxDelayMs: positive('retry.maxDelayMs', options.maxDelayMs, DEFAULT_RETRY.maxDelayMs),
    maxRetryAfterMs: positive('retry.maxRetryAfterMs', options.maxRetryAfterMs, DEFAULT_RETRY.maxRetryAfterMs),
  };
}

/** @internal Checks the options, fills in defaults from the environment, and throws `ConfigurationError` on the first problem. */
export function resolveOptions(options: RedshiftIntegrationClientOptions): ResolvedOptions {
  const baseUrl = resolveBaseUrl(options.baseUrl, options.allowInsecureHttp ?? false);
  const apiKey = options.apiKey ?? env('IMMUTA_API_KEY');
  if (apiKey === undefined || (typeof apiKey === 'string' && apiKey.trim() === '')) {
    throw new ConfigurationError(
      'No Immuta API key: pass `apiKey` to RedshiftIntegrationClient or set the IMMUTA_API_KEY environment variable',
    );
  }
  if (options.bodyFormat !== undefined && options.bodyFormat !== 'json' && options.bodyFormat !== 'yaml') {
    throw new ConfigurationError("bodyFormat must be 'json' or 'yaml'");
  }
  return {
    baseUrl,
    apiKey,
    timeoutMs: positive('timeoutMs', options.timeoutMs, 30_000),
    retry: resolveRetry(options.retry),
    bodyFormat: options.bodyFormat ?? 'json',
    headers: { ...options.headers },
    fetch: options.fetch,
    userAgent: options.userAgent ?? `immuta-redshift/${VERSION}`,
    logger: options.logger,
  };
}

/** @internal Resolves the API key for one request. */
export async function resolveApiKey(source: ApiKeySource): Promise<string> {
  let key: unknown;
  try {
    key = typeof source === 'function' ? await source() : source;
  } catch {
    // The provider's own error may quote the key or its vault path: keep it out.
    throw new ConfigurationError('The apiKey function threw; no request was sent');
  }
  if (typeof key !== 'string' || key.trim() === '') {
    throw new ConfigurationError('The apiKey function returned no key; no request was sent');
  }
  return key.trim();
}
