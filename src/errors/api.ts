import type { ImmutaErrorBody } from '../model/integration.js';
import { ImmutaError, type RequestTarget } from './base.js';

/**
 * What the SDK knows about a failed HTTP answer. Every string in it has been scrubbed of secrets.
 *
 * @group Errors
 */
export interface ApiErrorDetails extends RequestTarget {
  /** The HTTP status code. */
  readonly status: number;
  /** Immuta's `{ statusCode, error, message }` body, when the server sent one. */
  readonly body?: ImmutaErrorBody;
  /** What went wrong in the server's words (its `message`), or a description of the body it sent. */
  readonly detail: string;
  /** How long the server asked the client to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;
  /** For a redirect (3xx): the origin of its `Location`, when it has a readable one. */
  readonly targetOrigin?: string;
}

/**
 * Immuta answered with an HTTP error. `status`, `body` (Immuta's `{ statusCode, error, message }`),
 * `method` and `path` tell what failed; the message contains the server's message.
 * Subclasses name the common cases; catch this class for all of them.
 *
 * @group Errors
 */
export class ImmutaApiError extends ImmutaError {
  /** Always `'ImmutaApiError'`. */
  override get name(): string {
    return 'ImmutaApiError';
  }
  /** The HTTP status code. */
  readonly status: number;
  /** The HTTP method of the failed request. */
  readonly method: string;
  /** The path of the failed request below the base URL, e.g. `/integrations/5`. */
  readonly path: string;
  /** Immuta's error body, when it sent one in its `{ statusCode, error, message }` form. */
  readonly body: ImmutaErrorBody | undefined;
  /** How long the server asked to wait before the next request (`Retry-After`), in milliseconds, if it said. */
  readonly retryAfterMs: number | undefined;

  constructor(details: ApiErrorDetails, message?: string) {
    super(message ?? `${details.method} ${details.path} failed with HTTP ${details.status}: ${details.detail}`);
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.body = details.body;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * HTTP 3xx: something answered with a redirect — most likely something between the client and Immuta (a proxy,
 * a login page, a wrong URL): Immuta documents no redirects. The client follows none, so nothing — no body, no
 * key — was sent to the redirect's target. `targetOrigin` names where it pointed (never its path or query):
 * fix the Immuta URL so it reaches the API directly.
 *
 * @group Errors
 */
export class RedirectError extends ImmutaApiError {
  /** Always `'RedirectError'`. */
  override get name(): string {
    return 'RedirectError';
  }
  /** The origin the redirect pointed to, e.g. `https://login.example.com`; undefined when it had no usable `Location`. */
  readonly targetOrigin: string | undefined;

  constructor(details: ApiErrorDetails, message?: string) {
    const where = details.targetOrigin ?? 'an unreadable location';
    super(
      details,
      message ??
        `${details.method} ${details.path} was answered with a redirect (HTTP ${details.status}) to ${where}; ` +
          'the client follows no redirect, so nothing was sent there. Check that the Immuta URL points at the API itself',
    );
    this.targetOrigin = details.targetOrigin;
  }
}

/**
 * HTTP 400: Immuta refused the request as malformed — a payload it does not accept, or on
 * `DELETE`, credentials sent for a manual integration (or missing for an automatic one).
 *
 * @group Errors
 */
export class BadRequestError extends ImmutaApiError {
  /** Always `'BadRequestError'`. */
  override get name(): string {
    return 'BadRequestError';
  }
}

/**
 * HTTP 401: the API key is wrong or has expired (or, with `authMethod: 'bearerToken'`, the key could not be
 * exchanged for a token, or a renewed token was refused too). Get a new key from your Immuta profile page.
 *
 * @group Errors
 */
export class AuthenticationError extends ImmutaApiError {
  /** Always `'AuthenticationError'`. */
  override get name(): string {
    return 'AuthenticationError';
  }
}

/**
 * HTTP 403: the request was refused for lack of permission. Immuta documents that every integrations
 * endpoint needs `APPLICATION_ADMIN`; that a missing permission answers 403 is an assumption.
 *
 * @group Errors
 */
export class PermissionDeniedError extends ImmutaApiError {
  /** Always `'PermissionDeniedError'`. */
  override get name(): string {
    return 'PermissionDeniedError';
  }
}

/**
 * HTTP 404: no integration has that id (`No Integration found with ID 5.`), or the server lacks the endpoint.
 *
 * @group Errors
 */
export class NotFoundError extends ImmutaApiError {
  /** Always `'NotFoundError'`. */
  override get name(): string {
    return 'NotFoundError';
  }
}

/** Immuta's documented 409 ends with `(id = N).`: the integration that is already there. */
const EXISTING_ID = /\(id\s*=\s*([^\s()]+)\s*\)/i;

/**
 * HTTP 409: an integration already exists on that host. Immuta documents the message naming it for Snowflake —
 * `Snowflake integration already exists on <host> (id = 1).` — and this SDK assumes Redshift answers the same
 * way; `existingId` holds the id read from `(id = N)`, so a script can adopt the existing integration instead of
 * failing. Undefined when the message carries no id.
 *
 * @example
 * ```ts
 * try {
 *   await client.create(payload);
 * } catch (error) {
 *   if (!(error instanceof ConflictError) || error.existingId === undefined) throw error;
 *   await client.updateAndWait(error.existingId, payload); // adopt it
 * }
 * ```
 *
 * @group Errors
 */
export class ConflictError extends ImmutaApiError {
  /** Always `'ConflictError'`. */
  override get name(): string {
    return 'ConflictError';
  }
  /** The id of the integration that already exists, read from Immuta's `(id = N)`; undefined when absent. */
  readonly existingId: string | undefined;

  constructor(details: ApiErrorDetails, message?: string) {
    super(details, message);
    this.existingId = EXISTING_ID.exec(details.body?.message ?? details.detail)?.[1];
  }
}

/**
 * HTTP 422: Immuta's prerequisite checks failed (`Validation of prerequisite setup failed.`); fix the Redshift side and retry.
 *
 * @group Errors
 */
export class UnprocessableEntityError extends ImmutaApiError {
  /** Always `'UnprocessableEntityError'`. */
  override get name(): string {
    return 'UnprocessableEntityError';
  }
}

/**
 * HTTP 429: too many requests, still refused after the client's retries — or the server asked
 * for a wait longer than the client's `retry.maxRetryAfterMs` (the message says so).
 *
 * @group Errors
 */
export class RateLimitError extends ImmutaApiError {
  /** Always `'RateLimitError'`. */
  override get name(): string {
    return 'RateLimitError';
  }
}

/**
 * HTTP 5xx: Immuta (or a proxy in front of it) failed, still after the client's retries where the call is retried.
 *
 * @group Errors
 */
export class ServerError extends ImmutaApiError {
  /** Always `'ServerError'`. */
  override get name(): string {
    return 'ServerError';
  }
}

const apiErrorByStatus: Readonly<Record<number, typeof ImmutaApiError>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** @internal The one place that maps an HTTP status to its error class. */
export function createApiError(details: ApiErrorDetails, message?: string): ImmutaApiError {
  const status = details.status;
  const ErrorClass =
    apiErrorByStatus[status] ??
    (status >= 500 ? ServerError : status >= 300 && status < 400 ? RedirectError : ImmutaApiError);
  return new ErrorClass(details, message);
}
