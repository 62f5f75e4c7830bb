// The live status line, rendered through the CLI's own run() on streams that say whether they are terminals.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { RedshiftIntegrationClient, type RedshiftIntegrationPayload } from '../src/index.js';
import { run } from '../src/cli/run.js';
import { createVirtualClock, type FakeImmutaServer, startFakeImmutaServer } from '../src/testing/index.js';

let server: FakeImmutaServer;
let payloadFile = '';
beforeAll(async () => {
  server = await startFakeImmutaServer({ apiKey: 'progress-key', settle: { reads: 3 } });
  payloadFile = join(await mkdtemp(join(tmpdir(), 'immuta-progress-')), 'payload.json');
  await writeFile(
    payloadFile,
    JSON.stringify({
      type: 'Redshift',
      autoBootstrap: true,
      config: {
        host: 'progress.aws.amazon.com',
        database: 'immuta',
        initialDatabase: 'dev',
        authenticationType: 'userPassword',
        username: 'u',
        password: 'progress-password',
      },
    }),
  );
});
afterAll(() => server.close());

/** Runs `create --wait`, recording every write to stdout and stderr in the order they happen. */
async function createAndWait(stderrIsTerminal: boolean) {
  server.fake.reset();
  const writes: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  const stream = (name: 'stdout' | 'stderr', isTTY: boolean) => ({
    isTTY,
    write: (text: string) => writes.push({ stream: name, text }),
  });
  const code = await run(['create', '-f', payloadFile, '--wait', '-o', 'json'], {
    stdout: stream('stdout', false),
    stderr: stream('stderr', stderrIsTerminal),
    stdin: (async function* () {})(),
    env: { IMMUTA_URL: server.url, IMMUTA_API_KEY: 'progress-key' },
    signal: new AbortController().signal,
    clock: createVirtualClock(),
  });
  return { code, writes };
}

describe('the live status line', () => {
  it('on a terminal: updates one line in place, and ends it before the result prints', async () => {
    const { code, writes } = await createAndWait(true);
    expect(code).toBe(0);
    const firstResult = writes.findIndex((write) => write.stream === 'stdout');
    const progress = writes.slice(0, firstResult);
    // Each update returns to the start of the line and erases it, then writes the status.
    const lines = progress
      .map((write) => write.text)
      .join('')
      .split('\r\x1b[2K')
      .slice(1);
    expect(lines.map((line) => line.replace(/\(\d+\.\d s\)/, '(t)'))).toEqual([
      'integration 123456789: creating (t)',
      'integration 123456789: creating (t)',
      'integration 123456789: creating (t)',
      'integration 123456789: enabled (t)\n',
    ]);
    // The line is ended, once, right before the result: the JSON starts on a line of its own.
    expect(progress.at(-1)).toEqual({ stream: 'stderr', text: '\n' });
    expect(progress.filter((write) => write.text === '\n')).toHaveLength(1);
    expect(
      JSON.parse(
        writes
          .slice(firstResult)
          .map((write) => write.text)
          .join(''),
      ),
    ).toMatchObject({ status: 'enabled' });
  });

  it('elsewhere: one plain line per status change, no control characters', async () => {
    const { code, writes } = await createAndWait(false);
    expect(code).toBe(0);
    const stderr = writes.filter((write) => write.stream === 'stderr').map((write) => write.text);
    expect(stderr.map((line) => line.replace(/\(\d+\.\d s\)/, '(t)'))).toEqual([
      'integration 123456789: creating (t)\n',
      'integration 123456789: enabled (t)\n',
    ]);
    // eslint-disable-next-line no-control-regex
    expect(stderr.join('')).not.toMatch(/[\r\x1b]/);
  });

  it('ends the line before an error is printed, too', async () => {
    server.fake.reset();
    server.fake.fail({ kind: 'creation' });
    const writes: string[] = [];
    const code = await run(['create', '-f', payloadFile, '--wait'], {
      stdout: { isTTY: false, write: () => true },
      stderr: { isTTY: true, write: (text: string) => writes.push(text) },
      stdin: (async function* () {})(),
      env: { IMMUTA_URL: server.url, IMMUTA_API_KEY: 'progress-key' },
      signal: new AbortController().signal,
      clock: createVirtualClock(),
    });
    expect(code).toBe(3);
    const error = writes.findIndex((text) => text.startsWith('error: '));
    expect(writes[error - 1]).toBe('\n');
  });

  it("never lets a server's status drive the terminal: only the CLI's own control sequence passes", async () => {
    server.fake.reset();
    const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'progress-key' });
    const { id } = await client.create(JSON.parse(await readFile(payloadFile, 'utf8')) as RedshiftIntegrationPayload);
    server.fake.setStatusSequence(id, ['creating\u001b]0;owned\u0007\u001b[31m', 'enabled']);
    const stderr: string[] = [];
    const code = await run(['wait', id], {
      stdout: { isTTY: false, write: () => true },
      stderr: { isTTY: true, write: (text: string) => stderr.push(text) },
      stdin: (async function* () {})(),
      env: { IMMUTA_URL: server.url, IMMUTA_API_KEY: 'progress-key' },
      signal: new AbortController().signal,
      clock: createVirtualClock(),
    });
    expect(code).toBe(0);
    const all = stderr.join('');
    // Shown as escapes, on its one line: what it holds is visible, and nothing of it reaches the terminal raw.
    expect(all).toContain(`integration ${id}: creating\\u001b]0;owned\\u0007\\u001b[31m`);
    // eslint-disable-next-line no-control-regex
    expect(all.replaceAll('\r\x1b[2K', '')).not.toMatch(/[\x1b\x07]/);
  });
});
