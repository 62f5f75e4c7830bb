/**
 * Manual setup, update and deletion end to end, as a user runs them: `client.manualSetup(payload).run({ redshift })`
 * fetches each script from the fake Immuta over real HTTP, runs it on a real PostgreSQL server in the database the
 * guide names, creates the integration and waits for it; `verifySetup` then finds what the scripts made.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationFailedError, ManualRunError, RedshiftIntegrationClient } from '../../src/index.js';
import type { RedshiftIntegrationPayload } from '../../src/index.js';
import type { ManualRunEvent } from '../../src/manual-run.js';
import { createWireRunner, type RedshiftRunner, verifySetup } from '../../src/redshift/index.js';
import { StatementFailedError } from '../../src/errors/redshift.js';
import { createVirtualClock, type FakeImmutaServer, startFakeImmutaServer } from '../../src/testing/index.js';
import { pgFixture, type TestRole } from '../support/pg-fixtures.js';
import { rejectionOf } from '../support/rejection.js';

const fixture = pgFixture();
const API_KEY = 'manual-run-key';

let server: FakeImmutaServer;
let client: RedshiftIntegrationClient;
let owner: TestRole;
let runner: RedshiftRunner;
/** The stand-in scripts' system user: cluster-wide, so each test (and file) has its own. */
let systemUser: string;

beforeAll(async () => {
  // The account that runs Immuta's scripts: it may create databases and roles, as the guide's manual setup needs.
  owner = await fixture.role('createdb-createrole');
  runner = createWireRunner(fixture.wire(owner));
});

beforeEach(async () => {
  systemUser = fixture.name('immuta_system');
  fixture.dropRoleLater(systemUser);
  const clock = createVirtualClock();
  server = await startFakeImmutaServer({
    apiKey: API_KEY,
    settle: { reads: 1 },
    otherIntegrations: false,
    standIn: { systemUser },
    now: clock.now,
  });
  client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: API_KEY, clock });
});

afterEach(async () => {
  await server.close();
  // Sessions to a test's databases end with it, so the file's cleanup can drop them.
  await runner.close();
});

afterAll(() => runner.close());

/** A manual-setup payload whose Immuta database is fresh for the test; the initial database exists. */
async function manualPayload(): Promise<RedshiftIntegrationPayload> {
  const database = fixture.name('immuta');
  fixture.dropDatabaseLater(database);
  return {
    type: 'Redshift',
    autoBootstrap: false,
    config: {
      host: 'example.abc123.us-west-2.redshift.amazonaws.com',
      port: 5439,
      database,
      initialDatabase: await fixture.database('initial'),
      authenticationType: 'userPassword',
      username: owner.name,
      password: owner.password,
      impersonation: { enabled: false },
    },
  };
}

/** Whether the Immuta database and the system user exist on the server. */
async function madeByScripts(database: string): Promise<{ database: boolean; user: boolean }> {
  const [row] = await fixture.sql<{ database: boolean; user: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS database,
            EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $2) AS user`,
    [database, systemUser],
  );
  return row!;
}

describe('manualSetup(payload).run({ redshift })', () => {
  it('runs initial-create in the initial database and create in the Immuta database, creates the integration, waits for enabled; verifySetup then passes; manualDelete(id).run removes it all', async () => {
    const payload = await manualPayload();
    const stages: ManualRunEvent[] = [];

    const integration = await client
      .manualSetup(payload)
      .run({ redshift: runner, onStage: (event) => stages.push(event) });

    expect(integration.status).toBe('enabled');
    expect(stages).toEqual([
      { stage: 'initial-create', database: payload.config.initialDatabase },
      { stage: 'create', database: payload.config.database },
      { stage: 'configure' },
      { stage: 'wait' },
    ]);
    expect(await madeByScripts(payload.config.database)).toEqual({ database: true, user: true });
    const checks = await verifySetup(payload, runner, { systemUser });
    expect(checks.validationTests.filter((test) => test.status === 'failed')).toEqual([]);
    expect(checks.status).toBe('passed');

    await fixture.closeAdmin(payload.config.database);
    const deleted = await client.manualDelete(integration.id).run({ redshift: runner });

    expect(deleted.status).toBe('deleted');
    expect(await madeByScripts(payload.config.database)).toEqual({ database: false, user: false });
  });

  it('stops at the script that failed, before anything is sent to Immuta, and says what to do next', async () => {
    const payload = await manualPayload();
    // The Immuta database is there already: the initial-create script's CREATE DATABASE fails.
    await fixture.sql(`CREATE DATABASE "${payload.config.database}"`);

    const error = await rejectionOf(client.manualSetup(payload).run({ redshift: runner }));

    expect(error).toBeInstanceOf(ManualRunError);
    const stopped = error as ManualRunError;
    expect(stopped.stoppedAt).toBe('initial-create');
    expect(stopped.integrationId).toBeUndefined();
    // Its first statement failed, on what an earlier run left: the cleanup script removes that.
    expect(stopped.next).toBe(
      `what the script creates is there already, left by an earlier run: run the cleanup script (cleanupScript(), in ${payload.config.initialDatabase}) to remove it, then run the setup again`,
    );
    expect(stopped.cause).toBeInstanceOf(StatementFailedError);
    expect((stopped.cause as StatementFailedError).code).toBe('42P04'); // duplicate_database
    expect(server.fake.requests.some((request) => request.method === 'POST' && request.path === '/integrations')).toBe(
      false,
    );
  });

  it('a failed creation follows the guide: cleanup script, DELETE with no body, then the same setup again succeeds', async () => {
    const payload = await manualPayload();
    server.fake.fail({ kind: 'creation', failedTests: ['Validate Manual Setup: System User Exists'] });

    const error = (await rejectionOf(client.manualSetup(payload).run({ redshift: runner }))) as ManualRunError;

    expect(error).toBeInstanceOf(ManualRunError);
    expect(error.stoppedAt).toBe('wait');
    expect(error.cause).toBeInstanceOf(IntegrationFailedError);
    const id = error.integrationId!;
    expect(error.next).toContain(`client.deleteAndWait('${id}')`);

    // What `next` says, step by step.
    const cleanup = await client.scripts.cleanup(payload);
    await runner.runScript({ sql: cleanup, database: payload.config.initialDatabase, step: 'cleanup' });
    await client.deleteAndWait(id);
    expect(await madeByScripts(payload.config.database)).toEqual({ database: false, user: false });

    const again = await client.manualSetup(payload).run({ redshift: runner });
    expect(again.status).toBe('enabled');
    await fixture.closeAdmin(payload.config.database);
    await client.manualDelete(again.id).run({ redshift: runner });
  });
});

describe('manualUpdate(id, payload).run({ redshift })', () => {
  it('runs the edit script in the Immuta database, then the update, then waits; turning impersonation on makes its group', async () => {
    const payload = await manualPayload();
    const created = await client.manualSetup(payload).run({ redshift: runner });
    const role = fixture.name('immuta_impersonation');
    fixture.dropRoleLater(role);
    const changed: RedshiftIntegrationPayload = {
      ...payload,
      config: { ...payload.config, impersonation: { enabled: true, role } },
    };
    const stages: ManualRunEvent[] = [];

    const updated = await client
      .manualUpdate(created.id, changed)
      .run({ redshift: runner, onStage: (event) => stages.push(event) });

    expect(updated.status).toBe('enabled');
    expect(stages.map((event) => `${event.stage}${event.database ? ` in ${event.database}` : ''}`)).toEqual([
      `edit in ${payload.config.database}`,
      'update',
      'wait',
    ]);
    const [group] = await fixture.sql<{ count: string }>('SELECT count(*) FROM pg_roles WHERE rolname = $1', [role]);
    expect(group!.count).toBe('1');
    expect((await verifySetup(changed, runner, { systemUser })).status).toBe('passed');

    await fixture.closeAdmin(payload.config.database);
    await client.manualDelete(created.id).run({ redshift: runner });
  });
});
