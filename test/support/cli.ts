import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { type FakeImmutaServer, startFakeImmutaServer } from '../../src/testing/index.js';

/**
 * Runs the built CLI (dist/cli/index.js, made by `npm run build` before the tests) as a real subprocess
 * against a fake Immuta served over HTTP for the calling test file. Every byte printed is kept and, after
 * the file's tests, swept for the canary secrets.
 */
export function useCli() {
  const KEY = 'cli-canary-key-55e1f0';
  const PASSWORD = 'cli-canary-password-9c2d';
  const USER = 'cli_canary_admin';
  const everything: string[] = [];

  const context = { server: undefined as unknown as FakeImmutaServer, dir: '' };

  interface Result {
    code: number | null;
    stdout: string;
    stderr: string;
  }

  /** Runs the CLI; `input` goes to stdin; `onStderr` may act on progress lines (e.g. send Ctrl-C). */
  function cli(
    args: string[],
    {
      env = {},
      input,
      onStderr,
    }: {
      env?: Record<string, string>;
      input?: string;
      onStderr?: (text: string, child: ReturnType<typeof spawn>) => void;
    } = {},
  ): Promise<Result> {
    const { IMMUTA_URL: _url, IMMUTA_API_KEY: _key, ...inherited } = process.env;
    const child = spawn(process.execPath, ['dist/cli/index.js', ...args], {
      env: { ...inherited, IMMUTA_URL: context.server.url, IMMUTA_API_KEY: KEY, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr?.(stderr, child);
    });
    child.stdin.end(input);
    return new Promise((resolve) =>
      child.on('close', (code) => {
        everything.push(stdout, stderr);
        resolve({ code, stdout, stderr });
      }),
    );
  }

  const payload = (autoBootstrap: boolean, host = 'cli.aws.amazon.com') =>
    [
      'type: Redshift',
      `autoBootstrap: ${autoBootstrap}`,
      'config:',
      `  host: ${host}`,
      '  database: immuta',
      '  initialDatabase: dev',
      '  authenticationType: userPassword',
      `  username: ${USER}`,
      `  password: ${PASSWORD}`,
    ].join('\n');

  async function file(name: string, text: string): Promise<string> {
    const path = join(context.dir, name);
    await writeFile(path, text);
    return path;
  }

  beforeAll(async () => {
    context.server = await startFakeImmutaServer({ apiKey: KEY, settle: { reads: 1 } });
    context.dir = await mkdtemp(join(tmpdir(), 'immuta-cli-'));
  });
  beforeEach(() => context.server.fake.reset());
  afterAll(async () => {
    await context.server.close();
    // The sweep over every byte any command printed.
    for (const output of everything) {
      for (const secret of [KEY, PASSWORD, USER]) expect(output).not.toContain(secret);
    }
  });

  return {
    cli,
    payload,
    file,
    KEY,
    PASSWORD,
    USER,
    get server() {
      return context.server;
    },
  };
}
