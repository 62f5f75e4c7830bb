// Spawns real processes; no MSW in this file.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe.concurrent('nothing left behind', () => {
  it.each([
    ['an aborted wait', 'abort-wait', 'RequestAbortedError'],
    ['a request timeout', 'request-timeout', 'TimeoutError'],
    ['a failed wait', 'failed-wait', 'IntegrationFailedError'],
    ['a wait timeout', 'wait-timeout', 'WaitTimeoutError'],
  ])('after %s the process exits on its own at once', async (_name, scenario, errorName) => {
    const { stdout } = await run(join('node_modules', '.bin', 'tsx'), ['test/scripts/leave-nothing.ts', scenario], {
      timeout: 50_000,
    });
    const report = JSON.parse(stdout.trim()) as { error: string; livedAfterFailureMs: number };
    expect(report.error).toBe(errorName);
    // A leaked 60 s pause or a hung socket would keep the process alive for a minute: a second is generous.
    expect(report.livedAfterFailureMs).toBeLessThan(1_000);
  });
});
