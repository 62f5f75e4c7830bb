import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AddressInfo, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors/base.js';
import {
  QueryFailedError,
  RedshiftAbortedError,
  RedshiftConnectionError,
  ScriptSyntaxError,
  StatementFailedError,
} from '../../src/errors/redshift.js';
import type { StatementEvent } from '../../src/redshift/runner.js';
import { databaseFor } from '../../src/model/script-steps.js';
import { createWireRunner } from '../../src/redshift/wire.js';
import { standInScript } from '../../src/testing/stand-in-scripts.js';
import { startFakeTlsServer } from '../support/fake-tls-server.js';
import { rejectionOf } from '../support/rejection.js';
import { eventually, pgFixture } from '../support/pg-fixtures.js';

const fixture = pgFixture();

/** A payload whose names are fresh for this test, registered for cleanup. */
function payloadFor(initialDatabase: string, impersonation = true) {
  const database = fixture.name('immuta');
  const systemUser = fixture.name('immuta_system');
  const role = fixture.name('immuta_impersonation');
  fixture.dropDatabaseLater(database);
  fixture.dropRoleLater(systemUser);
  fixture.dropRoleLater(role);
  const payload = {
    config: {
      host: 'example.abc123.us-west-2.redshift.amazonaws.com',
      database,
      initialDatabase,
      impersonation: impersonation ? { enabled: true as const, role } : { enabled: false as const },
    },
  };
  return { payload, systemUser, role };
}

describe('the wire runner runs scripts statement by statement', () => {
  it('runs the stand-in scripts end to end: initial-create, create, edit; then delete removes it all, and cleanup after it finds nothing to do', async () => {
    const owner = await fixture.role('createdb-createrole');
    const initialDatabase = await fixture.database('initial');
    const { payload, systemUser, role } = payloadFor(initialDatabase);
    const runner = createWireRunner(fixture.wire(owner));
    const events: StatementEvent[] = [];
    try {
      for (const step of ['initial-create', 'create', 'edit'] as const) {
        const sql = standInScript(step, payload, { systemUser });
        const result = await runner.runScript(
          { sql, database: databaseFor(step, payload), step },
          { onStatement: (event) => events.push(event) },
        );
        expect(result.statements).toHaveLength(result.total);
      }
      const [exists] = await fixture.sql<{ database: boolean; user: boolean; group: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS database,
                EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $2 AND rolcanlogin) AS user,
                EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $3 AND NOT rolcanlogin) AS group`,
        [payload.config.database, systemUser, role],
      );
      expect(exists).toEqual({ database: true, user: true, group: true });
      const inside = await fixture.sql<{ name: string }>(
        `SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'immuta\\_%'
         UNION ALL SELECT n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE p.proname = 'impersonate_user' ORDER BY 1`,
        [],
        payload.config.database,
      );
      expect(inside.map((row) => row.name)).toEqual([
        'immuta_functions',
        'immuta_procedures',
        'immuta_procedures.impersonate_user',
        'immuta_system',
      ]);

      await fixture.closeAdmin(payload.config.database);
      // The delete script runs from the initial database: the runner's own session to the Immuta database
      // (from the create and edit scripts) is closed first, or DROP DATABASE would fail with 55006.
      for (const step of ['delete', 'cleanup'] as const) {
        await runner.runScript({
          sql: standInScript(step, payload, { systemUser }),
          database: databaseFor(step, payload),
          step,
        });
      }
      const [gone] = await fixture.sql<{ count: number }>(
        `SELECT (SELECT count(*) FROM pg_database WHERE datname = $1) + (SELECT count(*) FROM pg_roles WHERE rolname IN ($2, $3))::int AS count`,
        [payload.config.database, systemUser, role],
      );
      expect(Number(gone!.count)).toBe(0);
    } finally {
      await runner.close();
    }
    // Events: each statement starts then finishes, in order, and the password literal is masked.
    const initial = events.filter((event) => event.step === 'initial-create');
    expect(initial.map((event) => `${event.phase}:${event.index}`).slice(0, 4)).toEqual([
      'start:1',
      'done:1',
      'start:2',
      'done:2',
    ]);
    const createUser = initial.find((event) => event.text.startsWith('CREATE USER'))!;
    expect(createUser.text).toBe(`CREATE USER "${systemUser}" PASSWORD '<REDACTED>'`);
    expect(createUser.line).toBe(5);
  });

  it('stops at the first failing statement and says what ran, what did not, the SQLSTATE and what to do', async () => {
    const owner = await fixture.role('createdb');
    const database = await fixture.database('fail', owner.name);
    const runner = createWireRunner(fixture.wire(owner));
    const sql =
      'CREATE SCHEMA first_one;\n-- the second statement divides by zero\nSELECT 1 / 0;\nCREATE SCHEMA never_made;\nCREATE SCHEMA nor_this;';
    try {
      const error = await rejectionOf(runner.runScript({ sql, database, step: 'create' }));
      expect(error).toBeInstanceOf(StatementFailedError);
      const failed = error as StatementFailedError;
      expect(failed).toMatchObject({
        step: 'create',
        database,
        statementIndex: 2,
        line: 3,
        statement: 'SELECT 1 / 0',
        code: '22012',
        serverMessage: 'division by zero',
        ran: 1,
        notRun: 3,
        total: 4,
        connectionLost: false,
      });
      expect(failed.message).toContain('Statement 1 ran and took effect; statement 2 and the 2 after it did not run');
      expect(failed.message).toContain('Next:');
      expect(failed.cause).toMatchObject({ name: 'error', code: '22012' });
      const schemas = await fixture.sql<{ nspname: string }>(
        `SELECT nspname FROM pg_namespace WHERE nspname IN ('first_one', 'never_made', 'nor_this')`,
        [],
        database,
      );
      expect(schemas.map((row) => row.nspname)).toEqual(['first_one']);
      // The runner is usable after a failure: a fresh session replaces the dropped one.
      expect((await runner.query(database, 'SELECT 41 + $1::int AS answer', [1])).rows).toEqual([{ answer: 42 }]);
    } finally {
      await runner.close();
    }
  });

  it('reports a database that already exists as 42P04, with advice to clean up', async () => {
    const owner = await fixture.role('createdb');
    const existing = await fixture.database('taken');
    const runner = createWireRunner(fixture.wire(owner));
    try {
      const error = (await rejectionOf(
        runner.runScript({ sql: `CREATE DATABASE "${existing}";`, database: 'postgres', step: 'initial-create' }),
      )) as StatementFailedError;
      expect(error).toBeInstanceOf(StatementFailedError);
      expect(error.code).toBe('42P04');
      expect(error.advice).toMatch(/already exists.*cleanup script/);
    } finally {
      await runner.close();
    }
  });

  it('shows why splitting is needed: a script sent as one string runs as one transaction and fails with 25001', async () => {
    const database = await fixture.database('whole');
    const name = fixture.name('never');
    fixture.dropDatabaseLater(name);
    const client = await fixture.admin(database);
    await expect(client.query(`CREATE SCHEMA made_first; CREATE DATABASE "${name}";`)).rejects.toMatchObject({
      code: '25001',
      message: 'CREATE DATABASE cannot run inside a transaction block',
    });
    // …and what came before it in the string was rolled back.
    expect(await fixture.sql(`SELECT 1 FROM pg_namespace WHERE nspname = 'made_first'`, [], database)).toEqual([]);

    const runner = createWireRunner(fixture.wire(await fixture.role('superuser')));
    try {
      await runner.runScript({
        sql: `CREATE SCHEMA made_first; CREATE DATABASE "${name}";`,
        database,
        step: 'initial-create',
      });
    } finally {
      await runner.close();
    }
    expect(await fixture.sql(`SELECT 1 AS found FROM pg_database WHERE datname = $1`, [name])).toEqual([{ found: 1 }]);
  });

  it('refuses a script with an unclosed quote before running anything', async () => {
    const runner = createWireRunner(fixture.wire(await fixture.role('plain')));
    const error = (await rejectionOf(
      runner.runScript({ sql: "SELECT 1;\nSELECT 'never closed;\nSELECT 3;", database: 'postgres', step: 'edit' }),
    )) as ScriptSyntaxError;
    expect(error).toBeInstanceOf(ScriptSyntaxError);
    expect(error.line).toBe(2);
    expect(error.message).toContain('edit script was refused before anything ran');
    await runner.close();
  });

  it('runs a parameterised query, one statement only', async () => {
    const runner = createWireRunner(fixture.wire(await fixture.role('plain')));
    try {
      expect(
        (await runner.query('postgres', 'SELECT $1::text AS a, $2::int AS b, $3::boolean AS c', ['x', 2, true])).rows,
      ).toEqual([{ a: 'x', b: 2, c: true }]);
      const error = await rejectionOf(runner.query('postgres', 'SELECT 1; SELECT 2', [1]));
      expect(error).toBeInstanceOf(QueryFailedError);
      expect((error as QueryFailedError).code).toBe('42601');
    } finally {
      await runner.close();
    }
  });
});

describe('the wire runner says why a connection failed', () => {
  it('a wrong password: authentication, 28P01', async () => {
    const role = await fixture.role('plain');
    const runner = createWireRunner(fixture.wire({ ...role, password: 'not-the-password' }));
    const error = (await rejectionOf(runner.query('postgres', 'SELECT 1'))) as RedshiftConnectionError;
    expect(error).toBeInstanceOf(RedshiftConnectionError);
    expect(error).toMatchObject({ reason: 'authentication', code: '28P01', database: 'postgres' });
    expect(error.message).toContain(`password authentication failed for user "${role.name}"`);
    await runner.close();
  });

  it('TLS required by default, and the server has none: a clear error at once, not a hang', async () => {
    const role = await fixture.role('plain');
    const runner = createWireRunner({ ...fixture.wire(role), sslmode: undefined });
    const error = (await rejectionOf(runner.query('postgres', 'SELECT 1'))) as RedshiftConnectionError;
    expect(error).toBeInstanceOf(RedshiftConnectionError);
    expect(error.reason).toBe('tls');
    expect(error.message).toContain('The server does not support SSL connections');
    expect(error.message).toContain("sslmode: 'disable'");
    await runner.close();
  });

  it('verify-full, the default, refuses a certificate it cannot verify, before the startup message is sent', async () => {
    const tls = await startFakeTlsServer();
    try {
      const runner = createWireRunner({ host: '127.0.0.1', port: tls.port, user: 'someone', password: 'never-sent' });
      const error = (await rejectionOf(runner.query('dev', 'SELECT 1'))) as RedshiftConnectionError;
      expect(error).toBeInstanceOf(RedshiftConnectionError);
      expect(error.reason).toBe('tls');
      expect(error.message).toContain('did not verify');
      expect(tls.startupsOverTls).toBe(0);
      await runner.close();

      // sslmode 'require', chosen explicitly, encrypts without verifying: the exchange goes past the handshake.
      const unverified = createWireRunner({
        host: '127.0.0.1',
        port: tls.port,
        user: 'someone',
        password: 'x',
        sslmode: 'require',
      });
      const past = (await rejectionOf(unverified.query('dev', 'SELECT 1'))) as RedshiftConnectionError;
      expect(past.reason).not.toBe('tls');
      expect(tls.startupsOverTls).toBe(1);
      await unverified.close();
    } finally {
      await tls.close();
    }
  });

  it('a database that does not exist: database, 3D000, nothing ran', async () => {
    const runner = createWireRunner(fixture.wire(await fixture.role('plain')));
    const error = (await rejectionOf(
      runner.runScript({ sql: 'SELECT 1', database: 'no_such_database', step: 'create' }),
    )) as RedshiftConnectionError;
    expect(error).toMatchObject({ reason: 'database', code: '3D000', database: 'no_such_database' });
    expect(error.message).toContain('initialDatabase must already exist');
    await runner.close();
  });

  it('nothing listening: refused', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const runner = createWireRunner({ ...fixture.wire(await fixture.role('plain')), port: closed });
    const error = (await rejectionOf(runner.query('postgres', 'SELECT 1'))) as RedshiftConnectionError;
    expect(error).toMatchObject({ reason: 'refused', code: 'ECONNREFUSED', port: closed });
    await runner.close();
  });

  it('a password file is read when connecting', async () => {
    const role = await fixture.role('plain');
    const dir = await mkdtemp(join(tmpdir(), 'pwfile-'));
    const file = join(dir, 'password');
    writeFileSync(file, `${role.password}\n`);
    const runner = createWireRunner({ ...fixture.wire(role), password: undefined, passwordFile: file });
    try {
      expect((await runner.query('postgres', 'SELECT current_user AS me')).rows).toEqual([{ me: role.name }]);
    } finally {
      await runner.close();
      await rm(dir, { recursive: true });
    }
  });

  it('checks its options before connecting', () => {
    expect(() => createWireRunner({ host: '', user: 'u' })).toThrow(ConfigurationError);
    expect(() => createWireRunner({ host: 'h', user: 'u', port: 70000 })).toThrow(/port/);
    expect(() => createWireRunner({ host: 'h', user: 'u', password: 'p', passwordFile: '/f' })).toThrow(/not both/);
    expect(() => createWireRunner({ host: 'h', user: 'u', sslmode: 'prefer' as never })).toThrow(/sslmode/);
  });
});

describe('the wire runner under interruption', () => {
  const activity = (applicationName: string) =>
    fixture.sql<{ pid: number; state: string; query: string }>(
      `SELECT pid, state, query FROM pg_stat_activity WHERE application_name = $1 AND query LIKE '%pg_sleep%' AND state = 'active'`,
      [applicationName],
    );

  it('an abort during a long statement cancels it on the server and rejects promptly', async () => {
    const role = await fixture.role('plain');
    const applicationName = fixture.name('abort');
    const runner = createWireRunner(fixture.wire(role, { applicationName }));
    const controller = new AbortController();
    const run = runner.runScript(
      { sql: 'SELECT 1;\nSELECT pg_sleep(60);\nSELECT 3;', database: 'postgres', step: 'create' },
      { signal: controller.signal },
    );
    await eventually(async () => (await activity(applicationName)).length === 1);
    controller.abort();
    // pg_sleep(60) would outlast the test's timeout: settling at all shows the runner did not wait for it.
    const error = (await rejectionOf(run)) as RedshiftAbortedError;
    expect(error).toBeInstanceOf(RedshiftAbortedError);
    expect(error).toMatchObject({
      step: 'create',
      statementIndex: 2,
      ran: 1,
      cancelRequested: true,
      cancelConfirmed: true,
    });
    await eventually(async () => (await activity(applicationName)).length === 0);
    await runner.close();
  });

  it('a connection lost mid-script: the statement outcome is unknown, later ones did not run', async () => {
    const role = await fixture.role('plain');
    const applicationName = fixture.name('lost');
    const runner = createWireRunner(fixture.wire(role, { applicationName }));
    // Its rejection is awaited below; taken now, so it is handled whenever it comes.
    const failure = rejectionOf(
      runner.runScript({
        sql: 'SELECT 1;\nSELECT pg_sleep(60);\nSELECT 3;\nSELECT 4;',
        database: 'postgres',
        step: 'create',
      }),
    );
    await eventually(async () => (await activity(applicationName)).length === 1);
    const [session] = await activity(applicationName);
    await fixture.sql('SELECT pg_terminate_backend($1)', [session!.pid]);
    const error = (await failure) as StatementFailedError;
    expect(error).toBeInstanceOf(StatementFailedError);
    expect(error).toMatchObject({ statementIndex: 2, code: '57P01', connectionLost: true, ran: 1, notRun: 2 });
    expect(error.message).toContain('whether statement 2 took effect is unknown');
    // The next call opens a fresh connection.
    expect((await runner.query('postgres', 'SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await runner.close();
  });
});
