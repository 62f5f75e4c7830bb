import { onAbort } from '../internal/abort.js';

/**
 * The time a polling loop sees: injectable, so tests run a 15-minute wait in no real time.
 *
 * @example
 * ```ts
 * // A virtual clock for tests: sleeping only moves time forward.
 * let now = 0;
 * const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms) };
 * ```
 */
export interface Clock {
  /** The current time in milliseconds, from any fixed origin (only differences are used). */
  now(): number;
  /** Resolves after `ms` milliseconds, or as soon as `signal` fires; never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `performance.now()` and timers that never keep the process alive after an abort. */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        stop();
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      const stop = onAbort(signal, done);
    }),
};
