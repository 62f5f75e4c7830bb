/**
 * Benchmark: are `waitUntilEnabled`'s defaults good without tuning?
 *
 * 1. Real time, real sockets: an integration the fake Immuta enables 4 s after creation. Target: noticed
 *    within 1 s of the change, with at most 8 reads.
 * 2. Virtual time: the pause schedule of a long creation (pure loop, fake clock). Target: it settles at
 *    `maxDelayMs`, at most 15 s.
 */
import { RedshiftIntegrationClient } from '../src/index.js';
import { startFakeImmutaServer } from '../src/testing/index.js';
import { WAIT_DEFAULTS, waitForStatus } from '../src/wait.js';

const payload = {
  type: 'Redshift',
  autoBootstrap: true,
  config: {
    host: 'organization.aws.amazon.com',
    database: 'immuta',
    initialDatabase: 'REDSHIFT_SAMPLE_DATA',
    authenticationType: 'userPassword',
    username: 'bench-user',
    password: 'bench-password',
  },
} as const;

export interface WaitBenchResult {
  runs: { lateMs: number; reads: number }[];
  worstLateMs: number;
  worstReads: number;
  settlesAtMs: number;
  settledAfterS: number;
}

async function enabledAfterFourSeconds(): Promise<{ lateMs: number; reads: number }> {
  const server = await startFakeImmutaServer({ settle: { ms: 4_000 }, otherIntegrations: false });
  try {
    const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'bench-key' });
    const { id } = await client.create(payload);
    const created = performance.now();
    await client.waitUntilEnabled(id);
    const lateMs = performance.now() - created - 4_000;
    return { lateMs, reads: server.fake.integrations.get(id)?.reads ?? Number.NaN };
  } finally {
    await server.close();
  }
}

async function longCreationSchedule(): Promise<{ settlesAtMs: number; settledAfterS: number }> {
  let now = 0;
  const pauses: { at: number; ms: number }[] = [];
  await waitForStatus(
    '1',
    { timeoutMs: 30 * 60_000 },
    {
      clock: {
        now: () => now,
        random: Math.random,
        sleep: async (ms) => {
          pauses.push({ at: now, ms });
          now += ms;
        },
      },
      statusCodes: [],
      read: async () => ({ id: '1', status: now >= 20 * 60_000 ? 'enabled' : 'creating' }),
    },
  );
  const settled = pauses.find((pause) => pause.ms === WAIT_DEFAULTS.maxDelayMs);
  return { settlesAtMs: Math.max(...pauses.map((pause) => pause.ms)), settledAfterS: (settled?.at ?? NaN) / 1000 };
}

export async function benchWait(runs = 3): Promise<WaitBenchResult> {
  const results = [];
  for (let run = 0; run < runs; run += 1) results.push(await enabledAfterFourSeconds());
  const schedule = await longCreationSchedule();
  return {
    runs: results,
    worstLateMs: Math.max(...results.map((result) => result.lateMs)),
    worstReads: Math.max(...results.map((result) => result.reads)),
    ...schedule,
  };
}
