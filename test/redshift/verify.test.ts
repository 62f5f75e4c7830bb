import { describe, expect, it } from 'vitest';
import type { CheckResults } from '../../src/redshift/checks.js';
import { databaseFor } from '../../src/model/script-steps.js';
import { verifySetup } from '../../src/redshift/verify.js';
import { createWireRunner } from '../../src/redshift/wire.js';
import { standInScript } from '../../src/testing/stand-in-scripts.js';
import { pgFixture } from '../support/pg-fixtures.js';

const fixture = pgFixture();
const statuses = (results: CheckResults) =>
  Object.fromEntries(results.validationTests.map((test) => [test.name, test.status]));

/** A fresh payload (names registered for cleanup) and a runner as a superuser. */
async function setting() {
  const initialDatabase = await fixture.database('initial');
  const database = fixture.name('immuta');
  const systemUser = fixture.name('immuta_system');
  const role = fixture.name('imp');
  fixture.dropDatabaseLater(database);
  fixture.dropRoleLater(systemUser);
  fixture.dropRoleLater(role);
  const payload = {
    config: { host: 'h.example.com', database, initialDatabase, impersonation: { enabled: true as const, role } },
  };
  const runner = createWireRunner(fixture.wire(await fixture.role('superuser')));
  const run = (step: 'initial-create' | 'create') =>
    runner.runScript({ sql: standInScript(step, payload, { systemUser }), database: databaseFor(step, payload), step });
  return { payload, systemUser, runner, run };
}

describe('verifySetup after the stand-in scripts ran', () => {
  it('passes every check once both scripts ran', async () => {
    const { payload, systemUser, runner, run } = await setting();
    try {
      await run('initial-create');
      await run('create');
      const results = await verifySetup(payload, runner, { systemUser });
      expect(results.validationTests.filter((test) => test.status !== 'passed')).toEqual([]);
      expect(results.status).toBe('passed');
      expect(results.validationTests).toHaveLength(8);
    } finally {
      await runner.close();
    }
  });

  it('after initial-create only: the database, user, group and TEMP pass; the schemas and the procedure fail', async () => {
    const { payload, systemUser, runner, run } = await setting();
    try {
      await run('initial-create');
      expect(statuses(await verifySetup(payload, runner, { systemUser }))).toEqual({
        'Verify: Immuta Database Exists': 'passed',
        'Verify: System User Exists': 'passed',
        'Verify: Schema immuta_system': 'failed',
        'Verify: Schema immuta_functions': 'failed',
        'Verify: Schema immuta_procedures': 'failed',
        'Verify: TEMP ON DATABASE for the System User': 'passed',
        'Verify: Impersonation Group Exists': 'passed',
        'Verify: immuta_procedures.impersonate_user Exists': 'failed',
      });
    } finally {
      await runner.close();
    }
  });

  it('a missing grant fails with the GRANT that restores it; an unknown system user is named as an assumption', async () => {
    const { payload, systemUser, runner, run } = await setting();
    try {
      await run('initial-create');
      await run('create');
      await runner.runScript({
        sql: `REVOKE USAGE ON SCHEMA immuta_functions FROM "${systemUser}"`,
        database: payload.config.database,
        step: 'edit',
      });
      const results = await verifySetup(payload, runner, { systemUser });
      expect(results.validationTests.find((test) => test.name === 'Verify: Schema immuta_functions')).toMatchObject({
        status: 'failed',
        fix: `GRANT USAGE ON SCHEMA immuta_functions TO "${systemUser}";`,
      });
      const unknown = await verifySetup(payload, runner, { systemUser: 'someone_else' });
      expect(unknown.validationTests[1]).toMatchObject({
        status: 'failed',
        message: expect.stringContaining('pass its name as systemUser'),
      });
    } finally {
      await runner.close();
    }
  });

  it('before anything ran: the database does not exist, and nothing else is claimed', async () => {
    const { payload, systemUser, runner } = await setting();
    try {
      const results = await verifySetup(payload, runner, { systemUser });
      expect(results).toEqual({
        status: 'failed',
        validationTests: [expect.objectContaining({ name: 'Verify: Immuta Database Exists', status: 'failed' })],
      });
    } finally {
      await runner.close();
    }
  });
});
