import {
  ConfigurationError,
  ImmutaApiError,
  ImmutaError,
  IntegrationFailedError,
  NotFoundError,
  RequestAbortedError,
  WaitTimeoutError,
} from './errors/index.js';
import { duration, isSignal } from './internal/check.js';
import { pause } from './internal/clock.js';
import { isTransient } from './internal/http/retry-policy.js';
import type { Log } from './internal/log.js';
import { sanitize, scrubAndCut } from './internal/scrub.js';
import type { Integration, IntegrationStatus } from './model/integration.js';
import { FAILED, KNOWN_INTEGRATION_STATUSES, SETTLED } from './model/statuses.js';
import type { Clock } from './options.js';

/**
 * Options of `waitForStatus`, `waitUntilEnabled` and the `…AndWait` helpers. All optional.
 *
 * @group Waiting
 */
export interface WaitOptions {
  /** The status (or statuses) to wait for. Default `'enabled'`. */
  until?: IntegrationStatus | readonly IntegrationStatus[];
  /** The longest the wait may last, in milliseconds (up to 2³¹−1). Default 15 minutes. */
  timeoutMs?: number;
  /** The shortest pause between two reads, in milliseconds (0 or more). Default 750 ms. */
  minDelayMs?: number;
  /** The longest pause between two reads, in milliseconds. Default 15 000 ms. */
  maxDelayMs?: number;
  /** Cancels the wait: it rejects with `RequestAbortedError` at once and sends nothing more. */
  signal?: AbortSignal;
  /** Called with the integration after every successful read: for progress output. */
  onPoll?: (integration: Integration) => void;
}

/** @internal What the loop needs from the outside world; tests pass a virtual clock. */
export interface WaitEnvironment {
  /** Reads the integration once, with no retries of its own, within `timeoutMs`. */
  read(options: { signal?: AbortSignal | undefined; timeoutMs: number }): Promise<Integration>;
  readonly clock: Clock;
  /** The statuses the client's retry policy calls transient: a read failing with one keeps the wait going. */
  readonly statusCodes: readonly number[];
  readonly log?: Log | undefined;
  /** Secrets to hide in any status or integration placed in an error or a log line. */
  secrets?: () => readonly string[];
}

/** @internal The defaults of a wait's options. */
export const WAIT_DEFAULTS = { timeoutMs: 15 * 60_000, minDelayMs: 750, maxDelayMs: 15_000 } as const;

/**
 * Each pause is this share of the time waited so far (so pauses grow ×1.15 per read once past
 * `minDelayMs`, up to `maxDelayMs`): a change is noticed within about a seventh of the time waited.
 * With the 750 ms minimum, pauses stay at 750–825 ms for the first five seconds: an integration enabled
 * after 4 s is seen within a second, in at most 7 reads, whatever the jitter and the latency.
 */
const GROWTH = 0.15;
/** Pauses are stretched by up to this share at random, so many waiters do not poll in step. */
const JITTER = 0.1;

/** The pause before the next read: grows with the time waited, jittered, within the bounds. */
export function nextDelay(
  elapsedMs: number,
  random: number,
  bounds: { minDelayMs: number; maxDelayMs: number },
): number {
  const base = Math.max(bounds.minDelayMs, GROWTH * elapsedMs);
  return Math.min(bounds.maxDelayMs, base * (1 + JITTER * random));
}

/** The statuses to wait for: a status or a non-empty list of them. */
function untilOf(until: WaitOptions['until']): readonly string[] {
  if (until === undefined) return ['enabled'];
  const list = typeof until === 'string' ? [until] : until;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((status) => typeof status === 'string' && status !== '')
  ) {
    throw new ConfigurationError('until must be a status or a non-empty list of statuses', { option: 'until' });
  }
  return list;
}

/** @internal Checks a wait's options (every duration finite and in range) and fills in the defaults. */
export function resolveWaitOptions(given: WaitOptions | undefined | null) {
  const options = given ?? {};
  if (typeof options !== 'object')
    throw new ConfigurationError('wait options must be an object', { option: 'options' });
  if (options.onPoll !== undefined && typeof options.onPoll !== 'function') {
    throw new ConfigurationError('onPoll must be a function', { option: 'onPoll' });
  }
  if (options.signal !== undefined && !isSignal(options.signal)) {
    throw new ConfigurationError('signal must be an AbortSignal', { option: 'signal' });
  }
  const minDelayMs = duration('minDelayMs', options.minDelayMs, WAIT_DEFAULTS.minDelayMs, { allowZero: true });
  const maxDelayMs = duration('maxDelayMs', options.maxDelayMs, WAIT_DEFAULTS.maxDelayMs);
  return {
    signal: options.signal,
    onPoll: options.onPoll,
    awaited: untilOf(options.until),
    bounds: { minDelayMs, maxDelayMs: Math.max(maxDelayMs, minDelayMs) },
    timeoutMs: duration('timeoutMs', options.timeoutMs, WAIT_DEFAULTS.timeoutMs),
  };
}

/**
 * @internal Polls until the integration reaches a status in `until`, fails, or time runs out.
 *
 * - status in `until` → resolves with the integration;
 * - a terminal status not in `until` → `IntegrationFailedError`;
 * - transient and unknown statuses → keeps polling;
 * - 404 → resolves (status `deleted`) when `until` includes `deleted`, else `NotFoundError` at once;
 * - a failed read the retry policy calls transient (network errors, timeouts, `retry.statusCodes`: 408, 429,
 *   500, 502, 503, 504 by default) → keeps polling; any other failure → rejects at once;
 * - the deadline → `WaitTimeoutError`: no read starts after it, no pause runs past it, and each
 *   read's timeout is cut to the time left;
 * - abort → `RequestAbortedError` at once, with nothing sent after it.
 */
export async function waitForStatus(
  id: string,
  options: WaitOptions,
  environment: WaitEnvironment,
): Promise<Integration> {
  const { awaited, bounds, timeoutMs, signal, onPoll } = resolveWaitOptions(options);
  const known: readonly string[] = KNOWN_INTEGRATION_STATUSES;
  const awaitsNewer = awaited.some((status) => !known.includes(status));
  const secrets = (): readonly string[] => environment.secrets?.() ?? [];
  const log = environment.log?.with(secrets);
  // The id may be one the server chose (after a create), and statuses are the server's: both are scrubbed.
  const shownId = scrubAndCut(id, secrets(), 200);
  const shown = (status: string): string => scrubAndCut(status, secrets(), 200);
  const aborted = (): RequestAbortedError =>
    new RequestAbortedError({ method: 'GET', path: `/integrations/${encodeURIComponent(shownId)}` });
  const { clock } = environment;
  const start = clock.now();
  const deadline = start + timeoutMs;
  let last: Integration | undefined;
  let lastFailure: unknown;

  for (;;) {
    if (signal?.aborted) throw aborted();
    const left = deadline - clock.now();
    if (left <= 0) {
      const elapsedMs = clock.now() - start;
      throw new WaitTimeoutError(
        { id: shownId, awaited, lastStatus: last === undefined ? undefined : shown(last.status), elapsedMs, timeoutMs },
        lastFailure === undefined ? undefined : { cause: lastFailure },
      );
    }

    let retryAfterMs: number | undefined;
    try {
      const integration = await environment.read({ signal, timeoutMs: left });
      last = integration;
      lastFailure = undefined;
      try {
        onPoll?.(integration);
      } catch (error) {
        throw new ImmutaError('The onPoll callback threw, so the wait stopped; its error is the cause', {
          cause: error,
        });
      }
      if (awaited.includes(integration.status)) {
        log?.info(`integration ${shownId} reached ${shown(integration.status)}`, {
          id: shownId,
          status: shown(integration.status),
          elapsedMs: Math.round(clock.now() - start),
        });
        return integration;
      }
      // Waiting for a status newer than this SDK, it cannot tell which statuses lead there: only a failure ends
      // the wait early, and an `enabled` (say) is waited past.
      if (SETTLED.has(integration.status) && (!awaitsNewer || FAILED.has(integration.status))) {
        // The error may be logged anywhere: it carries a copy with every known secret hidden.
        throw new IntegrationFailedError(sanitize(integration, secrets()), awaited);
      }
    } catch (error) {
      if (signal?.aborted) throw aborted();
      if (error instanceof NotFoundError && awaited.includes('deleted')) {
        return { ...last, id, status: 'deleted' };
      }
      if (!isTransient(error, environment.statusCodes)) throw error;
      lastFailure = error;
      if (error instanceof ImmutaApiError) retryAfterMs = error.retryAfterMs;
      log?.warn(`integration ${shownId}: read failed (${(error as Error).name}); polling on`, { id: shownId });
    }

    const delay = Math.max(nextDelay(clock.now() - start, clock.random(), bounds), retryAfterMs ?? 0);
    const lastShown = last === undefined ? 'no status yet' : shown(last.status);
    log?.debug(`integration ${shownId}: ${lastShown}; next read in ${Math.round(delay)} ms`, {
      id: shownId,
      status: last === undefined ? undefined : lastShown,
      delayMs: Math.round(delay),
    });
    await pause(clock, Math.min(delay, deadline - clock.now()), signal, aborted);
  }
}
