import type { Clock } from '../options.js';

/**
 * How often and how long to poll: pauses double from `minDelayMs` up to `maxDelayMs`, for at most `timeoutMs`.
 *
 * @group Runners
 */
export interface PollSchedule {
  /** The first pause, in milliseconds. Default 50. */
  readonly minDelayMs?: number;
  /** The longest pause, in milliseconds. Default 1 000. */
  readonly maxDelayMs?: number;
  /** The longest the whole wait may last, in milliseconds. Default 15 minutes. */
  readonly timeoutMs?: number;
}

/**
 * The defaults of {@link PollSchedule}.
 *
 * @group Runners
 */
export const POLL_DEFAULTS: Readonly<Required<PollSchedule>> = {
  minDelayMs: 50,
  maxDelayMs: 1_000,
  timeoutMs: 15 * 60_000,
};

/** @internal How a poll ended: with the value `check` returned, out of time, or stopped by the signal. */
export type PollResult<T> =
  { readonly state: 'done'; readonly value: T } | { readonly state: 'timeout' } | { readonly state: 'aborted' };

/** @internal The pause after `previous`: doubled, within the schedule's bounds. */
export function nextDelay(previous: number | undefined, schedule: Required<PollSchedule>): number {
  if (previous === undefined) return schedule.minDelayMs;
  return Math.min(schedule.maxDelayMs, Math.max(schedule.minDelayMs, previous * 2));
}

/**
 * @internal Calls `check` until it returns a value (not `undefined`), pausing between calls on `clock`: a pure
 * loop, so its timing is tested on a virtual clock. A `check` that throws ends the poll with that error —
 * unless the signal fired meanwhile, which is then reported as `aborted`.
 */
export async function poll<T>(
  check: () => Promise<T | undefined>,
  clock: Clock,
  schedule: PollSchedule = {},
  signal?: AbortSignal,
): Promise<PollResult<T>> {
  const resolved = { ...POLL_DEFAULTS, ...schedule };
  const deadline = clock.now() + resolved.timeoutMs;
  let delay: number | undefined;
  for (;;) {
    if (signal?.aborted) return { state: 'aborted' };
    let value: T | undefined;
    try {
      value = await check();
    } catch (error) {
      if (signal?.aborted) return { state: 'aborted' };
      throw error;
    }
    if (value !== undefined) return { state: 'done', value };
    const remaining = deadline - clock.now();
    if (remaining <= 0) return { state: 'timeout' };
    delay = nextDelay(delay, resolved);
    // A clock's sleep may reject when the signal fires: the loop's next turn reports the abort.
    await clock.sleep(Math.min(delay, remaining), signal).catch(() => undefined);
  }
}
