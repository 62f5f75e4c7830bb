import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImmutaError } from '../../src/errors/base.js';
import { RedshiftConnectionError, StatementFailedError } from '../../src/errors/redshift.js';
import { createDataApiRunner } from '../../src/redshift/data-api.js';
import type { RedshiftRunner, StatementEvent } from '../../src/redshift/runner.js';
import { databaseFor } from '../../src/model/script-steps.js';
import { createWireRunner } from '../../src/redshift/wire.js';
import { standInScript } from '../../src/testing/stand-in-scripts.js';
import { startFakeDataApi, TEST_CREDENTIALS } from '../support/fake-data-api.js';
import { pgFixture, type TestRole } from '../support/pg-fixtures.js';

const fixture = pgFixture();

/** A password both PostgreSQL and Redshift accept, with characters URL-encoding changes. */
const CANARY = 'Can4ry!Pw#x%y&z~9';
const FORMS = [CANARY, Buffer.from(CANARY).toString('base64').replace(/=+$/, ''), encodeURIComponent(CANARY)];

/** Every way a value may be shown: its message, JSON, `util.inspect`, and the same for each cause down the chain. */
function renderings(value: unknown): string[] {
  const out = [JSON.stringify(value), inspect(value, { depth: 10 }), String(value)];
  let cause: unknown = value;
  for (let depth = 0; cause instanceof Error && depth < 5; depth += 1) {
    out.push(cause.message, cause.stack ?? '', JSON.stringify(cause), inspect(cause, { depth: 10 }));
    cause = cause.cause;
  }
  return out;
}

function expectNoCanary(value: unknown): void {
  for (const text of renderings(value)) for (const form of FORMS) expect(text).not.toContain(form);
}

/** Runs the stand-in initial-create with the canary as the system user's password, after making that user so CREATE USER fails. */
async function failOnCreateUser(runner: RedshiftRunner, events: StatementEvent[]) {
  const initialDatabase = await fixture.database('initial');
  const database = fixture.name('immuta');
  const systemUser = fixture.name('sys');
  fixture.dropDatabaseLater(database);
  fixture.dropRoleLater(systemUser);
  await fixture.sql(`CREATE ROLE "${systemUser}" LOGIN`);
  const payload = { config: { host: 'h.example.com', database, initialDatabase } };
  const sql = standInScript('initial-create', payload, { systemUser, systemPassword: CANARY });
  expect(sql).toContain(`PASSWORD '${CANARY}'`);
  const error = await runner
    .runScript(
      { sql, database: databaseFor('initial-create', payload), step: 'initial-create' },
      { onStatement: (event) => events.push(event) },
    )
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  return { error, systemUser };
}

describe('a password never leaks: not in errors, their causes, JSON, inspect, or events', () => {
  let role: TestRole;
  beforeAll(async () => {
    role = await fixture.role('superuser', 'secrets');
  });

  it('the wire runner: a failed CREATE USER … PASSWORD shows the statement masked', async () => {
    const runner = createWireRunner(fixture.wire(role));
    const events: StatementEvent[] = [];
    try {
      const { error, systemUser } = await failOnCreateUser(runner, events);
      expect(error).toBeInstanceOf(StatementFailedError);
      expect(error).toMatchObject({ code: '42710', statement: `CREATE USER "${systemUser}" PASSWORD '<REDACTED>'` });
      expectNoCanary(error);
      expect(events.map((event) => event.phase)).toEqual(['start', 'done', 'start', 'failed']);
      expectNoCanary(events);
    } finally {
      await runner.close();
    }
  });

  it('the wire runner: a server message that quotes the literal without its keyword is scrubbed too', async () => {
    const runner = createWireRunner(fixture.wire(role));
    const user = fixture.name('u');
    fixture.dropRoleLater(user);
    try {
      // PostgreSQL echoes the VALID UNTIL value: here it is the password, which only the scrubber can know.
      const error = await runner
        .runScript({
          sql: `CREATE USER "${user}" PASSWORD '${CANARY}' VALID UNTIL '${CANARY}'`,
          database: 'postgres',
          step: 'edit',
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StatementFailedError);
      expect((error as StatementFailedError).serverMessage).toContain('<REDACTED>');
      expectNoCanary(error);
      // …and a secret the caller names is scrubbed wherever it appears.
      const echoed = await runner.query('postgres', `SELECT '${CANARY}'::int`).catch((caught: unknown) => caught);
      expect(String(echoed)).toContain(CANARY); // not a PASSWORD literal, and not given: shown as the server said it
      const told = createWireRunner({ ...fixture.wire(role), secrets: [CANARY] });
      const scrubbed = await told
        .runScript({ sql: `SELECT '${CANARY}'::int`, database: 'postgres', step: 'edit' })
        .catch((caught: unknown) => caught);
      await told.close();
      expect(scrubbed).toBeInstanceOf(StatementFailedError);
      expectNoCanary(scrubbed);
    } finally {
      await runner.close();
    }
  });

  it('the wire runner: the connection password is in no connection error', async () => {
    const runner = createWireRunner(fixture.wire({ ...role, password: CANARY }));
    const error = await runner.query('postgres', 'SELECT 1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedshiftConnectionError);
    expectNoCanary(error);
    await runner.close();
  });

  describe('the Data API runner, with a service that echoes the SQL in its errors', () => {
    let fake: Awaited<ReturnType<typeof startFakeDataApi>>;
    beforeAll(async () => {
      fake = await startFakeDataApi({
        host: fixture.info.host,
        port: fixture.info.port,
        user: role.name,
        password: role.password,
        echoSqlInErrors: true,
      });
    });
    afterAll(async () => fake?.close());

    it('masks the echoed PASSWORD literal in the error and the events', async () => {
      const runner = createDataApiRunner({
        clusterIdentifier: 'c',
        dbUser: role.name,
        region: 'us-west-2',
        endpoint: fake.endpoint,
        credentials: TEST_CREDENTIALS,
      });
      const events: StatementEvent[] = [];
      try {
        const { error } = await failOnCreateUser(runner, events);
        expect(error).toBeInstanceOf(StatementFailedError);
        expect((error as StatementFailedError).serverMessage).toMatch(
          /already exists \(statement: CREATE USER ".*" PASSWORD '<REDACTED>'\)/,
        );
        expectNoCanary(error);
        expectNoCanary(events);
        expect(error).toBeInstanceOf(ImmutaError);
      } finally {
        await runner.close();
      }
    });
  });
});

describe('wireConnectionOf', () => {
  it('gives options that print and serialize without the password, yet connect with it', async () => {
    const { wireConnectionOf } = await import('../../src/redshift/payload-connection.js');
    const role = await fixture.role('plain');
    const options = wireConnectionOf(
      {
        config: {
          host: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
          database: 'immuta',
          initialDatabase: 'postgres',
          authenticationType: 'userPassword',
          username: role.name,
          password: role.password,
        },
      },
      { host: fixture.info.host, port: fixture.info.port, sslmode: 'disable' },
    );
    for (const shown of [JSON.stringify(options), inspect(options)]) {
      expect(shown).not.toContain(role.password);
      expect(shown).toContain('<REDACTED>');
      expect(shown).toContain(role.name);
    }
    expect({ ...options }.password).toBe(role.password);
    const runner = createWireRunner(options);
    try {
      expect((await runner.query('postgres', 'SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await runner.close();
    }
  });
});
