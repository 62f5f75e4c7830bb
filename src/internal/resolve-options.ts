import { ConfigurationError } from '../errors/index.js';
import type {
  ApiKeySource,
  BodyFormat,
  ClientOverrides,
  Clock,
  Logger,
  RedshiftIntegrationClientOptions,
  RetryOptions,
} from '../options.js';
import { VERSION } from '../version.js';
import { jsonBody } from './body.js';
import { checkHeaders, count, duration } from './check.js';
import { systemClock } from './clock.js';
import { ENDPOINT_PATH } from './tenant-url.js';

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
  /** Values to hide beside the key, tokens and each request's passwords. */
  readonly redact: readonly string[];
  readonly clock: Clock;
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
  // The guide's curl examples end in /integrations: a URL copied from one would send every call below it.
  const endpoint = ENDPOINT_PATH.exec(url.pathname);
  if (endpoint) {
    const tenant = `${url.origin}${url.pathname.slice(0, endpoint.index)}`;
    refuse(
      `The Immuta URL must be the tenant's, not an endpoint's: drop ${endpoint[0]} (use ${tenant})`,
      'baseUrl',
      `set it to ${tenant}`,
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
  const redact = options.redact ?? [];
  if (!Array.isArray(redact) || !redact.every((value) => typeof value === 'string')) {
    refuse('redact must be a list of strings', 'redact');
  }
  const clock = options.clock ?? systemClock;
  if (
    typeof clock !== 'object' ||
    clock === null ||
    typeof clock.now !== 'function' ||
    typeof clock.sleep !== 'function' ||
    typeof clock.random !== 'function'
  ) {
    refuse('clock must be an object with now, sleep and random methods', 'clock');
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
    redact: [...redact],
    clock,
  };
}

/** The options a derived client may change: everything but the connection and its authentication. */
const DERIVABLE: ReadonlySet<string> = new Set<keyof ClientOverrides>([
  'timeoutMs',
  'retry',
  'bodyFormat',
  'headers',
  'userAgent',
  'logger',
  'maxResponseBytes',
  'unknownFields',
  'redact',
  'clock',
]);

/**
 * @internal A derived client's options: its parent's, with `overrides` checked and applied (`redact` adds to
 * the parent's values). The connection options cannot change: the derived client shares its parent's.
 */
export function deriveOptions(parent: ResolvedOptions, overrides: ClientOverrides | undefined | null): ResolvedOptions {
  const given = overrides ?? {};
  if (typeof given !== 'object') refuse('withOptions takes an object of options', 'options');
  for (const key of Object.keys(given)) {
    if (!DERIVABLE.has(key)) {
      refuse(
        `${/^\w{1,40}$/.test(key) ? key : 'that option'} cannot change in a derived client, which shares its parent's connection: make a new client instead`,
        'options',
      );
    }
  }
  const { redact, ...rest } = given;
  return resolveOptions({
    baseUrl: parent.baseUrl,
    apiKey: parent.apiKey,
    authMethod: parent.authMethod,
    ...(parent.fetch !== undefined && { fetch: parent.fetch }),
    // Checked when the parent was made.
    allowInsecureHttp: true,
    timeoutMs: parent.timeoutMs,
    retry: parent.retry,
    bodyFormat: parent.bodyFormat,
    headers: parent.headers,
    userAgent: parent.userAgent,
    ...(parent.logger !== undefined && { logger: parent.logger }),
    maxResponseBytes: parent.maxResponseBytes,
    unknownFields: parent.unknownFields,
    clock: parent.clock,
    ...rest,
    redact: redact === undefined ? parent.redact : Array.isArray(redact) ? [...parent.redact, ...redact] : redact,
  });
}
