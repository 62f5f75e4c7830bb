import { ImmutaError } from '../errors/index.js';
import type { Clock } from '../options.js';
import { onAbort, raceAbort } from './abort.js';

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it fires. The timer is cleared on abort,
 * so an aborted sleep never keeps the process alive.
 */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const stop = onAbort(signal, () => {
      clearTimeout(timer);
      reject(signal?.reason);
    });
    const timer = setTimeout(
      () => {
        stop();
        resolve();
      },
      Math.max(0, ms),
    );
  });
}

/** @internal The system's clock: monotonic time, real timers. */
export const systemClock: Clock = { now: () => performance.now(), sleep, random: Math.random };

/**
 * @internal The one way the SDK pauses: `ms` of `clock`'s time, ending at once with `onAborted()` when `signal`
 * fires — even with a clock of the user's that ignores the signal.
 */
export function pause(
  clock: Clock,
  ms: number,
  signal: AbortSignal | undefined,
  onAborted: () => Error,
): Promise<void> {
  if (signal?.aborted) return Promise.reject(onAborted());
  const slept = clock.sleep(Math.max(0, ms), signal).catch((error: unknown) => {
    if (signal?.aborted) throw onAborted();
    throw new ImmutaError("The clock's sleep failed; its error is the cause", { cause: error });
  });
  return raceAbort(slept, signal, onAborted);
}
