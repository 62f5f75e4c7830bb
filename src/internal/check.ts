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
