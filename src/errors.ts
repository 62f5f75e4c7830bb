import type { ImmutaErrorBody, Integration, IntegrationStatus, ValidationResults } from './model/integration.js';
import type { ValidationIssue } from './model/issues.js';
import { summarizeIssues } from './model/issues.js';
import { redactPayload } from './model/redaction.js';

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/** What an error's `cause` may show: its kind and system code, never its full content. */
function describeCause(cause: unknown): unknown {
  if (cause instanceof ImmutaError) return cause.toJSON();
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return { name: cause.name, message: cause.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return String(cause);
}

/**
 * The base class of every error this SDK throws. Catch it to handle any SDK failure.
 *
 * Every subclass builds its message and fields from data the SDK has already scrubbed of the API
 * key and credentials, and renders the same way in `JSON.stringify` and `util.inspect`.
 *
 * @example
 * ```ts
 * try {
 *   await client.get('123456789');
 * } catch (error) {
 *   if (error instanceof NotFoundError) return undefined;
 *   if (error instanceof ImmutaError) console.error(error.message);
 *   throw error;
 * }
 * ```
 */
export class ImmutaError extends Error {
  static {
    this.prototype.name = 'ImmutaError';
  }

  /**
   * A plain object with the error's name, message, its own fields and a summary of its cause. Any
   * `username` or `password` inside a field (an integration a server forgot to mask) is redacted.
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) json[key] = redactPayload(value);
    if (this.cause !== undefined) json.cause = describeCause(this.cause);
    return json;
  }

  /** `util.inspect` (and so `console.log`) shows the stack and the same fields as `toJSON`. */
  [inspectCustom](): string {
    const { name: _name, message: _message, ...fields } = this.toJSON();
    const stack = this.stack ?? `${this.name}: ${this.message}`;
    return Object.keys(fields).length === 0 ? stack : `${stack} ${JSON.stringify(fields, null, 2)}`;
  }
}

/** Thrown by the client's constructor or a request when the client is set up wrong (no URL, no API key, bad URL). */
export class ConfigurationError extends ImmutaError {
  static {
    this.prototype.name = 'ConfigurationError';
  }
}

/** Where a failed request went: `GET` and the path below the base URL, e.g. `/integrations/5`. */
export interface RequestTarget {
  /** The HTTP method, e.g. `GET`. */
  readonly method: string;
  /** The path below the base URL, e.g. `/integrations/5`. */
  readonly path: string;
}

/** What the SDK knows about a failed HTTP answer. */
export interface ApiErrorDetails extends RequestTarget {
  /** The HTTP status code. */
  readonly status: number;
  /** Immuta's `{ statusCode, error, message }` body, when the server sent one. */
  readonly body?: ImmutaErrorBody;
  /** What went wrong in the server's words (its `message`), or a description of the body it sent. */
  readonly detail: string;
  /** How long the server asked the client to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;
}

/**
 * Immuta answered with an HTTP error. `status`, `body` (Immuta's `{ statusCode, error, message }`),
 * `method` and `path` tell what failed; the message contains the server's message.
 * Subclasses name the common cases; catch this class for all of them.
 */
export class ImmutaApiError extends ImmutaError {
  static {
    this.prototype.name = 'ImmutaApiError';
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
 * HTTP 400: Immuta refused the request as malformed — a payload it does not accept, or on
 * `DELETE`, credentials sent for a manual integration (or missing for an automatic one).
 */
export class BadRequestError extends ImmutaApiError {
  static {
    this.prototype.name = 'BadRequestError';
  }
}

/** HTTP 401: the API key is wrong or has expired. Get a new key from your Immuta profile page. */
export class AuthenticationError extends ImmutaApiError {
  static {
    this.prototype.name = 'AuthenticationError';
  }
}

/** HTTP 403: the API key's user lacks the `APPLICATION_ADMIN` permission every integrations endpoint needs. */
export class PermissionDeniedError extends ImmutaApiError {
  static {
    this.prototype.name = 'PermissionDeniedError';
  }
}

/** HTTP 404: no integration has that id (`No Integration found with ID 5.`), or the server lacks the endpoint. */
export class NotFoundError extends ImmutaApiError {
  static {
    this.prototype.name = 'NotFoundError';
  }
}

/** HTTP 409: an integration already exists on that host; the server's message names its id. */
export class ConflictError extends ImmutaApiError {
  static {
    this.prototype.name = 'ConflictError';
  }
}

/** HTTP 422: Immuta's prerequisite checks failed (`Validation of prerequisite setup failed.`); fix the Redshift side and retry. */
export class UnprocessableEntityError extends ImmutaApiError {
  static {
    this.prototype.name = 'UnprocessableEntityError';
  }
}

/**
 * HTTP 429: too many requests, still refused after the client's retries — or the server asked
 * for a wait longer than the client's `retry.maxRetryAfterMs` (the message says so).
 */
export class RateLimitError extends ImmutaApiError {
  static {
    this.prototype.name = 'RateLimitError';
  }
}

/** HTTP 5xx: Immuta (or a proxy in front of it) failed, still after the client's retries where the call is retried. */
export class ServerError extends ImmutaApiError {
  static {
    this.prototype.name = 'ServerError';
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

/** The one place that maps an HTTP status to its error class. */
export function createApiError(details: ApiErrorDetails, message?: string): ImmutaApiError {
  const ErrorClass = apiErrorByStatus[details.status] ?? (details.status >= 500 ? ServerError : ImmutaApiError);
  return new ErrorClass(details, message);
}

/**
 * The request never got an HTTP answer: DNS failure, connection refused, the connection reset
 * mid-response. `code` holds the system code (`ECONNREFUSED`, `ECONNRESET`, …) when known.
 * Reads, updates and deletes are retried before this is thrown; creates are not.
 */
export class ConnectionError extends ImmutaError {
  static {
    this.prototype.name = 'ConnectionError';
  }
  /** The HTTP method of the failed request. */
  readonly method: string;
  /** The path of the failed request below the base URL. */
  readonly path: string;
  /** The system error code, e.g. `ECONNREFUSED`, when the platform gave one. */
  readonly code: string | undefined;

  constructor(
    target: RequestTarget & { url: string; code?: string | undefined; reason?: string | undefined },
    options?: ErrorOptions,
  ) {
    const why = target.code ?? target.reason;
    const reason = why ? ` (${why})` : '';
    super(`${target.method} ${target.path}: could not reach Immuta at ${target.url}${reason}`, options);
    this.method = target.method;
    this.path = target.path;
    this.code = target.code;
  }
}

/** One attempt took longer than its `timeoutMs` (the client's, or the call's) and was cancelled. */
export class TimeoutError extends ImmutaError {
  static {
    this.prototype.name = 'TimeoutError';
  }
  /** The HTTP method of the request that timed out. */
  readonly method: string;
  /** The path of the request that timed out. */
  readonly path: string;
  /** The time allowed for one attempt, in milliseconds. */
  readonly timeoutMs: number;

  constructor(target: RequestTarget & { timeoutMs: number }) {
    super(`${target.method} ${target.path}: no complete answer within ${target.timeoutMs} ms`);
    this.method = target.method;
    this.path = target.path;
    this.timeoutMs = target.timeoutMs;
  }
}

/** The caller's `AbortSignal` fired: the request (or wait) stopped and nothing more was sent. */
export class RequestAbortedError extends ImmutaError {
  static {
    this.prototype.name = 'RequestAbortedError';
  }
  /** The HTTP method of the aborted request, if one was under way. */
  readonly method: string | undefined;
  /** The path of the aborted request, if one was under way. */
  readonly path: string | undefined;

  constructor(target?: RequestTarget) {
    super(target ? `${target.method} ${target.path} was aborted` : 'The operation was aborted');
    this.method = target?.method;
    this.path = target?.path;
  }
}

/**
 * A payload (or delete credentials, or a YAML/JSON document) is not valid. Nothing was sent.
 * `issues` lists each problem with its path; no message repeats a submitted value.
 *
 * @example
 * ```ts
 * try {
 *   await client.create(payload);
 * } catch (error) {
 *   if (error instanceof PayloadValidationError) {
 *     for (const issue of error.issues) console.error(`${issue.path}: ${issue.message}`);
 *   }
 * }
 * ```
 */
export class PayloadValidationError extends ImmutaError {
  static {
    this.prototype.name = 'PayloadValidationError';
  }
  /** Every problem found, each with the path of the offending field. */
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], subject = 'Redshift integration payload') {
    super(`Invalid ${subject}: ${summarizeIssues(issues)}`);
    this.issues = issues;
  }
}

/**
 * Immuta answered with success, but not with what the API documents: a body that is not JSON,
 * or one that lacks required fields. `issues` lists the paths that failed.
 */
export class ResponseValidationError extends ImmutaError {
  static {
    this.prototype.name = 'ResponseValidationError';
  }
  /** The HTTP method of the request. */
  readonly method: string;
  /** The path of the request. */
  readonly path: string;
  /** What did not match, each with its path in the response body. */
  readonly issues: readonly ValidationIssue[];

  constructor(target: RequestTarget, issues: readonly ValidationIssue[]) {
    super(`${target.method} ${target.path}: unexpected response: ${summarizeIssues(issues)}`);
    this.method = target.method;
    this.path = target.path;
    this.issues = issues;
  }
}

/** The names of the validation tests that did not pass, for a message a person can act on. */
function failedTests(results: ValidationResults | undefined): string[] {
  return (results?.validationTests ?? [])
    .filter((test) => test.status !== 'passed' && test.status !== 'skipped')
    .map((test) => `${test.name} (${test.status})`);
}

/**
 * A wait ended because the integration reached a status that will not become the one waited for:
 * `createError`, `editError`, `deleteError`, `migrateError`, `recurringValidationError`, or a terminal
 * status not asked for (`deleted` or `disabled` while waiting for `enabled`). The message names the
 * validation tests that failed; `integration` is the last one read.
 *
 * @example
 * ```ts
 * try {
 *   await client.createAndWait(payload);
 * } catch (error) {
 *   if (error instanceof IntegrationFailedError) {
 *     console.error(error.status, error.validationResults?.validationTests);
 *     console.log(await client.scripts.cleanup(payload)); // for a manual setup
 *   }
 * }
 * ```
 */
export class IntegrationFailedError extends ImmutaError {
  static {
    this.prototype.name = 'IntegrationFailedError';
  }
  /** The status that ended the wait. */
  readonly status: IntegrationStatus;
  /** The integration as last read. Its credentials are masked by the server. */
  readonly integration: Integration;
  /** The validation results Immuta reported with that status. */
  readonly validationResults: ValidationResults | undefined;

  constructor(integration: Integration, awaited: readonly string[]) {
    const failed = failedTests(integration.validationResults);
    const tests = failed.length > 0 ? `; failed validation tests: ${failed.join(', ')}` : '';
    super(
      `Integration ${integration.id} reached status ${integration.status} while waiting for ${awaited.join(' or ')}${tests}`,
    );
    this.status = integration.status;
    this.integration = integration;
    this.validationResults = integration.validationResults;
  }
}

/**
 * A wait reached its `timeoutMs` before the integration reached the status waited for.
 * The integration may still get there: wait again, or check it with `get`.
 *
 * @example
 * ```ts
 * try {
 *   await client.waitUntilEnabled(id, { timeoutMs: 60_000 });
 * } catch (error) {
 *   if (!(error instanceof WaitTimeoutError)) throw error;
 *   console.warn(`still ${error.lastStatus} after ${error.elapsedMs} ms; waiting longer`);
 *   await client.waitUntilEnabled(id);
 * }
 * ```
 */
export class WaitTimeoutError extends ImmutaError {
  static {
    this.prototype.name = 'WaitTimeoutError';
  }
  /** The last status read, or undefined if no read succeeded. */
  readonly lastStatus: IntegrationStatus | undefined;
  /** How long the wait lasted, in milliseconds. */
  readonly elapsedMs: number;

  constructor(
    details: { id: string; awaited: readonly string[]; lastStatus: IntegrationStatus | undefined; elapsedMs: number },
    options?: ErrorOptions,
  ) {
    const last = details.lastStatus === undefined ? 'no status could be read' : `last status: ${details.lastStatus}`;
    super(
      `Integration ${details.id} did not reach ${details.awaited.join(' or ')} within ${Math.round(details.elapsedMs)} ms (${last})`,
      options,
    );
    this.lastStatus = details.lastStatus;
    this.elapsedMs = details.elapsedMs;
  }
}
