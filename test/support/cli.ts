import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { run } from '../../src/cli/run.js';
import {
  createVirtualClock,
  type FakeImmutaServer,
  type FakeImmutaServerOptions,
  startFakeImmutaServer,
  type VirtualClock,
} from '../../src/testing/index.js';

/** What a run of the CLI printed and how it exited. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** What `onStderr` may do to the running CLI: interrupt it, as Ctrl-C does. */
export interface Running {
  kill(signal: 'SIGINT' | 'SIGTERM'): void;
}

export interface CliOptions {
  env?: Record<string, string>;
  /** What stdin holds. */
  input?: string;
  /** Called with everything printed on stderr so far, each time more arrives. */
  onStderr?: (text: string, running: Running) => void;
  /** Whether stdin and stderr say they are terminals (in process only). */
  tty?: boolean;
}

/**
 * Runs the CLI against a fake Immuta served over real HTTP for the calling test file. By default in process,
 * through the CLI's own `run(argv, io)` with a virtual clock, so waits and retries take no real time; with
 * `{ subprocess: true }` as a user meets it, the built `dist/cli/index.js` in a real process — for what only a
 * process shows (exit codes set by the bin, signals). Every byte printed is kept and, after the file's tests,
 * swept for the canary secrets.
 */
export function useCli({
  subprocess = false,
  fake = {},
}: { subprocess?: boolean; fake?: Omit<FakeImmutaServerOptions, 'apiKey' | 'now'> } = {}) {
  const KEY = 'cli-canary-key-55e1f0';
  const PASSWORD = 'cli-canary-password-9c2d';
  const USER = 'cli_canary_admin';
  const everything: string[] = [];
  const context = {
    server: undefined as unknown as FakeImmutaServer,
    dir: '',
    clock: createVirtualClock(),
  };

  function inProcess(args: string[], { env = {}, input, onStderr, tty = false }: CliOptions): Promise<CliResult> {
    const interrupt = new AbortController();
    const running: Running = { kill: () => interrupt.abort() };
    let stdout = '';
    let stderr = '';
    return run(args, {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: {
        write: (text: string) => {
          stderr += text;
          onStderr?.(stderr, running);
        },
        isTTY: tty,
      },
      stdin: Object.assign(
        (async function* () {
          if (input !== undefined) yield input;
        })(),
        { isTTY: tty },
      ),
      // No profiles file but the test's own: XDG_CONFIG_HOME is the test's directory.
      env: { IMMUTA_URL: context.server.url, IMMUTA_API_KEY: KEY, XDG_CONFIG_HOME: context.dir, ...env },
      signal: interrupt.signal,
      clock: context.clock,
    }).then((code) => {
      everything.push(stdout, stderr);
      return { code, stdout, stderr };
    });
  }

  function inSubprocess(args: string[], { env = {}, input, onStderr }: CliOptions): Promise<CliResult> {
    const { IMMUTA_URL: _url, IMMUTA_API_KEY: _key, ...inherited } = process.env;
    const child = spawn(process.execPath, ['dist/cli/index.js', ...args], {
      env: { ...inherited, IMMUTA_URL: context.server.url, IMMUTA_API_KEY: KEY, XDG_CONFIG_HOME: context.dir, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr?.(stderr, { kill: (signal) => child.kill(signal) });
    });
    child.stdin.end(input);
    return new Promise((resolve) =>
      child.on('close', (code) => {
        everything.push(stdout, stderr);
        resolve({ code, stdout, stderr });
      }),
    );
  }

  /** Runs the CLI; `input` goes to stdin; `onStderr` may act on progress lines (e.g. send Ctrl-C). */
  function cli(args: string[], options: CliOptions = {}): Promise<CliResult> {
    return subprocess ? inSubprocess(args, options) : inProcess(args, options);
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
    context.server = await startFakeImmutaServer({
      settle: { reads: 1 },
      ...fake,
      apiKey: KEY,
      now: () => context.clock.now(),
    });
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
    /** The virtual clock of in-process runs (and of the fake's time-based settling). */
    get clock(): VirtualClock {
      return context.clock;
    },
    get dir() {
      return context.dir;
    },
  };
}
