// The Redshift side from the command line, as the guide's manual flow runs: preflight, setup --run, verify,
// update --run, delete --run and apply --run-scripts against the fake Immuta over HTTP and a real PostgreSQL
// server reached through libpq's variables (PGHOST, PGPORT, PGSSLMODE). In process, on a virtual clock.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PREFLIGHT_CHECKS } from '../src/redshift/index.js';
import { useCli } from './support/cli.js';
import { pgFixture, type TestRole } from './support/pg-fixtures.js';

const fixture = pgFixture();
// Cluster-wide names of this file's own: the stand-in scripts' system user and its (canary) password.
const systemUser = fixture.name('immuta_system');
const SYSTEM_PASSWORD = 'SysCanary7f3e9aZ9';
fixture.dropRoleLater(systemUser);
const harness = useCli({
  fake: { otherIntegrations: false, standIn: { systemUser, systemPassword: SYSTEM_PASSWORD } },
});
const { cli, file } = harness;
/** Every byte printed, swept for the cluster's passwords at the end of each test that used them. */
const printed: string[] = [];

/** libpq's variables for the test server: the payload's host is a Redshift name, the connection goes here. */
const pgEnv = () => ({ PGHOST: fixture.info.host, PGPORT: String(fixture.info.port), PGSSLMODE: 'disable' });

/** A payload file for `role`'s account; a fresh Immuta database unless `database` is given. */
async function payloadFile(role: TestRole, options: { autoBootstrap?: boolean; database?: string } = {}) {
  const database = options.database ?? fixture.name('immuta');
  fixture.dropDatabaseLater(database);
  const initialDatabase = await fixture.database('initial');
  const path = await file(
    `${database}.yaml`,
    [
      'type: Redshift',
      `autoBootstrap: ${options.autoBootstrap ?? false}`,
      'config:',
      `  host: ${database.replace(/_/g, '-')}.abc123.us-west-2.redshift.amazonaws.com`,
      `  database: ${database}`,
      `  initialDatabase: ${initialDatabase}`,
      '  authenticationType: userPassword',
      `  username: ${role.name}`,
      `  password: ${role.password}`,
    ].join('\n'),
  );
  return { path, database, initialDatabase };
}

/** Runs the CLI with the test server's connection, keeping what it printed for the secrets sweep. */
async function redshiftCli(args: string[], env: Record<string, string> = {}) {
  const result = await cli(args, { env: { ...pgEnv(), ...env } });
  printed.push(result.stdout, result.stderr);
  return result;
}

/** Nothing printed holds a password of the cluster: the account's, or the system user's inside the SQL. */
function expectNoPasswords(...passwords: string[]) {
  for (const output of printed) {
    for (const secret of [...passwords, SYSTEM_PASSWORD]) {
      expect(output).not.toContain(secret);
      expect(output).not.toContain(Buffer.from(secret).toString('base64'));
    }
  }
}

describe('immuta-redshift preflight -f payload.yaml', () => {
  it("exits 0 when nothing failed; -o json is Immuta's own shape, the stand-in named as not Redshift", async () => {
    const admin = await fixture.role('superuser');
    const { path } = await payloadFile(admin);

    const { code, stdout } = await redshiftCli(['preflight', '-f', path, '-o', 'json']);

    expect(code).toBe(0);
    const results = JSON.parse(stdout) as { status: string; validationTests: { name: string; status: string }[] };
    expect(results.status).toBe('passed');
    const byName = Object.fromEntries(results.validationTests.map((test) => [test.name, test.status]));
    expect(byName).toMatchObject({
      [PREFLIGHT_CHECKS.connection]: 'passed',
      [PREFLIGHT_CHECKS.server]: 'warning',
      [PREFLIGHT_CHECKS.createDatabase]: 'passed',
    });
    expectNoPasswords(admin.password);
  });

  it('exits 1 when a check failed, and prints the statement that would fix it', async () => {
    const plain = await fixture.role('plain');
    const { path } = await payloadFile(plain);

    const { code, stdout } = await redshiftCli(['preflight', '-f', path, '-o', 'table']);

    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`failed\\s+${PREFLIGHT_CHECKS.createDatabase}`));
    expect(stdout).toContain(`ALTER USER "${plain.name}" CREATEDB`);
    expectNoPasswords(plain.password);
  });

  it('exits 2 for an account it cannot use: an Okta payload and no PGUSER or PGPASSWORD', async () => {
    const path = await file(
      'okta.yaml',
      [
        'type: Redshift',
        'autoBootstrap: false',
        'config:',
        '  host: okta.abc123.us-west-2.redshift.amazonaws.com',
        '  database: immuta',
        '  initialDatabase: dev',
        '  authenticationType: okta',
        '  okta:',
        '    username: someone@example.com',
        '    password: okta-canary-1b7e',
        '    appId: app',
        '    idpHost: example.okta.com',
        '    role: r',
      ].join('\n'),
    );

    const { code, stderr } = await redshiftCli(['preflight', '-f', path]);

    expect(code).toBe(2);
    expect(stderr).toContain("the payload's okta account cannot log in to the database itself: pass --redshift-user");
    expectNoPasswords('okta-canary-1b7e');
  });
});

describe('the manual flow from the command line', () => {
  it('setup --run, then verify; update --run turns impersonation on; delete --run removes it all', async () => {
    const owner = await fixture.role('createdb-createrole');
    const { path, database, initialDatabase } = await payloadFile(owner);

    const setup = await redshiftCli(['setup', '-f', path, '--run', '-o', 'json']);

    expect(setup.code).toBe(0);
    expect(setup.stderr.split('\n').filter((line) => line.startsWith('setup:'))).toEqual([
      `setup: initial-create (in database ${initialDatabase})`,
      `setup: create (in database ${database})`,
      'setup: configure',
      'setup: wait',
    ]);
    const { id, status } = JSON.parse(setup.stdout) as { id: string; status: string };
    expect(status).toBe('enabled');
    // The wait names the integration the setup created.
    expect(setup.stderr).toContain(`integration ${id}: enabled`);

    const verify = await redshiftCli(['verify', '-f', path, '--system-user', systemUser, '-o', 'json']);
    expect(verify.code).toBe(0);
    const verified = JSON.parse(verify.stdout) as { status: string; integrationId: string };
    expect(verified).toMatchObject({ status: 'passed', integrationId: id });

    const role = fixture.name('immuta_impersonation');
    fixture.dropRoleLater(role);
    const changed = await file(
      'impersonation.yaml',
      `${await readFile(path, 'utf8')}\n  impersonation:\n    enabled: true\n    role: ${role}\n`,
    );
    const update = await redshiftCli(['update', id, '-f', changed, '--run']);
    expect(update.code).toBe(0);
    expect(update.stderr).toContain(`update: edit (in database ${database})`);
    expect((await fixture.sql('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).length).toBe(1);
    // The first file no longer says what Immuta has: verify names the difference.
    const stale = await redshiftCli(['verify', '-f', path, '--system-user', systemUser, '-o', 'table']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('differs from the file: impersonation.enabled (true in Immuta, false in the file)');

    await fixture.closeAdmin(database);
    const remove = await redshiftCli(['delete', id, '--run'], { PGUSER: owner.name, PGPASSWORD: owner.password });
    expect(remove.code).toBe(0);
    expect(remove.stderr).toContain(`delete: delete (in database ${initialDatabase})`);
    const left = await fixture.sql(
      'SELECT 1 FROM pg_database WHERE datname = $1 UNION ALL SELECT 1 FROM pg_roles WHERE rolname IN ($2, $3)',
      [database, systemUser, role],
    );
    expect(left).toEqual([]);
    expectNoPasswords(owner.password);
  });

  it('verify exits 1 when the setup is not there, naming each missing piece', async () => {
    const owner = await fixture.role('createdb-createrole');
    const { path } = await payloadFile(owner);

    const { code, stdout } = await redshiftCli(['verify', '-f', path, '--system-user', systemUser, '-o', 'table']);

    expect(code).toBe(1);
    expect(stdout).toMatch(/failed\s+Verify: Immuta Database Exists/);
    expect(stdout).toMatch(/failed\s+Immuta: the integration is enabled/);
    expect(stdout).toContain('no Redshift integration on this host and database in Immuta');
  });

  it('setup --run stops at the script that failed: exit 1, where it stopped, and the next command', async () => {
    const owner = await fixture.role('createdb-createrole');
    const { path, database, initialDatabase } = await payloadFile(owner);
    // Left by an earlier run.
    await fixture.sql(`CREATE DATABASE "${database}"`);

    const { code, stdout, stderr } = await redshiftCli(['setup', '-f', path, '--run', '-o', 'json']);

    expect(code).toBe(1);
    const result = JSON.parse(stdout) as { ok: boolean; stoppedAt: string; next: string };
    expect(result).toMatchObject({ ok: false, stoppedAt: 'initial-create' });
    expect(result.next).toBe(
      `what the script creates is there already, left by an earlier run: run the cleanup script (immuta-redshift script cleanup -f ${path}, in database ${initialDatabase}) to remove it, then immuta-redshift setup -f ${path} --run again`,
    );
    expect(stderr).toContain('[42P04]');
    expect(harness.server.fake.requests.filter((request) => request.method === 'POST').map((r) => r.path)).toEqual([
      '/integrations/scripts/initial-create',
    ]);
    expectNoPasswords(owner.password);
  });

  it('apply --run-scripts finishes a manual entry itself; a second plan finds nothing to do', async () => {
    const owner = await fixture.role('createdb-createrole');
    const database = fixture.name('immuta');
    fixture.dropDatabaseLater(database);
    const initialDatabase = await fixture.database('initial');
    const desired = await file(
      'desired.yaml',
      [
        'integrations:',
        '  analytics:',
        '    autoBootstrap: false',
        '    config:',
        `      host: ${database.replace(/_/g, '-')}.abc123.us-west-2.redshift.amazonaws.com`,
        `      database: ${database}`,
        `      initialDatabase: ${initialDatabase}`,
        '      authenticationType: userPassword',
        '      username: ${env:REDSHIFT_USER}',
        '      password: ${env:REDSHIFT_PASSWORD}',
      ].join('\n'),
    );
    const env = { REDSHIFT_USER: owner.name, REDSHIFT_PASSWORD: owner.password };

    const applied = await redshiftCli(['apply', '-f', desired, '--yes', '--run-scripts', '-o', 'json'], env);

    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ ok: true, changed: true });
    expect((await fixture.sql('SELECT 1 FROM pg_database WHERE datname = $1', [database])).length).toBe(1);
    const plan = await redshiftCli(['plan', '-f', desired], env);
    expect(plan.code).toBe(0);

    // state: absent — the delete script runs as the entry's account, its references resolved as for a create.
    await fixture.closeAdmin(database);
    const absent = await file(
      'absent.yaml',
      (await readFile(desired, 'utf8')).replace(
        '    autoBootstrap: false',
        '    state: absent\n    autoBootstrap: false',
      ),
    );
    const removed = await redshiftCli(['apply', '-f', absent, '--yes', '--run-scripts', '-o', 'json'], env);
    expect(removed.code, removed.stderr).toBe(0);
    expect((await fixture.sql('SELECT 1 FROM pg_database WHERE datname = $1', [database])).length).toBe(0);
    expectNoPasswords(owner.password);
  });

  it('delete --run with no payload file asks for the account, as Immuta never returns it', async () => {
    const owner = await fixture.role('createdb-createrole');
    const { path } = await payloadFile(owner);
    const { id } = JSON.parse((await redshiftCli(['setup', '-f', path, '--run', '-o', 'json'])).stdout) as {
      id: string;
    };

    const { code, stderr } = await redshiftCli(['delete', id, '--run'], { PGPASSWORD: owner.password });

    expect(code).toBe(2);
    expect(stderr).toContain(
      "Immuta does not return the integration's credentials: pass --redshift-user <user> and --redshift-password-file <path> (or set PGUSER and PGPASSWORD), or -f <payload-file>",
    );
    const done = await redshiftCli(['delete', id, '--run', '-f', path]);
    expect(done.code, done.stderr).toBe(0);
    expectNoPasswords(owner.password);
  });

  it('a wrong password stops setup --run before anything ran: nothing to clean up, and -o json errors are JSON', async () => {
    const owner = await fixture.role('createdb-createrole');
    const { path } = await payloadFile(owner);

    const args = ['setup', '-f', path, '--run', '-o', 'json', '--redshift-port', String(fixture.info.port)];
    const { code, stdout, stderr } = await redshiftCli([...args, '--sslmode', 'disable'], {
      PGPASSWORD: 'Wrong-password-1',
    });

    expect(code).toBe(1);
    // The commands it names connect where this one did.
    expect((JSON.parse(stdout) as { next: string }).next).toBe(
      `nothing took effect in Redshift, so there is nothing to clean up: fix the cause (immuta-redshift preflight -f ${path} --redshift-port ${fixture.info.port} --sslmode disable checks the account), then immuta-redshift setup -f ${path} --run --redshift-port ${fixture.info.port} --sslmode disable again`,
    );
    const lines = stderr.split('\n').filter((line) => line && !line.startsWith('setup: '));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      error: {
        name: 'RedshiftConnectionError',
        // In the CLI's words: its flags and variables, not the SDK's options.
        message: expect.stringContaining('(--sslmode disable, or PGSSLMODE=disable)') as unknown,
        hint: expect.stringContaining('--redshift-user <user> and --redshift-password-file <path>') as unknown,
      },
    });
    expect(harness.server.fake.requests.some((request) => request.path === '/integrations')).toBe(false);
  });

  it('a server without TLS, met with the default verify-full, is named with the flag that allows it', async () => {
    const owner = await fixture.role('createdb-createrole');
    const { path } = await payloadFile(owner);

    const { code, stdout } = await redshiftCli(['preflight', '-f', path], { PGSSLMODE: '' });

    expect(code).toBe(1);
    expect(stdout).toContain('Only for a local stand-in without TLS, pass --sslmode disable, or PGSSLMODE=disable');
    expect(stdout).not.toContain("sslmode: '");
  });
});
