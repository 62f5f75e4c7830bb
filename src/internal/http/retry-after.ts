/**
 * Reads a `Retry-After` header — delay-seconds (`120`) or an HTTP date — as milliseconds from `now`.
 * A date in the past is 0; an unreadable value is undefined (the caller falls back to its backoff).
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
