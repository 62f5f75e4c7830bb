import { ImmutaError, type RequestTarget } from './base.js';

/**
 * The request never got a usable HTTP answer: DNS failure, connection refused, the connection reset
 * mid-response, or an answer that is not valid HTTP. `code` holds the system or parser code
 * (`ECONNREFUSED`, `ECONNRESET`, `HPE_INVALID_HEADER_TOKEN`, …) when known. Reads, updates and deletes are
 * retried before this is thrown; creates are not. Its `cause` is a summary (name and code): never the raw
 * bytes the server sent.
 *
 * @group Errors
 */
export class ConnectionError extends ImmutaError {
  /** Always `'ConnectionError'`. */
  override get name(): string {
    return 'ConnectionError';
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

/**
 * One attempt took longer than its `timeoutMs` (the client's, or the call's) and was cancelled.
 *
 * @group Errors
 */
export class TimeoutError extends ImmutaError {
  /** Always `'TimeoutError'`. */
  override get name(): string {
    return 'TimeoutError';
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

/**
 * The caller's `AbortSignal` fired: the request (or wait) stopped and nothing more was sent.
 *
 * @group Errors
 */
export class RequestAbortedError extends ImmutaError {
  /** Always `'RequestAbortedError'`. */
  override get name(): string {
    return 'RequestAbortedError';
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
 * The answer was larger than the client's `maxResponseBytes` (by its declared length, or by the bytes
 * that arrived). The client stopped reading and dropped the connection, so memory stays bounded; the
 * request is not retried. A tenant whose list of integrations really is that large needs a larger limit.
 *
 * @group Errors
 */
export class ResponseTooLargeError extends ImmutaError {
  /** Always `'ResponseTooLargeError'`. */
  override get name(): string {
    return 'ResponseTooLargeError';
  }
  /** The HTTP method of the request. */
  readonly method: string;
  /** The path of the request. */
  readonly path: string;
  /** The limit that was passed, in bytes. */
  readonly limitBytes: number;

  constructor(target: RequestTarget & { limitBytes: number }) {
    super(
      `${target.method} ${target.path}: the response is larger than ${target.limitBytes} bytes, the most the client reads; it stopped reading and dropped the connection`,
    );
    this.method = target.method;
    this.path = target.path;
    this.limitBytes = target.limitBytes;
  }
}
