/**
 * What may be tried again: the one rule, used by the transport's retries and by the waiter's polls (which keep
 * polling through what this calls transient, until their deadline, whatever `retry.limit` says).
 */
import { ConnectionError, ImmutaApiError, TimeoutError } from '../../errors/index.js';

/**
 * @internal A failure a later attempt may not repeat: no usable answer (a network error, a timeout) or an HTTP
 * status among `statusCodes` (the client's `retry.statusCodes`: 408, 429, 500, 502, 503, 504 by default).
 */
export function isTransient(error: unknown, statusCodes: readonly number[]): boolean {
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  return error instanceof ImmutaApiError && statusCodes.includes(error.status);
}

/**
 * @internal Whether a request that failed so may be sent again. A POST that reached the server may have
 * created an integration even if the answer was lost, so it is repeated only after a 429, which proves it was
 * refused (and only when 429 is among the retried statuses).
 */
export function mayRetry(method: string, error: unknown, statusCodes: readonly number[]): boolean {
  if (method === 'POST') return error instanceof ImmutaApiError && error.status === 429 && statusCodes.includes(429);
  return isTransient(error, statusCodes);
}
