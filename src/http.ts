import ky, { type KyInstance } from 'ky';
import {
  ConnectionError,
  createApiError,
  type ApiErrorDetails,
  RequestAbortedError,
  type RequestTarget,
  TimeoutError,
} from './errors.js';
import { Log } from './internal/log.js';
import { sleep } from './internal/sleep.js';
import { parseRetryAfter } from './internal/retry-after.js';
import { scrub } from './internal/scrub.js';
import { immutaErrorBodySchema } from './model/integration.js';
import { safeParse } from './model/issues.js';
import { resolveApiKey, type RequestOptions, type ResolvedOptions } from './options.js';

/** @internal A serialized request body and the secrets it holds (scrubbed from anything the server says back). */
export interface RequestBody {
  readonly text: string;
  readonly contentType: string;
  readonly secrets: readonly string[];
}

/** @internal One API call: method, path below the base URL (no leading slash), optional body. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body?: RequestBody | undefined;
  readonly options?: RequestOptions | undefined;
  /** Set to false where the caller has its own retry loop (the poller). */
  readonly retry?: boolean;
  /** Credentials to scrub from what the server says, beyond those in the body (a poll after a create). */
  readonly secrets?: readonly string[];
}

/** @internal A 2xx answer, body read in full. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly target: RequestTarget;
}

/** Why one attempt failed: an HTTP error answer, or no answer at all. */
type AttemptFailure = { readonly details: ApiErrorDetails } | { readonly error: ConnectionError | TimeoutError };

const MAX_DETAIL_CHARS = 300;

/** Describes an error body that is not Immuta's JSON: what a person needs to tell a proxy page from an API error. */
function describeForeignBody(text: string, contentType: string | null, statusText: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return `${statusText || 'error'} (empty response body)`;
  if (contentType?.includes('html') || /^<(!doctype|html)/i.test(trimmed)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
    return `the server sent an HTML page${title ? ` ("${title}")` : ''} instead of Immuta's JSON error; a proxy or load balancer may have answered`;
  }
  const oneLine = trimmed.replace(/\s+/g, ' ');
  return oneLine.length > MAX_DETAIL_CHARS ? `${oneLine.slice(0, MAX_DETAIL_CHARS)}…` : oneLine;
}

function apiErrorDetails(
  response: Response,
  text: string,
  target: RequestTarget,
  secrets: readonly string[],
): ApiErrorDetails {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const body = safeParse(immutaErrorBodySchema, parsed);
  const clean = body.success
    ? {
        ...body.data,
        ...(body.data.message !== undefined && { message: scrub(body.data.message, secrets) }),
        ...(body.data.error !== undefined && { error: scrub(body.data.error, secrets) }),
      }
    : undefined;
  const detail =
    clean?.message ??
    clean?.error ??
    describeForeignBody(text, response.headers.get('content-type'), response.statusText);
  return {
    ...target,
    status: response.status,
    body: clean,
    detail: scrub(detail, secrets),
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
  };
}

/**
 * What is buried in a fetch failure: the system code (`ECONNREFUSED`, …) or, without one, the platform's
 * reason (`bad port`). Both describe the connection, never the request.
 */
function systemCause(error: unknown): { code?: string; reason?: string; cause?: Error } {
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (inner as { code?: unknown } | undefined)?.code;
  return {
    ...(typeof code === 'string' ? { code } : inner?.message ? { reason: inner.message } : {}),
    ...(inner && { cause: inner }),
  };
}

/**
 * @internal The one HTTP path of the SDK: builds URLs below the base URL, adds auth and headers,
 * bounds each attempt by its timeout (body included), retries what is safe to retry, and turns
 * every failure into an `ImmutaError` whose text has been scrubbed of secrets.
 */
export class HttpTransport {
  readonly #options: ResolvedOptions;
  readonly #ky: KyInstance;
  /** The key of the latest attempt, so the log can scrub it even when a function supplies it. */
  #lastApiKey = '';
  /** The client's log; the poller writes to it too. */
  readonly log: Log;

  constructor(options: ResolvedOptions) {
    this.#options = options;
    this.log = new Log(options.logger, () => this.secrets());
    // Retries and timeouts are ours: ky's timeout spans all retries and stops at the headers,
    // and ky never retries a POST, not even on 429.
    this.#ky = ky.create({
      prefixUrl: options.baseUrl.href,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      ...(options.fetch && { fetch: options.fetch }),
    });
  }

  /** The secrets the client knows outside any one request: the API key of the latest attempt. */
  secrets(): readonly string[] {
    return [this.#lastApiKey];
  }

  /** The base URL requests go to. */
  get baseUrl(): URL {
    return this.#options.baseUrl;
  }

  /** Sends the request, retrying as the policy allows; resolves with a 2xx answer or throws an `ImmutaError`. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    const target: RequestTarget = { method: request.method, path: `/${request.path}` };
    const { retry } = this.#options;
    const limit = request.retry === false ? 0 : retry.limit;
    const signal = request.options?.signal;
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new RequestAbortedError(target);
      const started = performance.now();
      const outcome = await this.#attempt(request, target);
      const fields = {
        method: target.method,
        path: target.path,
        attempt: attempt + 1,
        ms: Math.round(performance.now() - started),
      };
      if ('response' in outcome) {
        this.log.debug(`${target.method} ${target.path} answered ${outcome.response.status}`, {
          ...fields,
          status: outcome.response.status,
        });
        return outcome.response;
      }
      const failure = outcome.failure;
      const error = 'details' in failure ? createApiError(failure.details) : failure.error;
      const outcomeText = 'details' in failure ? `answered ${failure.details.status}` : `failed: ${error.name}`;
      if (attempt >= limit || !this.#isRetryable(request.method, failure)) {
        this.log.debug(`${target.method} ${target.path} ${outcomeText}`, { ...fields, error: error.name });
        throw error;
      }
      const retryAfterMs = 'details' in failure ? failure.details.retryAfterMs : undefined;
      if (retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs && 'details' in failure) {
        const seconds = Math.ceil(retryAfterMs / 1000);
        const cap = Math.round(retry.maxRetryAfterMs / 1000);
        this.log.warn(
          `${target.method} ${target.path} ${outcomeText}; Retry-After ${seconds} s is over the cap, giving up`,
          {
            ...fields,
            retryAfterMs,
          },
        );
        throw createApiError(
          failure.details,
          `${error.message} (the server asked to wait ${seconds} s before retrying, more than retry.maxRetryAfterMs allows (${cap} s), so the client gave up)`,
        );
      }
      const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
      const delay = retryAfterMs ?? backoff / 2 + (Math.random() * backoff) / 2;
      this.log.warn(
        `${target.method} ${target.path} ${outcomeText}; retry ${attempt + 1} of ${limit} in ${Math.round(delay)} ms`,
        { ...fields, error: error.name, delayMs: Math.round(delay) },
      );
      await sleep(delay, signal, () => new RequestAbortedError(target));
    }
  }

  #isRetryable(method: HttpRequest['method'], failure: AttemptFailure): boolean {
    const status = 'details' in failure ? failure.details.status : undefined;
    // A POST that reached the server may have created an integration: only a 429 proves it did not.
    if (method === 'POST') return status === 429;
    return status === undefined || this.#options.retry.statusCodes.includes(status);
  }

  /** Header names are case-insensitive: merge through `Headers` so no caller can add a second Authorization. */
  #headers(apiKey: string, request: HttpRequest): Headers {
    const headers = new Headers({ accept: 'application/json', 'user-agent': this.#options.userAgent });
    for (const extra of [this.#options.headers, request.options?.headers]) {
      for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
    }
    if (request.body) headers.set('content-type', request.body.contentType);
    headers.set('authorization', apiKey);
    return headers;
  }

  async #attempt(
    request: HttpRequest,
    target: RequestTarget,
  ): Promise<{ response: HttpResponse } | { failure: AttemptFailure }> {
    const timeoutMs = request.options?.timeoutMs ?? this.#options.timeoutMs;
    const apiKey = await resolveApiKey(this.#options.apiKey);
    this.#lastApiKey = apiKey;
    const secrets = [apiKey, ...(request.body?.secrets ?? []), ...(request.secrets ?? [])];
    const userSignal = request.options?.signal;
    const controller = new AbortController();
    const forwardAbort = (): void => controller.abort(userSignal?.reason);
    userSignal?.addEventListener('abort', forwardAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await this.#ky(request.path, {
        method: request.method,
        headers: this.#headers(apiKey, request),
        ...(request.body && { body: request.body.text }),
        signal: controller.signal,
      });
      // Read the whole body inside the attempt, so the timeout also bounds a slow trickle.
      const text = await response.text();
      if (response.ok) return { response: { status: response.status, headers: response.headers, text, target } };
      return { failure: { details: apiErrorDetails(response, text, target, secrets) } };
    } catch (error) {
      if (userSignal?.aborted) throw new RequestAbortedError(target);
      if (timedOut) return { failure: { error: new TimeoutError({ ...target, timeoutMs }) } };
      const { code, reason, cause } = systemCause(error);
      const url = new URL(request.path, this.#options.baseUrl).href;
      return { failure: { error: new ConnectionError({ ...target, url, code, reason }, cause && { cause }) } };
    } finally {
      clearTimeout(timer);
      userSignal?.removeEventListener('abort', forwardAbort);
    }
  }
}
