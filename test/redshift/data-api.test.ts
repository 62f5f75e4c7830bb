import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors/base.js';
import { OptionalPackageMissingError } from '../../src/errors/optional-package.js';
import {
  RedshiftAbortedError,
  RedshiftConnectionError,
  StatementFailedError,
  StatementTimeoutError,
} from '../../src/errors/redshift.js';
import type { Clock } from '../../src/options.js';
import { createDataApiRunner } from '../../src/redshift/data-api.js';
import type { DataApiRunnerOptions } from '../../src/redshift/data-api-options.js';
import { databaseFor } from '../../src/model/script-steps.js';
import { standInScript } from '../../src/testing/stand-in-scripts.js';
import { startFakeDataApi, TEST_CREDENTIALS } from '../support/fake-data-api.js';
import { eventually, pgFixture, type TestRole } from '../support/pg-fixtures.js';
import { rejectionOf } from '../support/rejection.js';

const fixture = pgFixture();
let role: TestRole;
let fake: Awaited<ReturnType<typeof startFakeDataApi>>;

/** Real time, short pauses: the poll loop's schedule is tested on a virtual clock in poll.test.ts. */
const quickClock: Clock = {
  now: () => performance.now(),
  random: () => 0.5,
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.min(ms, 5));
      signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    }),
};

const runnerOptions = (extra: Partial<DataApiRunnerOptions> = {}): DataApiRunnerOptions => ({
  clusterIdentifier: 'examplecluster',
  dbUser: role.name,
  region: 'us-west-2',
  endpoint: fake.endpoint,
  credentials: TEST_CREDENTIALS,
  clientConfig: { maxAttempts: 1 },
  clock: quickClock,
  ...extra,
});

beforeAll(async () => {
  role = await fixture.role('createdb-createrole', 'data_api');
  fake = await startFakeDataApi({
    host: fixture.info.host,
    port: fixture.info.port,
    user: role.name,
    password: role.password,
    pageSize: 2,
  });
});
afterAll(async () => fake?.close());

describe('the Data API runner, through the real AWS SDK client and a loopback fake of the service', () => {
  it('runs the stand-in scripts end to end: one ExecuteStatement per statement, Database per call, polled to FINISHED', async () => {
    const initialDatabase = await fixture.database('initial');
    const database = fixture.name('immuta');
    const systemUser = fixture.name('immuta_system');
    fixture.dropDatabaseLater(database);
    fixture.dropRoleLater(systemUser);
    const payload = {
      config: { host: 'h.example.com', database, initialDatabase, impersonation: { enabled: false as const } },
    };
    const runner = createDataApiRunner(runnerOptions());
    const before = fake.requests.length;
    try {
      for (const step of ['initial-create', 'create'] as const) {
        const result = await runner.runScript({
          sql: standInScript(step, payload, { systemUser }),
          database: databaseFor(step, payload),
          step,
        });
        expect(result.statements.map((each) => each.index)).toEqual([...Array(result.total).keys()].map((i) => i + 1));
      }
    } finally {
      await runner.close();
    }
    const made = await fixture.sql<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'immuta\\_%'
       UNION ALL SELECT proname FROM pg_proc WHERE proname = 'impersonate_user' ORDER BY 1`,
      [],
      database,
    );
    expect(made.map((row) => row.name)).toEqual([
      'immuta_functions',
      'immuta_procedures',
      'immuta_system',
      'impersonate_user',
    ]);
    await fixture.closeAdmin(database);

    const setup = fake.requests.slice(before);

    // delete, from the initial database, removes the database and the user.
    const removing = createDataApiRunner(runnerOptions());
    try {
      await removing.runScript({
        sql: standInScript('delete', payload, { systemUser }),
        database: databaseFor('delete', payload),
        step: 'delete',
      });
    } finally {
      await removing.close();
    }
    const [left] = await fixture.sql<{ count: number }>(
      `SELECT ((SELECT count(*) FROM pg_database WHERE datname = $1) + (SELECT count(*) FROM pg_roles WHERE rolname = $2))::int AS count`,
      [database, systemUser],
    );
    expect(left!.count).toBe(0);

    const executed = setup.filter((each) => each.operation === 'ExecuteStatement');
    expect(executed[0]!.body).toMatchObject({
      Database: initialDatabase,
      ClusterIdentifier: 'examplecluster',
      DbUser: role.name,
    });
    expect(executed[0]!.body.Sql).toBe(`CREATE DATABASE "${database}"`);
    expect(executed.at(-1)!.body.Database).toBe(database);
    // The $$ body of the procedure went as one statement.
    expect(
      executed.some((each) =>
        String(each.body.Sql).includes("RAISE INFO 'impersonate_user: would act as %; nothing changed'"),
      ),
    ).toBe(true);
    expect(setup.filter((each) => each.operation === 'DescribeStatement').length).toBeGreaterThan(executed.length);
  });

  it('a FAILED statement stops the script: the Data API message, no SQLSTATE, what ran and what did not', async () => {
    const runner = createDataApiRunner(runnerOptions());
    try {
      const error = (await rejectionOf(
        runner.runScript({ sql: 'SELECT 1;\nSELECT 1 / 0;\nSELECT 3;', database: 'postgres', step: 'edit' }),
      )) as StatementFailedError;
      expect(error).toBeInstanceOf(StatementFailedError);
      expect(error).toMatchObject({
        statementIndex: 2,
        line: 2,
        code: undefined,
        serverMessage: 'division by zero',
        ran: 1,
        notRun: 2,
      });
    } finally {
      await runner.close();
    }
  });

  it('an abort during a long statement sends CancelStatement, and the runner rejects once the statement is ABORTED', async () => {
    const runner = createDataApiRunner(runnerOptions());
    const controller = new AbortController();
    const before = fake.requests.length;
    const run = runner.runScript(
      { sql: 'SELECT pg_sleep(60)', database: 'postgres', step: 'create' },
      { signal: controller.signal },
    );
    await eventually(async () => fake.requests.slice(before).some((each) => each.operation === 'DescribeStatement'));
    const id = String(fake.requests.slice(before).find((each) => each.operation === 'DescribeStatement')!.body.Id);
    await eventually(async () => {
      const rows = await fixture.sql(
        `SELECT 1 FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)' AND state = 'active'`,
      );
      return rows.length > 0;
    });
    controller.abort();
    const error = (await rejectionOf(run)) as RedshiftAbortedError;
    expect(error).toBeInstanceOf(RedshiftAbortedError);
    expect(error).toMatchObject({ statementIndex: 1, ran: 0, cancelRequested: true, cancelConfirmed: true });
    expect(fake.cancelled).toContain(id);
    expect(fake.statusOf(id)).toBe('ABORTED');
    await runner.close();
  });

  it('a statement that outlasts the timeout is cancelled and reported as such', async () => {
    const runner = createDataApiRunner(runnerOptions({ poll: { timeoutMs: 300 } }));
    const before = fake.requests.length;
    const error = (await rejectionOf(
      runner.runScript({ sql: 'SELECT pg_sleep(60)', database: 'postgres', step: 'create' }),
    )) as StatementTimeoutError;
    expect(error).toBeInstanceOf(StatementTimeoutError);
    expect(error).toMatchObject({ statementIndex: 1, timeoutMs: 300 });
    expect(fake.requests.slice(before).some((each) => each.operation === 'CancelStatement')).toBe(true);
    await runner.close();
  });

  it('runs a parameterised query and reads every page of the result', async () => {
    const runner = createDataApiRunner(runnerOptions());
    try {
      const { rows } = await runner.query<{ n: number; label: string; even: boolean; nothing: null }>(
        'postgres',
        "SELECT n, $1::text || n AS label, n % 2 = 0 AS even, NULL AS nothing FROM generate_series(1, $2::int) AS n WHERE '$1' <> ''",
        ['row ', 5],
      );
      expect(rows).toEqual([1, 2, 3, 4, 5].map((n) => ({ n, label: `row ${n}`, even: n % 2 === 0, nothing: null })));
    } finally {
      await runner.close();
    }
  });

  it('says which package to install when @aws-sdk/client-redshift-data is missing', async () => {
    const runner = createDataApiRunner(
      runnerOptions({
        loadSdk: async () => {
          throw Object.assign(new Error("Cannot find package '@aws-sdk/client-redshift-data'"), {
            code: 'ERR_MODULE_NOT_FOUND',
          });
        },
      }),
    );
    const error = (await rejectionOf(runner.query('postgres', 'SELECT 1'))) as OptionalPackageMissingError;
    expect(error).toBeInstanceOf(OptionalPackageMissingError);
    expect(error.packageName).toBe('@aws-sdk/client-redshift-data');
    expect(error.message).toContain('npm install @aws-sdk/client-redshift-data');
    await runner.close();
  });

  it('an unreachable endpoint before anything ran is a connection error', async () => {
    const runner = createDataApiRunner(runnerOptions({ endpoint: 'http://127.0.0.1:9' }));
    const error = (await rejectionOf(
      runner.runScript({ sql: 'SELECT 1; SELECT 2', database: 'postgres', step: 'create' }),
    )) as RedshiftConnectionError;
    expect(error).toBeInstanceOf(RedshiftConnectionError);
    expect(error).toMatchObject({ reason: 'refused', host: 'cluster examplecluster' });
    await runner.close();
  });

  it('checks its options', () => {
    expect(() => createDataApiRunner({})).toThrow(ConfigurationError);
    expect(() => createDataApiRunner({ clusterIdentifier: 'c', workgroupName: 'w' })).toThrow(/one of them/);
    expect(() => createDataApiRunner({ clusterIdentifier: 'c', secretArn: 'arn', dbUser: 'u' })).toThrow(/not both/);
    expect(() => createDataApiRunner({ workgroupName: 'w', dbUser: 'u' })).toThrow(/provisioned/);
  });
});
