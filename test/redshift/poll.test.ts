import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/options.js';
import { poll } from '../../src/redshift/poll.js';

/** A virtual clock: sleeping moves time at once and is recorded, so a long wait takes no real time. */
function virtualClock(onSleep: (now: number) => void = () => {}) {
  let now = 0;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
      onSleep(now);
    },
  };
  return { clock, sleeps, now: () => now };
}

describe('poll, the Data API wait loop, on a virtual clock', () => {
  it('pauses from 50 ms, doubling up to 1 s, until the check returns a value', async () => {
    const { clock, sleeps } = virtualClock();
    let calls = 0;
    const result = await poll(async () => (++calls === 9 ? 'FINISHED' : undefined), clock);
    expect(result).toEqual({ state: 'done', value: 'FINISHED' });
    expect(sleeps).toEqual([50, 100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('gives up at the timeout, the last pause cut to what is left', async () => {
    const { clock, sleeps, now } = virtualClock();
    const result = await poll(async () => undefined, clock, { timeoutMs: 2_000 });
    expect(result).toEqual({ state: 'timeout' });
    expect(sleeps).toEqual([50, 100, 200, 400, 800, 450]);
    expect(now()).toBe(2_000);
  });

  it('stops when the signal fires, between checks or during a check that then fails', async () => {
    const controller = new AbortController();
    const { clock } = virtualClock((time) => time >= 150 && controller.abort());
    expect(await poll(async () => undefined, clock, {}, controller.signal)).toEqual({ state: 'aborted' });

    const second = new AbortController();
    const failing = poll(
      async () => {
        second.abort();
        throw new Error('the request was aborted');
      },
      virtualClock().clock,
      {},
      second.signal,
    );
    expect(await failing).toEqual({ state: 'aborted' });
  });

  it('passes on the error of a check when nothing aborted', async () => {
    await expect(poll(async () => Promise.reject(new Error('throttled')), virtualClock().clock)).rejects.toThrow(
      'throttled',
    );
  });

  it('a clock whose sleep rejects when the signal fires ends the poll as aborted', async () => {
    const controller = new AbortController();
    const rejecting: Clock = {
      now: () => 0,
      random: () => 0.5,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new Error('aborted')));
          controller.abort(); // fires while the loop sleeps
        }),
    };
    const polling = poll(async () => undefined, rejecting, {}, controller.signal);
    await expect(polling).resolves.toEqual({ state: 'aborted' });
  });
});
