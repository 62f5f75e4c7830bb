/**
 * Benchmark: `plan` at scale, as `export` then `plan` meets a large tenant. A tenant of 5,000 Redshift
 * integrations served over real HTTP; a desired-state file of 1,000 of them, each with credentials of its own
 * (`${env:…}` per entry, exactly the layout `export` writes) — against the same file with one shared
 * credential. Both plain and with `rotateCredentials`, which reads every credential (2,000 secrets for the
 * scrubber). Target: ≤ 3 s, and the own-credential plan within 1.5× the shared one.
 *
 * `npx tsx bench/plan.ts` prints the figures; `benchPlan()` returns them.
 */
import { RedshiftIntegrationClient } from '../src/index.js';
import { loadDesiredState, plan } from '../src/config/index.js';
import { startFakeImmutaServer } from '../src/testing/index.js';

const TENANT = 5_000;
const ENTRIES = 1_000;

const host = (i: number) => `cluster-${i}.abc123.us-east-1.redshift.amazonaws.com`;
const variable = (i: number) => `CLUSTER_${i}`;

/** The file: ENTRIES entries, each with its own variables or all with the same. */
function file(own: boolean): string {
  const entries = Array.from({ length: ENTRIES }, (_, i) => {
    const prefix = own ? variable(i) : 'SHARED';
    return [
      `  cluster-${i}:`,
      '    autoBootstrap: true',
      '    config:',
      `      host: ${host(i)}`,
      '      port: 5439',
      '      database: immuta',
      '      initialDatabase: dev',
      '      authenticationType: userPassword',
      `      username: \${env:${prefix}_USERNAME}`,
      `      password: \${env:${prefix}_PASSWORD}`,
    ].join('\n');
  });
  return `integrations:\n${entries.join('\n')}\n`;
}

/** Credentials of 20–60 characters, one pair per entry, plus the shared pair. */
function environment(): Record<string, string> {
  const env: Record<string, string> = { SHARED_USERNAME: 'shared_admin', SHARED_PASSWORD: 'Shared-password-0001' };
  for (let i = 0; i < ENTRIES; i += 1) {
    env[`${variable(i)}_USERNAME`] = `admin_${i}_${'u'.repeat(12 + (i % 20))}`;
    env[`${variable(i)}_PASSWORD`] = `Pw-${i}-${'x'.repeat(16 + (i % 40))}`;
  }
  return env;
}

export interface PlanBenchFigures {
  readonly tenant: number;
  readonly entries: number;
  /** Median milliseconds of one plan, per layout and mode. */
  readonly ownMs: number;
  readonly sharedMs: number;
  readonly ownRotateMs: number;
  readonly sharedRotateMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export async function benchPlan(rounds = 3): Promise<PlanBenchFigures> {
  const server = await startFakeImmutaServer({ settle: { ms: 0 }, otherIntegrations: false });
  try {
    // The tenant, made through the fake's own fetch (no sockets needed to seed it).
    for (let i = 0; i < TENANT; i += 1) {
      const body = JSON.stringify({
        type: 'Redshift',
        autoBootstrap: true,
        config: {
          host: host(i),
          port: 5439,
          database: 'immuta',
          initialDatabase: 'dev',
          authenticationType: 'userPassword',
          username: 'seed',
          password: 'seed-password',
        },
      });
      const response = await server.fake.fetch(`${server.url}/integrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'bench-key' },
        body,
      });
      if (!response.ok) throw new Error(`seeding failed: ${response.status}`);
    }
    const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'bench-key' });
    const env = environment();
    const own = await loadDesiredState(file(true), { env });
    const shared = await loadDesiredState(file(false), { env });
    const time = async (desired: typeof own, rotateCredentials: boolean) => {
      const times: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const started = performance.now();
        const changes = await plan(client, desired, { rotateCredentials });
        times.push(performance.now() - started);
        const managed = changes.items.filter((item) => item.action !== 'unmanaged');
        if (managed.length !== ENTRIES || changes.items.length !== TENANT) throw new Error('bench plan lost entries');
      }
      return median(times);
    };
    await time(shared, false); // warm-up: module loading and JIT
    return {
      tenant: TENANT,
      entries: ENTRIES,
      ownMs: await time(own, false),
      sharedMs: await time(shared, false),
      ownRotateMs: await time(own, true),
      sharedRotateMs: await time(shared, true),
    };
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchPlan();
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(`plan of ${figures.entries} entries against ${figures.tenant} integrations (median of 3):`);
  console.log(`  own credentials    ${ms(figures.ownMs)}  (shared: ${ms(figures.sharedMs)})`);
  console.log(`  rotateCredentials  ${ms(figures.ownRotateMs)}  (shared: ${ms(figures.sharedRotateMs)})`);
}
