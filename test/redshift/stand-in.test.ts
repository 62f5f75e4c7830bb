import { describe, expect, it } from 'vitest';
import { splitSqlScript } from '../../src/redshift/split.js';
import { databaseFor, SCRIPT_STEPS } from '../../src/model/script-steps.js';
import { createWireRunner } from '../../src/redshift/wire.js';
import { standInScript } from '../../src/testing/stand-in-scripts.js';
import { pgFixture } from '../support/pg-fixtures.js';

const fixture = pgFixture();

describe('standInScript', () => {
  const payload = { config: { host: 'h.example.com', database: 'immuta', initialDatabase: 'dev' } };

  it('says it is a stand-in, and is pure: the same payload gives the same text', () => {
    for (const step of SCRIPT_STEPS) {
      const sql = standInScript(step, payload);
      expect(sql.split('\n')[0]).toMatch(/^-- STAND-IN for Immuta's .* script.*NOT Immuta's SQL/);
      expect(standInScript(step, payload)).toBe(sql);
    }
  });

  it('names in its first comment the database it runs in, as databaseFor does', () => {
    for (const step of SCRIPT_STEPS) {
      expect(standInScript(step, payload)).toContain(`Run it in database "${databaseFor(step, payload)}".`);
    }
  });

  it('writes a password both PostgreSQL and Redshift accept: 8–64 characters, upper, lower, a digit, none of \' " \\ / @ or space', () => {
    const sql = standInScript('initial-create', payload);
    const password = /PASSWORD '([^']*)'/.exec(sql)?.[1] ?? '';
    expect(password).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)[^'"\\/@\s]{8,64}$/);
  });

  it('drops what it made with IF EXISTS, so delete and cleanup can run twice', () => {
    for (const step of ['delete', 'cleanup'] as const) {
      const drops = splitSqlScript(
        standInScript(step, { config: { ...payload.config, impersonation: { enabled: true } } }),
      );
      expect(drops.map((statement) => statement.text.replace(/ "[^"]*"$/, ''))).toEqual([
        'DROP DATABASE IF EXISTS',
        'DROP USER IF EXISTS',
        'DROP GROUP IF EXISTS',
      ]);
    }
  });

  it('quotes hostile names so they stay names: the scripts run end to end and touch nothing else', async () => {
    const initialDatabase = await fixture.database('initial');
    const database = `evil"; DROP DATABASE "${initialDatabase}"; --${fixture.name('x')}`;
    const systemUser = `sys'"; DROP ROLE x; --${fixture.name('u')}`;
    const role = `imp\n-- ${fixture.name('g')}`;
    fixture.dropDatabaseLater(database);
    fixture.dropRoleLater(systemUser);
    fixture.dropRoleLater(role);
    const hostile = {
      config: { host: 'h.example.com', database, initialDatabase, impersonation: { enabled: true as const, role } },
    };
    const runner = createWireRunner(fixture.wire(await fixture.role('superuser')));
    try {
      for (const step of ['initial-create', 'create'] as const) {
        await runner.runScript({
          sql: standInScript(step, hostile, { systemUser }),
          database: databaseFor(step, hostile),
          step,
        });
      }
      const [made] = await fixture.sql<{ database: boolean; initial: boolean; user: boolean; group: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS database,
                EXISTS (SELECT 1 FROM pg_database WHERE datname = $2) AS initial,
                EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $3) AS user,
                EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $4) AS group`,
        [database, initialDatabase, systemUser, role],
      );
      expect(made).toEqual({ database: true, initial: true, user: true, group: true });
      await runner.runScript({
        sql: standInScript('delete', hostile, { systemUser }),
        database: initialDatabase,
        step: 'delete',
      });
      const [gone] = await fixture.sql<{ count: number }>(
        `SELECT ((SELECT count(*) FROM pg_database WHERE datname = $1) + (SELECT count(*) FROM pg_roles WHERE rolname IN ($2, $3)))::int AS count`,
        [database, systemUser, role],
      );
      expect(gone!.count).toBe(0);
    } finally {
      await runner.close();
    }
  });
});
