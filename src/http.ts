import ky, { type KyInstance } from 'ky';
import { ApiKeyAuthenticator, type Authenticator, BearerTokenAuthenticator } from './auth.js';
import {
  ConnectionError,
  createApiError,
  type ApiErrorDetails,
  RequestAbortedError,
  type RequestTarget,
  ResponseTooLargeError,
  TimeoutError,
} from './errors/index.js';
import { onAbort } from './internal/abort.js';
import { checkRequestOptions } from './internal/check.js';
import { apiErrorDetails, systemCause } from './internal/error-details.js';
import { LazyTarget } from './internal/target.js';
import { Log } from './internal/log.js';
import { readBody, TOO_LARGE } from './internal/read-body.js';
import { scrubAndCut } from './internal/scrub.js';
import { sleep } from './internal/sleep.js';
import type { RequestOptions, ResolvedOptions } from './options.js';

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
  /** Secrets to scrub from what the server says, beyond those in the body (a poll after a create). */
  readonly secrets?: readonly string[];
  /** An `Authorization` value to send instead of the authenticator's (the token exchange sends the key). */
  readonly authorization?: string;
}

/** @internal A 2xx answer, body read in full. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly target: RequestTarget;
}

/** Why one attempt failed: an HTTP error answer, or no usable answer at all. */
type AttemptFailure =
  | { readonly details: ApiErrorDetails; readonly authorization: string }
  | { readonly error: ConnectionError | TimeoutError | ResponseTooLargeError };

/**
 * @internal The one HTTP path of the SDK: builds URLs below the base URL, authenticates, bounds each
 * attempt by its timeout (body included) and by `maxResponseBytes`, follows no redirect, retries what is
 * safe to retry, and turns every failure into an `ImmutaError` whose text has been scrubbed of secrets.
 */
export class HttpTransport {
  readonly #options: ResolvedOptions;
  readonly #ky: KyInstance;
  readonly #auth: Authenticator;
  /** The headers of every request (checked once, at construction), names lower-cased. */
  readonly #baseHeaders: Record<string, string>;
  /** The client's log; the poller writes to it too. */
  readonly log: Log;

  constructor(options: ResolvedOptions) {
    this.#options = options;
    const key = new ApiKeyAuthenticator(options.apiKey);
    this.#auth =
      options.authMethod === 'bearerToken'
        ? new BearerTokenAuthenticator(key, async (apiKey, signal) => {
            // Both documented forms at once: the key in the header (SaaS) and in the body (older releases).
            const body = { text: JSON.stringify({ apikey: apiKey }), contentType: 'application/json', secrets: [] };
            return this.send({
              method: 'POST',
              path: 'bim/apikey/authenticate',
              body,
              authorization: apiKey,
              options: { signal },
            });
          })
        : key;
    this.log = new Log(options.logger, () => this.secrets());
    this.#baseHeaders = { accept: 'application/json', 'user-agent': options.userAgent };
    for (const [name, value] of Object.entries(options.headers)) this.#baseHeaders[name.toLowerCase()] = value;
    const fetchImpl = options.fetch;
    // Retries, timeouts and aborts are ours: ky's timeout spans all retries and stops at the headers, ky never
    // retries a POST, and handing ky a signal costs an `AbortSignal.any` per call. The attempt's signal goes
    // straight to `fetch` instead. Redirects are answered, never followed: a proxy's 307 must not receive a body.
    this.#ky = ky.create({
      prefixUrl: options.baseUrl.href,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      redirect: 'manual',
      fetch: (input, init) => {
        // ky hands over a fresh object of the options it does not know: take the signal out of it in place.
        const options = (init ?? {}) as RequestInit & { immutaAttemptSignal?: AbortSignal };
        options.signal = options.immutaAttemptSignal ?? null;
        delete options.immutaAttemptSignal;
        return (fetchImpl ?? globalThis.fetch)(input, options);
      },
    });
  }

  /** The secrets the client knows outside any one request: the API keys and tokens of recent attempts. */
  secrets(): readonly string[] {
    return this.#auth.secrets();
  }

  /** The base URL requests go to. */
  get baseUrl(): URL {
    return this.#options.baseUrl;
  }

  /** Sends the request, retrying as the policy allows; resolves with a 2xx answer or throws an `ImmutaError`. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    // The path may hold an id the server chose (a poll after a create): scrubbed like anything it says —
    // when an error or a log line needs it, not on every call.
    const target = new LazyTarget(request.method, () =>
      scrubAndCut(`/${request.path}`, this.#secretsOf(request), 1000),
    );
    const timeoutMs = checkRequestOptions(request.options, this.#options.timeoutMs);
    const { retry } = this.#options;
    const limit = request.retry === false ? 0 : retry.limit;
    const signal = request.options?.signal;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new RequestAbortedError(target);
      const started = this.log.active ? performance.now() : 0;
      const outcome = await this.#attempt(request, target, timeoutMs);
      if ('response' in outcome) {
        if (this.log.active) {
          this.log.debug(`${target.method} ${target.path} answered ${outcome.response.status}`, {
            method: target.method,
            path: target.path,
            attempt: attempt + 1,
            ms: Math.round(performance.now() - started),
            status: outcome.response.status,
          });
        }
        return outcome.response;
      }
      const fields = {
        method: target.method,
        path: target.path,
        attempt: attempt + 1,
        ms: Math.round(performance.now() - started),
      };
      const failure = outcome.failure;
      // An expired bearer token: nothing was processed, so even a POST is repeated, once, with a new token.
      if ('details' in failure && failure.details.status === 401 && request.authorization === undefined && !renewed) {
        if (this.#auth.renew(failure.authorization)) {
          renewed = true;
          this.log.debug(`${target.method} ${target.path} answered 401; renewing the token and repeating`, fields);
          attempt -= 1;
          continue;
        }
      }
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
          `${error.message} (the server asked to wait ${seconds} s before retrying, longer than the ${cap} s the client waits at most, so it gave up)`,
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
    if ('error' in failure && failure.error instanceof ResponseTooLargeError) return false;
    const status = 'details' in failure ? failure.details.status : undefined;
    // A POST that reached the server may have created an integration: only a 429 proves it did not.
    if (method === 'POST') return status === 429;
    return status === undefined || this.#options.retry.statusCodes.includes(status);
  }

  /**
   * The request's headers, names lower-cased — header names are case-insensitive, so no caller can add a
   * second Authorization — as a plain object (ky builds its `Headers` from it; building one here too would
   * cost a second).
   */
  #headers(authorization: string, request: HttpRequest): Record<string, string> {
    const headers = { ...this.#baseHeaders };
    const extra = request.options?.headers;
    if (extra) for (const name of Object.keys(extra)) headers[name.toLowerCase()] = extra[name] as string;
    if (request.body) headers['content-type'] = request.body.contentType;
    headers.authorization = authorization;
    return headers;
  }

  #secretsOf(request: HttpRequest): string[] {
    return [...this.#auth.secrets(), ...(request.body?.secrets ?? []), ...(request.secrets ?? [])];
  }

  /**
   * One attempt, bounded by its timeout from the first step: getting the credential (an `apiKey` function,
   * a token exchange) counts, and an abort or the timeout ends the wait for it at once.
   */
  async #attempt(
    request: HttpRequest,
    target: RequestTarget,
    timeoutMs: number,
  ): Promise<{ response: HttpResponse } | { failure: AttemptFailure }> {
    const userSignal = request.options?.signal;
    const controller = new AbortController();
    const stopListening = onAbort(userSignal, () => controller.abort());
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const stop = (): void => {
      clearTimeout(timer);
      stopListening();
    };
    let authorization: string;
    try {
      const pending = request.authorization ?? this.#auth.authorize(controller.signal, target);
      // A fixed key is at hand: no need to wait a tick for it.
      authorization = typeof pending === 'string' ? pending : await pending;
    } catch (error) {
      stop();
      if (userSignal?.aborted) throw new RequestAbortedError(target);
      if (timedOut)
        return { failure: { error: new TimeoutError({ method: target.method, path: target.path, timeoutMs }) } };
      throw error; // the apiKey function or the token exchange failed: its own ImmutaError
    }
    const secrets = (): string[] => this.#secretsOf(request);
    const url = (): string => scrubAndCut(new URL(request.path, this.#options.baseUrl).href, secrets(), 2000);
    try {
      const response = await this.#ky(request.path, {
        method: request.method,
        headers: this.#headers(authorization, request),
        ...(request.body && { body: request.body.text }),
        // How the attempt's signal reaches `fetch`: ky passes options it does not know on to `fetch`'s init.
        immutaAttemptSignal: controller.signal,
      } as Parameters<KyInstance>[1]);
      // Read the whole body inside the attempt, so the timeout also bounds a slow trickle.
      const text = await readBody(response, this.#options.maxResponseBytes);
      if (text === TOO_LARGE) {
        controller.abort();
        return {
          failure: {
            error: new ResponseTooLargeError({
              method: target.method,
              path: target.path,
              limitBytes: this.#options.maxResponseBytes,
            }),
          },
        };
      }
      if (response.status >= 200 && response.status < 300) {
        return { response: { status: response.status, headers: response.headers, text, target } };
      }
      return { failure: { details: apiErrorDetails(response, text, target, secrets(), url()), authorization } };
    } catch (error) {
      if (userSignal?.aborted) throw new RequestAbortedError(target);
      if (timedOut)
        return { failure: { error: new TimeoutError({ method: target.method, path: target.path, timeoutMs }) } };
      const { code, reason, cause } = systemCause(error, secrets());
      return {
        failure: {
          error: new ConnectionError(
            { method: target.method, path: target.path, url: url(), code, reason },
            cause && { cause },
          ),
        },
      };
    } finally {
      stop();
    }
  }
}
