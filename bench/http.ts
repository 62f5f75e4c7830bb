/**
 * The SDK's cost per call, side by side with what a user would otherwise write — `fetch` plus `res.json()`,
 * and a bare ky call (the SDK's HTTP layer) with the same headers — against one local `node:http` server.
 * Sides are interleaved round by round, their order rotated, so a noisy machine slows all alike; results are
 * medians of per-round figures.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import ky from 'ky';

// The built package, as users run it (`npm run bench` builds first), typed by its source. Loaded by a
// computed path so a fresh checkout type-checks before anything is built.
const builtEntry: string = '../dist/index.js';
const { RedshiftIntegrationClient } = (await import(builtEntry)) as typeof import('../src/index.js');

const redshift = {
  id: '123456789',
  status: 'enabled',
  validationResults: {
    status: 'passed',
    validationTests: [
      { name: 'Initial Validation: Basic Connection Test', result: [null], status: 'passed' },
      { name: 'Validate Automatic Bootstrap: Immuta Database Does Not Exist', result: [], status: 'passed' },
    ],
  },
  type: 'Redshift',
  autoBootstrap: true,
  config: {
    host: 'organization.aws.amazon.com',
    database: 'immuta',
    initialDatabase: 'REDSHIFT_SAMPLE_DATA',
    port: 5439,
    impersonation: { enabled: false },
    authenticationType: 'userPassword',
    username: '<REDACTED>',
    password: '<REDACTED>',
  },
};
const snowflake = {
  id: '1',
  status: 'enabled',
  type: 'Snowflake',
  autoBootstrap: true,
  config: { host: 'organization.us-east-1.snowflakecomputing.com', warehouse: 'W', port: 443, role: 'ACCOUNTADMIN' },
};

/** 5000 integrations, four in five Redshift, with distinct ids. */
const many = JSON.stringify(
  Array.from({ length: 5000 }, (_, i) => ({ ...(i % 5 === 4 ? snowflake : redshift), id: String(i) })),
);
const one = JSON.stringify(redshift);

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function time(calls: number, call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i += 1) await call();
  return (performance.now() - started) / calls;
}

/** Per-call milliseconds of each side in each round, the sides' order rotated round by round. */
export async function interleave(rounds: number, calls: number, sides: readonly (() => Promise<unknown>)[]) {
  for (let i = 0; i < 30; i += 1) for (const side of sides) await side();
  const times: number[][] = sides.map(() => []);
  for (let round = 0; round < rounds; round += 1) {
    for (let k = 0; k < sides.length; k += 1) {
      const index = (round + k) % sides.length;
      times[index]!.push(await time(calls, sides[index]!));
    }
  }
  return times;
}

export async function benchHttp() {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(request.url === '/integrations' ? many : one);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new RedshiftIntegrationClient({ baseUrl: url, apiKey: 'bench-key' });
  // The headers the SDK sends, so the baselines do the same work on the wire.
  const headers = { authorization: 'bench-key', accept: 'application/json', 'user-agent': 'immuta-redshift/bench' };
  const bareKy = ky.create({ prefixUrl: url, retry: 0, timeout: false, throwHttpErrors: false, headers });
  try {
    // Many short rounds: each side's batch runs next to the others', so a pair of batches meets the same machine.
    const [rawGet, kyGet, sdkGet] = await interleave(240, 25, [
      async () => (await fetch(`${url}/integrations/123456789`, { headers })).json(),
      async () => (await bareKy('integrations/123456789')).json(),
      () => client.get('123456789'),
    ]);
    const [rawList, sdkList] = await interleave(11, 5, [
      async () => (await fetch(`${url}/integrations`, { headers })).json(),
      () => client.list(),
    ]);
    const overheadUs = median(sdkGet!.map((sdk, round) => (sdk - kyGet![round]!) * 1000));
    return {
      get: {
        rawMs: median(rawGet!),
        kyMs: median(kyGet!),
        sdkMs: median(sdkGet!),
        kyRatio: median(kyGet!.map((value, round) => value / rawGet![round]!)),
        sdkRatio: median(sdkGet!.map((value, round) => value / rawGet![round]!)),
        overheadUs,
      },
      list: {
        rawMs: median(rawList!),
        sdkMs: median(sdkList!),
        ratio: median(sdkList!.map((value, round) => value / rawList![round]!)),
      },
    };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
