import { describe, expect, it } from 'vitest';
import {
  ConnectionError,
  type Integration,
  IntegrationFailedError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestAbortedError,
  ServerError,
  TimeoutError,
  WaitTimeoutError,
} from '../src/index.js';
import { nextDelay, WAIT_DEFAULTS, type WaitEnvironment, type WaitOptions, waitForStatus } from '../src/wait.js';
import { rejectionOf } from './support/rejection.js';

const target = { method: 'GET', path: '/integrations/1' };
const apiError = (Class: typeof ServerError, status: number, retryAfterMs?: number) =>
  new Class({ ...target, status, detail: 'x', retryAfterMs });

/** One read's outcome: a status, an integration, or an error to throw. */
type Answer = string | Integration | Error;

/**
 * A fake Immuta on a virtual clock: `answerAt(t)` decides what a read started at time t returns.
 * Sleeping advances the clock at once, so a 15-minute wait takes no real time. Every read and pause is logged.
 */
function fakeTime(answerAt: (t: number, read: number) => Answer, { latencyMs = 50, random = 0.5 } = {}) {
  let now = 0;
  const reads: { at: number; timeoutMs: number }[] = [];
  const sleeps: { at: number; ms: number }[] = [];
  const environment: WaitEnvironment = {
    clock: {
      now: () => now,
      random: () => random,
      sleep: async (ms, signal) => {
        if (signal?.aborted) throw signal.reason;
        sleeps.push({ at: now, ms });
        now += ms;
      },
    },
    statusCodes: [408, 429, 500, 502, 503, 504],
    read: async ({ timeoutMs }) => {
      reads.push({ at: now, timeoutMs });
      const answer = answerAt(now, reads.length);
      now += Math.min(latencyMs, timeoutMs);
      if (answer instanceof Error) throw answer;
      return typeof answer === 'string' ? { id: '1', status: answer } : answer;
    },
  };
  return { environment, reads, sleeps, now: () => now };
}

/** Answers the statuses in turn, the last one forever. */
const statuses =
  (...list: Answer[]) =>
  (_t: number, read: number): Answer =>
    list[Math.min(read, list.length) - 1]!;

function wait(env: WaitEnvironment, options: WaitOptions = {}) {
  return waitForStatus('1', options, env);
}

describe('waitForStatus', () => {
  it('resolves with the integration once its status is the one awaited', async () => {
    const fake = fakeTime(statuses('creating', 'creating', 'enabled'));
    expect(await wait(fake.environment)).toEqual({ id: '1', status: 'enabled' });
    expect(fake.reads).toHaveLength(3);
  });

  it('accepts a list of statuses to wait for', async () => {
    const fake = fakeTime(statuses('editing', 'recurringValidationError'));
    const result = await wait(fake.environment, { until: ['enabled', 'recurringValidationError'] });
    expect(result.status).toBe('recurringValidationError');
  });

  it('keeps polling through transient and unknown statuses', async () => {
    const fake = fakeTime(statuses('creating', 'migrating', 'provisioning-v2', 'editing', 'enabled'));
    expect((await wait(fake.environment)).status).toBe('enabled');
    expect(fake.reads).toHaveLength(5);
  });

  it.each(['createError', 'editError', 'deleteError', 'migrateError', 'recurringValidationError'])(
    'rejects with IntegrationFailedError on %s, naming the failed validation tests',
    async (status) => {
      const failed: Integration = {
        id: '1',
        status,
        validationResults: {
          status: 'failed',
          validationTests: [
            { name: 'Initial Validation: Basic Connection Test', status: 'passed' },
            { name: 'Validate Automatic Bootstrap: Immuta Database Does Not Exist', status: 'failed' },
          ],
        },
      };
      const fake = fakeTime(statuses('creating', failed));

      const error = (await rejectionOf(wait(fake.environment))) as IntegrationFailedError;

      expect(error).toBeInstanceOf(IntegrationFailedError);
      expect(error.status).toBe(status);
      expect(error.integration).toEqual(failed);
      expect(error.validationResults).toEqual(failed.validationResults);
      expect(error.message).toContain('Validate Automatic Bootstrap: Immuta Database Does Not Exist (failed)');
      expect(error.message).not.toContain('Basic Connection Test');
      expect(fake.reads).toHaveLength(2);
    },
  );

  it.each(['deleted', 'disabled'])('rejects when the integration is %s while waiting for enabled', async (status) => {
    const fake = fakeTime(statuses('creating', status));
    const error = (await rejectionOf(wait(fake.environment))) as IntegrationFailedError;
    expect(error).toBeInstanceOf(IntegrationFailedError);
    expect(error.message).toMatch(new RegExp(`reached status ${status} while waiting for enabled`));
  });

  it('treats a 404 as success when waiting for deleted', async () => {
    const fake = fakeTime(statuses('deleting', apiError(NotFoundError, 404)));
    expect(await wait(fake.environment, { until: 'deleted' })).toEqual({ id: '1', status: 'deleted' });
  });

  it('rejects with NotFoundError at once when not waiting for deleted', async () => {
    const fake = fakeTime(statuses(apiError(NotFoundError, 404), 'enabled'));
    expect(await rejectionOf(wait(fake.environment))).toBeInstanceOf(NotFoundError);
    expect(fake.reads).toHaveLength(1);
  });

  it('rejects at once on another 4xx', async () => {
    const fake = fakeTime(statuses(apiError(PermissionDeniedError, 403), 'enabled'));
    expect(await rejectionOf(wait(fake.environment))).toBeInstanceOf(PermissionDeniedError);
    expect(fake.reads).toHaveLength(1);
  });

  it('keeps polling through 429, 5xx, network errors and read timeouts', async () => {
    const fake = fakeTime(
      statuses(
        apiError(RateLimitError, 429),
        apiError(ServerError, 503),
        new ConnectionError({ ...target, url: 'https://x/integrations/1', code: 'ECONNRESET' }),
        new TimeoutError({ ...target, timeoutMs: 30_000 }),
        'enabled',
      ),
    );
    expect((await wait(fake.environment)).status).toBe('enabled');
    expect(fake.reads).toHaveLength(5);
  });

  it('honours a Retry-After on a poll response', async () => {
    const fake = fakeTime(statuses(apiError(RateLimitError, 429, 7_000), 'enabled'));
    await wait(fake.environment);
    expect(fake.sleeps[0]!.ms).toBe(7_000);
  });

  it('calls onPoll after every read', async () => {
    const seen: string[] = [];
    const fake = fakeTime(statuses('creating', 'creating', 'enabled'));
    await wait(fake.environment, { onPoll: (integration) => seen.push(integration.status) });
    expect(seen).toEqual(['creating', 'creating', 'enabled']);
  });
});

describe('the deadline', () => {
  it('rejects with WaitTimeoutError naming the last status and the time waited', async () => {
    const fake = fakeTime(() => 'creating');
    const error = (await rejectionOf(wait(fake.environment, { timeoutMs: 60_000 }))) as WaitTimeoutError;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.lastStatus).toBe('creating');
    expect(error.elapsedMs).toBe(60_000);
    expect(error.message).toMatch(/did not reach enabled within 60000 ms \(last status: creating\)/);
  });

  it('is on time: every read starts before it, no pause runs past it, read timeouts are cut to the time left', async () => {
    for (const random of [0, 0.37, 1]) {
      const fake = fakeTime(() => 'creating', { latencyMs: 400, random });
      const deadline = 47_300;
      await rejectionOf(wait(fake.environment, { timeoutMs: deadline }));

      expect(fake.now()).toBe(deadline);
      for (const read of fake.reads) {
        expect(read.at).toBeLessThan(deadline);
        expect(read.timeoutMs).toBeLessThanOrEqual(deadline - read.at);
      }
      for (const pause of fake.sleeps) expect(pause.at + pause.ms).toBeLessThanOrEqual(deadline);
    }
  });

  it('keeps the cause of the last failed read on the timeout', async () => {
    const fake = fakeTime(() => apiError(ServerError, 503));
    const error = (await rejectionOf(wait(fake.environment, { timeoutMs: 10_000 }))) as WaitTimeoutError;
    expect(error.lastStatus).toBeUndefined();
    expect(error.cause).toBeInstanceOf(ServerError);
    expect(error.message).toMatch(/no status could be read/);
  });
});

describe('abort', () => {
  it('rejects with RequestAbortedError and sends nothing after the signal', async () => {
    const controller = new AbortController();
    const fake = fakeTime((_t, read) => {
      if (read === 3) controller.abort();
      return 'creating';
    });
    const error = await rejectionOf(wait(fake.environment, { signal: controller.signal }));
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(fake.reads).toHaveLength(3);
  });

  it('rejects at once when aborted during a pause, with the real timer cleared', async () => {
    const controller = new AbortController();
    const fake = fakeTime(() => 'creating');
    const { systemClock } = await import('../src/internal/clock.js');
    const environment = { ...fake.environment, clock: systemClock };
    const started = Date.now();
    const waiting = wait(environment, { signal: controller.signal, minDelayMs: 60_000, maxDelayMs: 60_000 });
    setTimeout(() => controller.abort(), 10);

    expect(await rejectionOf(waiting)).toBeInstanceOf(RequestAbortedError);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(fake.reads).toHaveLength(1);
  });

  it('sends nothing when the signal has already fired', async () => {
    const fake = fakeTime(() => 'enabled');
    expect(await rejectionOf(wait(fake.environment, { signal: AbortSignal.abort() }))).toBeInstanceOf(
      RequestAbortedError,
    );
    expect(fake.reads).toHaveLength(0);
  });
});

describe('the pause between reads', () => {
  const bounds = { minDelayMs: 750, maxDelayMs: 15_000 };

  it('starts at minDelayMs and grows exponentially with the reads, up to maxDelayMs', async () => {
    const fake = fakeTime(() => 'creating', { latencyMs: 0, random: 0 });
    await rejectionOf(wait(fake.environment, { timeoutMs: 10 * 60_000 }));
    // The very last pause is cut short by the deadline; the schedule is everything before it.
    const pauses = fake.sleeps.map((pause) => pause.ms).slice(0, -1);

    expect(pauses[0]).toBe(750);
    // Once past the minimum, each pause is 1.15× the one before, until the cap.
    const growing = pauses.filter((ms) => ms > 750 && ms < 15_000);
    expect(growing.length).toBeGreaterThan(5);
    for (let i = 1; i < growing.length; i += 1) expect(growing[i]! / growing[i - 1]!).toBeCloseTo(1.15, 5);
    // A long creation settles at maxDelayMs and stays there.
    const firstAtCap = pauses.indexOf(15_000);
    expect(firstAtCap).toBeGreaterThan(0);
    expect(pauses.slice(firstAtCap).every((ms) => ms === 15_000)).toBe(true);
  });

  it('adds up to 10% jitter without leaving the bounds', () => {
    expect(nextDelay(0, 0, bounds)).toBe(750);
    expect(nextDelay(0, 1, bounds)).toBeCloseTo(825, 9);
    expect(nextDelay(20_000, 0.5, bounds)).toBeCloseTo(3_150, 9);
    expect(nextDelay(10 * 60_000, 1, bounds)).toBe(15_000);
  });

  it('by default notices an integration enabled 4 s after creation within 1 s, in at most 8 reads', async () => {
    for (const random of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) {
      for (const latencyMs of [1, 5, 50, 150, 300]) {
        const fake = fakeTime((t) => (t >= 4_000 ? 'enabled' : 'creating'), { latencyMs, random });
        await wait(fake.environment);
        const noticedAt = fake.reads.at(-1)!.at;
        expect(noticedAt - 4_000).toBeLessThanOrEqual(1_000);
        expect(fake.reads.length).toBeLessThanOrEqual(8);
      }
    }
    expect(WAIT_DEFAULTS).toEqual({ timeoutMs: 900_000, minDelayMs: 750, maxDelayMs: 15_000 });
  });
});

describe('waiting for a status newer than the SDK', () => {
  it('waits past enabled (it cannot know what leads there), and ends at the status', async () => {
    const { environment } = fakeTime(statuses('creating', 'enabled', 'enabled', 'frozen'));
    expect((await wait(environment, { until: 'frozen' })).status).toBe('frozen');
  });

  it('still ends at once on a failure', async () => {
    const { environment, reads } = fakeTime(statuses('creating', 'createError', 'frozen'));
    expect(await rejectionOf(wait(environment, { until: 'frozen' }))).toBeInstanceOf(IntegrationFailedError);
    expect(reads).toHaveLength(2);
  });

  it('a known status not awaited still ends a wait for known statuses', async () => {
    const { environment } = fakeTime(statuses('enabled'));
    expect(await rejectionOf(wait(environment, { until: 'deleted' }))).toBeInstanceOf(IntegrationFailedError);
  });
});
