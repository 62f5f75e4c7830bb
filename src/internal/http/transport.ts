import { stableList } from '../stable-list.js';
import ky, { type KyInstance } from 'ky';
import {
  type ApiErrorDetails,
  ConnectionError,
  createApiError,
  type ImmutaError,
  RequestAbortedError,
  type RequestTarget,
  ResponseTooLargeError,
  TimeoutError,
} from '../../errors/index.js';
import type { RequestOptions } from '../../options.js';
import { onAbort } from '../abort.js';
import { checkRequestOptions } from '../check.js';
import { pause } from '../clock.js';
import type { Call } from '../endpoints.js';
import { endpoints } from '../endpoints.js';
import { Log } from '../log.js';
import type { ResolvedOptions } from '../resolve-options.js';
import { scrubAndCut } from '../scrub.js';
import { ApiKeyAuthenticator, type Authenticator, BearerTokenAuthenticator } from './auth.js';
import { apiErrorDetails, systemCause } from './error-details.js';
import { readBody, TOO_LARGE } from './read-body.js';
import { mayRetry } from './retry-policy.js';
import { LazyTarget } from './target.js';
import type { HttpRequest, HttpResponse } from './types.js';

/**
 * Why one attempt failed: the error it becomes; for an HTTP error answer also what it said and the
 * `Authorization` it was sent with.
 */
interface AttemptFailure {
  readonly error: ImmutaError;
  readonly details?: ApiErrorDetails;
  readonly authorization?: string;
}

/** What a transport and the transports derived from it share: the connection and its authentication. */
interface Connection {
  readonly ky: KyInstance;
  readonly auth: Authenticator;
}

/**
 * @internal The one HTTP path of the SDK: builds URLs below the base URL, authenticates, bounds each attempt
 * by its timeout (body included) and by `maxResponseBytes`, follows no redirect, retries what is safe to
 * retry, and turns every failure into an `ImmutaError` whose text has been scrubbed of secrets.
 */
export class HttpTransport {
  readonly #options: ResolvedOptions;
  readonly #connection: Connection;
  /** The headers of every request (checked once, at construction), names lower-cased. */
  readonly #baseHeaders: Record<string, string>;
  /** The secrets list, the same array while it holds the same values (the scrubber caches by it). */
  readonly #known = stableList();
  /** The client's log; the poller writes to it too. */
  readonly log: Log;

  /** A transport for `options`; with `shared`, one that uses another transport's connection and token. */
  constructor(options: ResolvedOptions, shared?: HttpTransport) {
    this.#options = options;
    this.#connection = shared ? shared.#connection : this.#connect(options);
    this.log = new Log(options.logger, () => this.secrets());
    this.#baseHeaders = { accept: 'application/json', 'user-agent': options.userAgent };
    for (const [name, value] of Object.entries(options.headers)) this.#baseHeaders[name.toLowerCase()] = value;
  }

  #connect(options: ResolvedOptions): Connection {
    const key = new ApiKeyAuthenticator(options.apiKey);
    const auth =
      options.authMethod === 'bearerToken'
        ? new BearerTokenAuthenticator(key, (apiKey, signal) => this.call(endpoints.authenticate(apiKey), { signal }))
        : key;
    const fetchImpl = options.fetch;
    // Retries, timeouts and aborts are ours: ky's timeout spans all retries and stops at the headers, ky never
    // retries a POST, and handing ky a signal costs an `AbortSignal.any` per call. The attempt's signal goes
    // straight to `fetch` instead. Redirects are answered, never followed: a proxy's 307 must not receive a body.
    const kyInstance = ky.create({
      prefixUrl: options.baseUrl.href,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      redirect: 'manual',
      fetch: (input, init) => {
        // ky hands over a fresh object of the options it does not know: take the signal out of it in place.
        const given = (init ?? {}) as RequestInit & { immutaAttemptSignal?: AbortSignal };
        given.signal = given.immutaAttemptSignal ?? null;
        delete given.immutaAttemptSignal;
        return (fetchImpl ?? globalThis.fetch)(input, given);
      },
    });
    return { ky: kyInstance, auth };
  }

  /** The secrets the client knows outside any one request: the API keys and tokens of recent attempts, and `redact`. */
  secrets(): readonly string[] {
    const known = this.#connection.auth.secrets();
    return this.#options.redact.length === 0 ? known : this.#known([...known, ...this.#options.redact]);
  }

  /** The base URL requests go to. */
  get baseUrl(): URL {
    return this.#options.baseUrl;
  }

  /** Calls an endpoint: sends its request with the caller's options, and reads the answer as the endpoint says. */
  async call<T>(
    endpoint: Call<T>,
    options?: RequestOptions,
    extra?: Pick<HttpRequest, 'retry' | 'secrets'>,
  ): Promise<T> {
    return endpoint.decode(await this.send({ ...endpoint, options, ...extra }));
  }

  /** Sends the request, retrying as the policy allows; resolves with a 2xx answer or throws an `ImmutaError`. */
  async send(request: HttpRequest): Promise<HttpResponse> {
    // The path may hold an id the server chose (a poll after a create): scrubbed like anything it says —
    // when an error or a log line needs it, not on every call.
    const target = new LazyTarget(request.method, () =>
      scrubAndCut(`/${request.path}`, this.#secretsOf(request), 1000),
    );
    const timeoutMs = checkRequestOptions(request.options, this.#options.timeoutMs);
    const { retry, clock } = this.#options;
    const limit = request.retry === false ? 0 : retry.limit;
    const signal = request.options?.signal;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new RequestAbortedError(target);
      const started = this.log.active ? clock.now() : 0;
      const outcome = await this.#attempt(request, target, timeoutMs);
      const fields = (status?: number) => ({
        method: target.method,
        path: target.path,
        attempt: attempt + 1,
        ms: Math.round(clock.now() - started),
        ...(status !== undefined && { status }),
      });
      if ('response' in outcome) {
        if (this.log.active) {
          this.log.debug(`${target.method} ${target.path} answered ${outcome.response.status}`, {
            ...fields(),
            status: outcome.response.status,
          });
        }
        return outcome.response;
      }
      const { error, details, authorization } = outcome.failure;
      const status = details?.status;
      const retryAfterMs = details?.retryAfterMs;
      // An expired bearer token: nothing was processed, so even a POST is repeated, once, with a new token.
      if (status === 401 && authorization !== undefined && request.authorization === undefined && !renewed) {
        if (this.#connection.auth.renew(authorization)) {
          renewed = true;
          this.log.debug(`${target.method} ${target.path} answered 401; renewing the token and repeating`, fields());
          attempt -= 1;
          continue;
        }
      }
      const outcomeText = status === undefined ? `failed: ${error.name}` : `answered ${status}`;
      if (attempt >= limit || !mayRetry(request.method, error, retry.statusCodes)) {
        this.log.debug(`${target.method} ${target.path} ${outcomeText}`, { ...fields(status), error: error.name });
        throw error;
      }
      if (details && retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs) {
        const seconds = Math.ceil(retryAfterMs / 1000);
        const cap = Math.round(retry.maxRetryAfterMs / 1000);
        this.log.warn(
          `${target.method} ${target.path} ${outcomeText}; Retry-After ${seconds} s is over the cap, giving up`,
          {
            ...fields(),
            retryAfterMs,
          },
        );
        throw createApiError(
          details,
          `${error.message} (the server asked to wait ${seconds} s before retrying, longer than the ${cap} s the client waits at most, so it gave up)`,
        );
      }
      const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
      const delay = retryAfterMs ?? backoff / 2 + (clock.random() * backoff) / 2;
      this.log.warn(
        `${target.method} ${target.path} ${outcomeText}; retry ${attempt + 1} of ${limit} in ${Math.round(delay)} ms`,
        { ...fields(status), error: error.name, delayMs: Math.round(delay) },
      );
      await pause(clock, delay, signal, () => new RequestAbortedError(target));
    }
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

  #secretsOf(request: HttpRequest): readonly string[] {
    const own = [...(request.body?.secrets ?? []), ...(request.secrets ?? [])];
    return own.length === 0 ? this.secrets() : [...this.secrets(), ...own];
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
    const timeout = () => ({
      failure: { error: new TimeoutError({ method: target.method, path: target.path, timeoutMs }) },
    });
    let authorization: string;
    try {
      const pending = request.authorization ?? this.#connection.auth.authorize(controller.signal, target);
      // A fixed key is at hand: no need to wait a tick for it.
      authorization = typeof pending === 'string' ? pending : await pending;
    } catch (error) {
      stop();
      if (userSignal?.aborted) throw new RequestAbortedError(target);
      if (timedOut) return timeout();
      throw error; // the apiKey function or the token exchange failed: its own ImmutaError
    }
    const secrets = (): readonly string[] => this.#secretsOf(request);
    const url = (): string => scrubAndCut(new URL(request.path, this.#options.baseUrl).href, secrets(), 2000);
    try {
      const response = await this.#connection.ky(request.path, {
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
        const limitBytes = this.#options.maxResponseBytes;
        return {
          failure: { error: new ResponseTooLargeError({ method: target.method, path: target.path, limitBytes }) },
        };
      }
      if (response.status >= 200 && response.status < 300) {
        return { response: { status: response.status, headers: response.headers, text, target } };
      }
      const details = apiErrorDetails(response, text, target, secrets(), url());
      return { failure: { error: createApiError(details), details, authorization } };
    } catch (error) {
      if (userSignal?.aborted) throw new RequestAbortedError(target);
      if (timedOut) return timeout();
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
