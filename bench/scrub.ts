/**
 * Benchmark: the scrubber, new engine against the 0.2 baseline (`bench/baseline/scrub-0.2.ts`).
 *
 * (a) 1 MB of mixed server text (JSON errors, log lines with URL-encoded queries, HTML, YAML, base64
 *     blobs, 200 echoes of secrets in five encodings) against 2,000 secrets of 20–60 characters. Target
 *     ≤ 50 ms, automaton build included (the figure with the build left out is reported too).
 * (b) The first error of a client whose bearer token is 15,000 characters: `scrubAndCut` of a typical error
 *     body with the key, that token and a password, nothing cached. Target ≤ 20 ms.
 * (c) The hot path of every error: a small error body, 3 secrets, cached. Target: no noticeable regression.
 *
 * Every run also counts leaks: echoes of a secret still visible (any 8-character window of it) after
 * scrubbing. The baseline runs in a child process, cut off after a cap (60 s by default), and is then
 * reported as "> cap". Run alone with `npx tsx bench/scrub.ts` (add `--no-baseline` to skip the old engine,
 * `--cap <ms>` to cut it off sooner, `--json` for the figures as JSON).
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { scrub, scrubAndCut } from '../src/internal/scrub.js';
import { secretSetOf } from '../src/internal/scrub/secret-set.js';
import * as baseline from './baseline/scrub-0.2.js';

type Engine = Pick<typeof baseline, 'scrub' | 'scrubAndCut'>;
const engines: Record<'new' | 'baseline', Engine> = { new: { scrub, scrubAndCut }, baseline };

/** A small deterministic generator, so every run (and the baseline's child process) sees the same data. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PASSWORD_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!@#$%^&*+=?~';
const TOKEN_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function randomText(random: () => number, length: number, characters: string): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += characters[Math.floor(random() * characters.length)];
  return out;
}

/** `count` secrets of 20–60 characters, as passwords are. */
export function secretsOf(count: number, seed: number): string[] {
  const random = generator(seed);
  return Array.from({ length: count }, () => randomText(random, 20 + Math.floor(random() * 41), PASSWORD_CHARACTERS));
}

const ECHOES: readonly ((secret: string) => string)[] = [
  (secret) => secret,
  (secret) => JSON.stringify(secret).slice(1, -1),
  (secret) => encodeURIComponent(secret),
  (secret) => Buffer.from(`password=${secret}`).toString('base64'),
  (secret) => [...secret].map((character) => `&#${character.codePointAt(0)};`).join(''),
];

/** About `size` characters of what servers send, with `echoes` echoes of `secrets` spread through it (which it lists). */
export function serverText(
  size: number,
  secrets: readonly string[],
  echoes: number,
  seed: number,
): { text: string; echoed: string[] } {
  const random = generator(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const words =
    'the integration failed because connection refused timeout host port database user role creating enabled'.split(
      ' ',
    );
  const phrase = (count: number) => Array.from({ length: count }, () => pick(words)).join(' ');
  const lines: (() => string)[] = [
    () =>
      JSON.stringify({
        statusCode: 500,
        error: 'Internal Server Error',
        message: `${phrase(8)} (id ${Math.floor(random() * 1e6)})`,
      }),
    () =>
      `2024-05-01T12:00:${String(Math.floor(random() * 60)).padStart(2, '0')}.000Z INFO GET /integrations?filter=${encodeURIComponent(`name eq "${phrase(2)}"`)} 200`,
    () =>
      `<html><head><title>502 Bad Gateway</title></head><body><p>The proxy couldn&#39;t reach &quot;${phrase(2)}&quot; &amp; gave up.</p></body></html>`,
    () => `validationResults:\n  - name: 'Connect to ''${pick(words)}'' database'\n    status: passed`,
    () => `X-Trace: ${Buffer.from(phrase(6 + Math.floor(random() * 10))).toString('base64')}`,
    () => JSON.stringify({ detail: JSON.stringify({ reason: `${phrase(4)} "quoted"\n${phrase(3)}` }) }),
  ];
  const parts: string[] = [];
  const echoed: string[] = [];
  let length = 0;
  const every = Math.max(1, Math.floor(size / Math.max(echoes, 1)));
  let nextEcho = every / 2;
  while (length < size) {
    let line: string;
    if (length >= nextEcho && secrets.length > 0) {
      const secret = pick(secrets);
      echoed.push(secret);
      line = `echo: ${pick(ECHOES)(secret)}`;
      nextEcho += every;
    } else {
      line = pick(lines)();
    }
    parts.push(line);
    length += line.length + 1;
  }
  return { text: parts.join('\n'), echoed };
}

/** How many of `secrets` are still visible in `scrubbed`: some 8-character window of them, raw. */
export function leaks(scrubbed: string, secrets: readonly string[]): number {
  const windows = new Map<string, number>();
  secrets.forEach((secret, index) => {
    for (let at = 0; at + 8 <= secret.length; at += 1) windows.set(secret.slice(at, at + 8), index);
  });
  const leaked = new Set<number>();
  for (let at = 0; at + 8 <= scrubbed.length; at += 1) {
    const index = windows.get(scrubbed.slice(at, at + 8));
    if (index !== undefined) leaked.add(index);
  }
  return leaked.size;
}

const TYPICAL_BODY = JSON.stringify({
  statusCode: 401,
  error: 'Unauthorized',
  message: 'Invalid or expired token for user taylor@redshift.com (request 9f2c41d0). Check the API key.',
});

function tokenOf(length: number, seed: number): string {
  const random = generator(seed);
  return `eyJ${randomText(random, length - 3, TOKEN_CHARACTERS)}`;
}

const KEY = '0123456789abcdef0123456789abcdef';
const PASSWORD = 'Pw-S3cr3t!Sup3rLong#Value_42';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

/** Each case, as one engine runs it. Seeds make the "fresh" data of every round different, so nothing is cached. */
const cases = {
  /** (a): 1 MB × 2,000 secrets, the set never seen before. */
  megabyte(engine: Engine, round: number) {
    const secrets = secretsOf(2_000, 1_000 + round);
    const { text, echoed } = serverText(1_000_000, secrets, 200, 2_000 + round);
    const { ms, value } = timed(() => engine.scrub(text, secrets));
    return { ms, leaks: leaks(value, echoed) };
  },
  /** (b): the first scrubAndCut of an error with a 15,000-character token. */
  longToken(engine: Engine, round: number) {
    const token = tokenOf(15_000, 3_000 + round);
    const body = `${TYPICAL_BODY.slice(0, -2)} ${token}"}`;
    const { ms, value } = timed(() => engine.scrubAndCut(body, [KEY, token, PASSWORD], 2_000));
    return { ms, leaks: leaks(value, [token]) };
  },
};

/** Runs a case of the baseline in a child process, cut off after `capMs`. */
function baselineInChild(name: keyof typeof cases, capMs: number): { ms: number; leaks: number } | undefined {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', name], {
    encoding: 'utf8',
    timeout: capMs + 15_000,
  });
  if (child.status !== 0) return undefined;
  const result = JSON.parse(child.stdout) as { ms: number; leaks: number };
  return result.ms > capMs ? undefined : result;
}

export interface ScrubBenchResult {
  megabyte: {
    /** Build included: the first scrub with a set never seen (median of 5 sets), warmed-up process. */
    coldMs: number;
    /** The same in a process that never scrubbed before (JIT not warm): the very first call. */
    firstEverMs: number;
    /** The automaton build alone (median). */
    buildMs: number;
    /** The set cached: the scan alone (median). */
    warmMs: number;
    states: number;
    automatonBytes: number;
    leaks: number;
    baseline?: { ms: number; leaks: number } | undefined;
  };
  longToken: {
    coldMs: number;
    firstEverMs: number;
    leaks: number;
    baseline?: { ms: number; leaks: number } | undefined;
  };
  smallBody: { newUs: number; baselineUs: number };
  capMs: number;
}

/** Runs the three cases; the baseline's (a) and (b) only when `baseline` (they take minutes). */
export async function benchScrub({ baseline: withBaseline = true, capMs = 60_000 } = {}): Promise<ScrubBenchResult> {
  // The very first calls of this process: nothing compiled, nothing cached.
  const firstToken = cases.longToken(engines.new, 0);
  const firstMegabyte = cases.megabyte(engines.new, 0);

  const megabyteRuns = [1, 2, 3, 4, 5].map((round) => cases.megabyte(engines.new, round));
  const buildMs = median(
    [6, 7, 8, 9, 10].map((round) => {
      const secrets = secretsOf(2_000, 1_000 + round);
      return timed(() => secretSetOf(secrets)).ms;
    }),
  );
  const warmSecrets = secretsOf(2_000, 1_001);
  const warmText = serverText(1_000_000, warmSecrets, 200, 2_001).text;
  const warmMs = median([1, 2, 3, 4, 5].map(() => timed(() => scrub(warmText, warmSecrets)).ms));
  const { automaton } = secretSetOf(secretsOf(2_000, 1_000 + 11).map((secret) => secret.padEnd(60, 'x')))!;
  const automatonBytes = Object.values(automaton).reduce(
    (sum: number, part: unknown) => sum + (ArrayBuffer.isView(part) ? part.byteLength : 0),
    0,
  );

  const tokenRuns = [1, 2, 3, 4, 5].map((round) => cases.longToken(engines.new, round));

  const smallSecrets = [KEY, tokenOf(40, 7), PASSWORD];
  const body = `${TYPICAL_BODY.slice(0, -2)} key ${KEY}"}`;
  const perCallUs = (engine: Engine) =>
    median(
      [1, 2, 3, 4, 5, 6, 7].map(() => {
        const calls = 2_000;
        return (
          (timed(() => {
            for (let i = 0; i < calls; i += 1) engine.scrubAndCut(body, smallSecrets, 2_000);
          }).ms *
            1000) /
          calls
        );
      }),
    );
  perCallUs(engines.baseline);
  perCallUs(engines.new);

  await Promise.resolve();
  return {
    megabyte: {
      coldMs: median(megabyteRuns.map((run) => run.ms)),
      firstEverMs: firstMegabyte.ms,
      buildMs,
      warmMs,
      states: automaton.fail.length,
      automatonBytes,
      leaks: Math.max(...megabyteRuns.map((run) => run.leaks)),
      baseline: withBaseline ? baselineInChild('megabyte', capMs) : undefined,
    },
    longToken: {
      coldMs: median(tokenRuns.map((run) => run.ms)),
      firstEverMs: firstToken.ms,
      leaks: Math.max(...tokenRuns.map((run) => run.leaks)),
      baseline: withBaseline ? baselineInChild('longToken', capMs) : undefined,
    },
    smallBody: { newUs: perCallUs(engines.new), baselineUs: perCallUs(engines.baseline) },
    capMs,
  };
}

function table(result: ScrubBenchResult, withBaseline: boolean): string {
  const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
  const old = (run: { ms: number; leaks: number } | undefined) =>
    !withBaseline ? 'not run' : run === undefined ? `> ${result.capMs / 1000} s` : `${ms(run.ms)}, ${run.leaks} leaked`;
  const { megabyte, longToken, smallBody } = result;
  const rows = [
    ['case', 'new', '0.2 baseline', 'target'],
    [
      '(a) 1 MB × 2,000 secrets, build included (median of 5 new sets)',
      `${ms(megabyte.coldMs)}, ${megabyte.leaks} leaked`,
      old(megabyte.baseline),
      '≤ 50 ms',
    ],
    ['(a) … the very first call of the process (JIT cold)', ms(megabyte.firstEverMs), '', ''],
    [
      '(a) … automaton build alone / scan alone (set cached)',
      `${ms(megabyte.buildMs)} / ${ms(megabyte.warmMs)}`,
      '',
      '',
    ],
    [
      '(a) … automaton of 2,000 × 60-character secrets',
      `${megabyte.states} states, ${(megabyte.automatonBytes / 2 ** 20).toFixed(1)} MiB`,
      '',
      'modest',
    ],
    [
      '(b) first scrubAndCut, 15,000-character token, nothing cached (median of 5)',
      `${ms(longToken.coldMs)}, ${longToken.leaks} leaked`,
      old(longToken.baseline),
      '≤ 20 ms',
    ],
    ['(b) … the very first call of the process (JIT cold)', ms(longToken.firstEverMs), '', ''],
    [
      '(c) small error body, 3 secrets, cached (per call, median)',
      `${smallBody.newUs.toFixed(1)} µs`,
      `${smallBody.baselineUs.toFixed(1)} µs`,
      'no noticeable regression',
    ],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), line(widths.map((width) => '-'.repeat(width))), ...rows.slice(1).map(line)].join('\n');
}

const invokedAs = process.argv[1] === undefined ? '' : process.argv[1];
if (invokedAs === fileURLToPath(import.meta.url)) {
  const child = process.argv.indexOf('--child');
  if (child >= 0) {
    const name = process.argv[child + 1] as keyof typeof cases;
    process.stdout.write(JSON.stringify(cases[name](engines.baseline, 1)));
  } else {
    const withBaseline = !process.argv.includes('--no-baseline');
    const cap = process.argv.indexOf('--cap');
    const result = await benchScrub({
      baseline: withBaseline,
      ...(cap >= 0 && { capMs: Number(process.argv[cap + 1]) }),
    });
    if (process.argv.includes('--json')) {
      process.stdout.write(JSON.stringify(result));
      process.exit(0);
    }
    console.log(
      `${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} cores`,
    );
    console.log(table(result, withBaseline));
  }
}
