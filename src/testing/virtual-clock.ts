import type { Clock } from '../options.js';

/**
 * A {@link Clock} whose time moves only when something sleeps on it.
 *
 * @group Virtual time
 */
export interface VirtualClock extends Clock {
  /** Moves the time forward by `ms`, as if that much had passed. */
  advance(ms: number): void;
  /** How many sleeps it has served: a test can check that a loop paused as often as it should. */
  readonly sleeps: number;
}

/**
 * A clock for tests in which no time really passes: each `sleep(ms)` moves the clock's time forward by `ms` at
 * once and resolves on the next turn of the event loop (so I/O under way still makes progress), or rejects at
 * once when its signal fires. Pass it as the client's `clock` (and its `now` as the fake's, for settling by
 * time): retries, waits and configuration as code's re-reads then run in microseconds, and their timings can
 * still be asserted on `clock.now()`.
 *
 * @example
 * ```ts
 * import { createFakeImmuta, createVirtualClock } from 'immuta-redshift/testing';
 *
 * const clock = createVirtualClock();
 * const fake = createFakeImmuta({ settle: { ms: 4000 }, now: clock.now });
 * const client = new RedshiftIntegrationClient({ baseUrl: 'https://immuta.test', apiKey: 'k', fetch: fake.fetch, clock });
 * await client.createAndWait(payload); // enabled 4 s later by the clock, at once by the wall
 * ```
 *
 * @group Virtual time
 */
export function createVirtualClock(start = 0): VirtualClock {
  let time = start;
  let sleeps = 0;
  return {
    now: () => time,
    random: () => 0.5,
    advance(ms) {
      time += Math.max(0, ms);
    },
    get sleeps() {
      return sleeps;
    },
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      sleeps += 1;
      time += Math.max(0, ms);
      return new Promise((resolve, reject) => {
        const abort = () => {
          clearImmediate(timer);
          reject(signal?.reason);
        };
        const timer = setImmediate(() => {
          signal?.removeEventListener('abort', abort);
          resolve();
        });
        signal?.addEventListener('abort', abort, { once: true });
      });
    },
  };
}
