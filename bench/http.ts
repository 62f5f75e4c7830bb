/**
 * SDK versus what a user would otherwise write — `fetch` plus `res.json()` — against one local
 * `node:http` server, interleaved round by round so a noisy machine slows both alike.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function time(calls: number, call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i += 1) await call();
  return (performance.now() - started) / calls;
}

/** Per-call time of each side, and the median of the per-round ratios. */
async function interleave(rounds: number, calls: number, sdk: () => Promise<unknown>, raw: () => Promise<unknown>) {
  for (let i = 0; i < 20; i += 1) {
    await sdk();
    await raw();
  }
  const ratios: number[] = [];
  const sdkTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    // Alternate which side goes first, so neither always runs on a warmer machine.
    const [first, second] = round % 2 ? [raw, sdk] : [sdk, raw];
    const a = await time(calls, first);
    const b = await time(calls, second);
    const [s, r] = round % 2 ? [b, a] : [a, b];
    sdkTimes.push(s);
    rawTimes.push(r);
    ratios.push(s / r);
  }
  return { sdkMs: median(sdkTimes), rawMs: median(rawTimes), ratio: median(ratios) };
}

export async function benchHttp() {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(request.url === '/integrations' ? many : one);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const headers = { authorization: 'bench-key', accept: 'application/json' };
  const client = new RedshiftIntegrationClient({ baseUrl: url, apiKey: 'bench-key' });
  try {
    const get = await interleave(
      15,
      200,
      () => client.get('123456789'),
      async () => (await fetch(`${url}/integrations/123456789`, { headers })).json(),
    );
    const list = await interleave(
      9,
      5,
      () => client.list(),
      async () => (await fetch(`${url}/integrations`, { headers })).json(),
    );
    return { get, list };
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
