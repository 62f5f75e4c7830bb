/**
 * Benchmark of the cluster side, on a real local PostgreSQL server (the test harness's):
 *
 * 1. A script of 500 statements through the wire runner vs `psql -f` — same statements, same server, both in
 *    autocommit, one statement per round trip; connection set-up included for both; runs interleaved, the
 *    order alternating, each from the same state. Target: the runner ≤ 1.2× psql (the median of the paired
 *    runs' ratios: the server's speed drifts between runs on a busy machine, and pairing cancels it).
 *    The same statements sent one by one with a bare `pg` client show what the runner adds over its driver.
 * 2. `preflight` on a Redshift-looking database (the test shim), a fresh connection each time. Target: < 1 s,
 *    at most 15 queries.
 *
 * `npx tsx bench/redshift.ts` prints the figures; `benchRedshift()` returns them.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { preflight } from '../src/redshift/preflight/index.js';
import { splitSqlScript } from '../src/redshift/split.js';
import type { QueryRunner } from '../src/redshift/runner.js';
import { createWireRunner } from '../src/redshift/wire.js';
import { findPostgresBinaries, startPostgres } from '../test/support/postgres.js';
import { installRedshiftShim } from '../test/support/redshift-shim.js';

const run = promisify(execFile);

/** What {@link benchRedshift} measured. */
export interface RedshiftBenchFigures {
  readonly statements: number;
  readonly runs: number;
  /** Median milliseconds per run of the whole script. */
  readonly runnerMs: number;
  readonly psqlMs: number;
  /** Median milliseconds of the same statements sent one by one with a bare `pg` client: the driver's own floor. */
  readonly pgLoopMs: number;
  /** The median of each run's runner / psql ratio (paired runs, so the server's drift between runs cancels). */
  readonly ratio: number;
  /** The median of each run's runner / bare-pg-loop ratio: what the runner adds over its driver. */
  readonly ratioToPg: number;
  /** Median milliseconds of one preflight, connection included. */
  readonly preflightMs: number;
  /** How many queries one preflight sent. */
  readonly preflightQueries: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** 500 statements of four kinds, with semicolons inside literals so splitting is exercised. */
export function benchScript(statements = 500): string {
  const lines: string[] = ['-- benchmark script'];
  for (let i = 0; lines.length - 1 < statements; i += 1) {
    lines.push(
      `CREATE TABLE bench.t_${i} (id int, note text);`,
      `INSERT INTO bench.t_${i} VALUES (${i}, 'a;b ''${i}''');`,
      `COMMENT ON TABLE bench.t_${i} IS 'table ${i}; for the benchmark';`,
      `SELECT count(*) FROM bench.t_${i};`,
    );
  }
  return `${lines.slice(0, statements + 1).join('\n')}\n`;
}

/** Runs the benchmark on a server of its own and stops it. */
export async function benchRedshift({ statements = 500, runs = 9 } = {}): Promise<RedshiftBenchFigures> {
  const bindir = findPostgresBinaries();
  const psql = bindir ? join(bindir, 'psql') : 'psql';
  const server = await startPostgres();
  const dir = await mkdtemp(join(tmpdir(), 'bench-redshift-'));
  const admin = new pg.Client({ host: server.host, port: server.port, user: server.adminUser, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query('CREATE DATABASE bench_db');
    const db = new pg.Client({ host: server.host, port: server.port, user: server.adminUser, database: 'bench_db' });
    await db.connect();
    const reset = () => db.query('DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench;');
    const script = benchScript(statements);
    const file = join(dir, 'script.sql');
    await writeFile(file, script);

    const timePsql = async () => {
      await reset();
      const started = performance.now();
      await run(psql, [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        server.host,
        '-p',
        String(server.port),
        '-U',
        server.adminUser,
        '-d',
        'bench_db',
        '-f',
        file,
      ]);
      return performance.now() - started;
    };
    const timeRunner = async () => {
      await reset();
      const started = performance.now();
      const runner = createWireRunner({
        host: server.host,
        port: server.port,
        user: server.adminUser,
        sslmode: 'disable',
      });
      const result = await runner.runScript({ sql: script, database: 'bench_db', step: 'create' });
      await runner.close();
      const elapsed = performance.now() - started;
      if (result.statements.length !== statements)
        throw new Error(`ran ${result.statements.length} statements, not ${statements}`);
      return elapsed;
    };
    const texts = splitSqlScript(script).map((statement) => statement.text);
    const timePgLoop = async () => {
      await reset();
      const started = performance.now();
      const client = new pg.Client({
        host: server.host,
        port: server.port,
        user: server.adminUser,
        database: 'bench_db',
      });
      await client.connect();
      for (const text of texts) await client.query(text);
      await client.end();
      return performance.now() - started;
    };
    // One warm-up of each (module loading, server caches), then interleaved runs, the order rotating.
    await timePsql();
    await timeRunner();
    await timePgLoop();
    const psqlTimes: number[] = [];
    const runnerTimes: number[] = [];
    const pgTimes: number[] = [];
    const contenders = [
      async () => psqlTimes.push(await timePsql()),
      async () => runnerTimes.push(await timeRunner()),
      async () => pgTimes.push(await timePgLoop()),
    ];
    for (let i = 0; i < runs; i += 1) {
      for (let j = 0; j < contenders.length; j += 1) await contenders[(i + j) % contenders.length]!();
    }
    await db.end();

    // Preflight as a Redshift-looking server: the shim in the initial database.
    await admin.query('CREATE DATABASE preflight_db');
    const shimAdmin = new pg.Client({
      host: server.host,
      port: server.port,
      user: server.adminUser,
      database: 'preflight_db',
    });
    await shimAdmin.connect();
    await installRedshiftShim(shimAdmin, 'preflight_db', { redshift: true });
    await shimAdmin.end();
    const payload = {
      autoBootstrap: true,
      config: { host: 'h.example.com', database: 'immuta', initialDatabase: 'preflight_db' },
    };
    const preflightTimes: number[] = [];
    let preflightQueries = 0;
    for (let i = 0; i < runs + 1; i += 1) {
      const runner = createWireRunner({
        host: server.host,
        port: server.port,
        user: server.adminUser,
        sslmode: 'disable',
      });
      let count = 0;
      const counted: QueryRunner = { query: (...args) => ((count += 1), runner.query(...args)) };
      const started = performance.now();
      const results = await preflight(payload, counted);
      const elapsed = performance.now() - started;
      await runner.close();
      if (results.validationTests.length === 0) throw new Error('preflight returned no checks');
      if (i > 0) preflightTimes.push(elapsed); // the first run loads the modules
      preflightQueries = count;
    }

    return {
      statements,
      runs,
      runnerMs: median(runnerTimes),
      psqlMs: median(psqlTimes),
      pgLoopMs: median(pgTimes),
      ratio: median(runnerTimes.map((runner, i) => runner / (psqlTimes[i] as number))),
      ratioToPg: median(runnerTimes.map((runner, i) => runner / (pgTimes[i] as number))),
      preflightMs: median(preflightTimes),
      preflightQueries,
    };
  } finally {
    await admin.end();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchRedshift();
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(
    `script of ${figures.statements} statements, medians of ${figures.runs} interleaved runs (connection included):`,
  );
  console.log(`  wire runner  ${ms(figures.runnerMs)}`);
  console.log(`  psql -f      ${ms(figures.psqlMs)}`);
  console.log(
    `  bare pg loop ${ms(figures.pgLoopMs)} (the driver alone; runner / pg ${figures.ratioToPg.toFixed(2)}×)`,
  );
  console.log(
    `  ratio        ${figures.ratio.toFixed(2)}× (median of paired ratios; target ≤ 1.2×) ${figures.ratio <= 1.2 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `preflight (Redshift-looking shim, fresh connection): ${ms(figures.preflightMs)} (target < 1 s) ${figures.preflightMs < 1000 ? 'met' : 'MISSED'}, ` +
      `${figures.preflightQueries} queries (target ≤ 15) ${figures.preflightQueries <= 15 ? 'met' : 'MISSED'}`,
  );
}
