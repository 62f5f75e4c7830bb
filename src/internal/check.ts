import { ConfigurationError } from '../errors/index.js';

/** The longest delay Node's timers can run: beyond it, `setTimeout` fires after 1 ms. */
export const MAX_DURATION_MS = 2 ** 31 - 1;

function describe(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  return value === null ? 'null' : typeof value;
}

/**
 * @internal A duration option in milliseconds: a finite number from `min` (default: above 0) to 2³¹−1.
 * Undefined takes the fallback; anything else is a `ConfigurationError` naming the option.
 */
export function duration(option: string, value: unknown, fallback: number, { allowZero = false } = {}): number {
  if (value === undefined) return fallback;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (allowZero ? value >= 0 : value > 0) &&
    value <= MAX_DURATION_MS;
  if (!ok) {
    throw new ConfigurationError(
      `${option} must be a number of milliseconds ${allowZero ? 'from 0' : 'above 0'} up to ${MAX_DURATION_MS}, not ${describe(value)}`,
      { option },
    );
  }
  return value;
}

/** @internal A whole-number option from `min` to `max`; undefined takes the fallback. */
export function count(option: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)) {
    throw new ConfigurationError(`${option} must be a whole number from ${min} to ${max}, not ${describe(value)}`, {
      option,
    });
  }
  return value;
}

/** @internal Whether a value can be used as an `AbortSignal` (from this realm or another). */
export function isSignal(value: unknown): value is AbortSignal {
  const candidate = value as AbortSignal | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.aborted === 'boolean' &&
    typeof candidate.addEventListener === 'function'
  );
}

/** @internal Headers that `fetch` would refuse (a line break in a value, a bad name): refused here, before sending. */
export function checkHeaders(option: string, headers: unknown): void {
  if (headers === undefined) return;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new ConfigurationError(`${option} must be an object of header names and values`, { option });
  }
  try {
    new Headers(headers as Record<string, string>);
  } catch {
    throw new ConfigurationError(`${option} holds a header name or value that HTTP does not allow (a line break?)`, {
      option,
    });
  }
}

/** @internal Checks the options a call takes; resolves its timeout. */
export function checkRequestOptions(
  options: { signal?: unknown; timeoutMs?: unknown; headers?: unknown } | undefined,
  fallbackTimeoutMs: number,
): number {
  if (options === undefined) return fallbackTimeoutMs;
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError('request options must be an object', { option: 'options' });
  }
  if (options.signal !== undefined && !isSignal(options.signal)) {
    throw new ConfigurationError('signal must be an AbortSignal', { option: 'signal' });
  }
  checkHeaders('headers', options.headers);
  return duration('timeoutMs', options.timeoutMs, fallbackTimeoutMs);
}
