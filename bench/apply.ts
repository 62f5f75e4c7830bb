/**
 * Benchmark: does `apply` run entries side by side? Real sockets, the fake Immuta settling every write after a
 * fixed time, default wait options — as a user runs it. Target: 20 automatic entries finish within 1.5× one
 * entry's apply time when `concurrency` ≥ 20, and within ⌈20 / concurrency⌉ × that time (+50 %) otherwise.
 */
import { RedshiftIntegrationClient } from '../src/index.js';
import { apply, loadDesiredState } from '../src/config/index.js';
import { startFakeImmutaServer } from '../src/testing/index.js';

const SETTLE_MS = 1_000;

function file(count: number): string {
  const entries = Array.from({ length: count }, (_, i) =>
    [
      `  cluster-${i}:`,
      '    autoBootstrap: true',
      '    config:',
      `      host: cluster-${i}.abc123.us-east-1.redshift.amazonaws.com`,
      '      database: immuta',
      '      initialDatabase: dev',
      '      authenticationType: userPassword',
      '      username: ${env:RS_USER}',
      '      password: ${env:RS_PASSWORD}',
    ].join('\n'),
  );
  return `integrations:\n${entries.join('\n')}\n`;
}

/** Milliseconds to apply `count` new entries at `concurrency`, on a fresh fake tenant. */
async function timeApply(count: number, concurrency: number): Promise<number> {
  const server = await startFakeImmutaServer({ settle: { ms: SETTLE_MS }, otherIntegrations: false });
  try {
    const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'bench-key' });
    const desired = await loadDesiredState(file(count), { env: { RS_USER: 'bench', RS_PASSWORD: 'bench-password' } });
    const started = performance.now();
    const result = await apply(client, desired, { concurrency });
    const elapsed = performance.now() - started;
    if (!result.ok) throw new Error('bench apply failed');
    return elapsed;
  } finally {
    await server.close();
  }
}

export interface ApplyBenchResult {
  singleMs: number;
  runs: { concurrency: number; ms: number; limitMs: number }[];
}

export async function benchApply(): Promise<ApplyBenchResult> {
  const singleMs = Math.min(await timeApply(1, 1), await timeApply(1, 1));
  const runs = [];
  for (const concurrency of [20, 8, 4]) {
    const ms = await timeApply(20, concurrency);
    const rounds = Math.ceil(20 / concurrency);
    runs.push({ concurrency, ms, limitMs: (rounds === 1 ? 1.5 : rounds * 1.5) * singleMs });
  }
  return { singleMs, runs };
}
