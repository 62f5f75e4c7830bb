// Spawns real processes; no MSW in this file.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('nothing left behind', () => {
  it('a script that aborts a wait exits at once: no timer or socket keeps it alive', async () => {
    const { stdout } = await run(join('node_modules', '.bin', 'tsx'), ['test/scripts/abort-wait.ts'], {
      timeout: 50_000,
    });
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toEqual({ aborted: true });
    // A leaked 60 s pause would keep the process alive for a minute; a second is generous on a busy machine.
    expect(lines[1]!.livedAfterAbortMs).toBeLessThan(1_000);
  });
});
