import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import type { WireConnectionOptions } from '../../src/redshift/wire-options.js';
import { quoteIdentifier, quoteLiteral } from '../../src/redshift/quote.js';

/** The kinds of role a test may need: what each may do mirrors what preflight checks. */
export type RoleKind = 'superuser' | 'createdb' | 'createdb-createrole' | 'plain';

const ATTRIBUTES: Record<RoleKind, string> = {
  superuser: 'SUPERUSER',
  createdb: 'CREATEDB',
  'createdb-createrole': 'CREATEDB CREATEROLE',
  plain: '',
};

/** A login role made for one test file, with its password. */
export interface TestRole {
  readonly name: string;
  readonly password: string;
}

/**
 * The shared test server (from the globalSetup) and per-file fixtures on it: unique database and role names
 * (so files run in parallel), an admin connection, and cleanup of everything made, after the file's tests.
 */
export function pgFixture() {
  const info = inject('postgres');
  if (!info) {
    throw new Error(
      "No test PostgreSQL server: these tests need the globalSetup test/support/postgres-global-setup.ts (see vitest.redshift.config.ts, or run 'npx vitest run --config vitest.redshift.config.ts')",
    );
  }
  const databases = new Set<string>();
  const roles = new Set<string>();
  const admins = new Map<string, Promise<pg.Client>>();

  const admin = (database = 'postgres'): Promise<pg.Client> => {
    let client = admins.get(database);
    if (!client) {
      const created = new pg.Client({ host: info.host, port: info.port, user: info.adminUser, database });
      client = created.connect().then(() => created);
      admins.set(database, client);
    }
    return client;
  };

  const sql = async <Row extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    params: unknown[] = [],
    database = 'postgres',
  ): Promise<Row[]> => (await (await admin(database)).query<Row>(text, params)).rows;

  afterAll(async () => {
    for (const [, client] of admins) await (await client).end().catch(() => undefined);
    admins.clear();
    const cleanup = new pg.Client({ host: info.host, port: info.port, user: info.adminUser, database: 'postgres' });
    await cleanup.connect();
    try {
      for (const database of databases)
        await cleanup.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
      for (const role of roles) {
        await cleanup.query(`DROP OWNED BY ${quoteIdentifier(role)}`).catch(() => undefined);
        await cleanup.query(`DROP ROLE IF EXISTS ${quoteIdentifier(role)}`).catch(() => undefined);
      }
    } finally {
      await cleanup.end();
    }
  });

  return {
    info,
    /** A fresh lower-case name: `prefix_` and 10 hex digits. */
    name: (prefix: string) => `${prefix}_${randomBytes(5).toString('hex')}`,
    /** An admin connection to `database` (default `postgres`), closed after the file. */
    admin,
    /** Closes the admin connection to `database`, so it can be dropped. */
    async closeAdmin(database: string): Promise<void> {
      const client = admins.get(database);
      admins.delete(database);
      if (client) await (await client).end();
    },
    /** Runs one query as the admin superuser and returns its rows. */
    sql,
    /** Drops `name` after the file's tests (a database a test makes, e.g. through a script). */
    dropDatabaseLater: (name: string) => void databases.add(name),
    /** Drops the role `name` after the file's tests. */
    dropRoleLater: (name: string) => void roles.add(name),
    /** Creates an empty database, dropped after the file's tests. */
    async database(prefix = 'db', owner?: string): Promise<string> {
      const name = `${prefix}_${randomBytes(5).toString('hex')}`;
      databases.add(name);
      await sql(`CREATE DATABASE ${quoteIdentifier(name)}${owner ? ` OWNER ${quoteIdentifier(owner)}` : ''}`);
      return name;
    },
    /** Creates a login role of that kind with a password, dropped after the file's tests. */
    async role(kind: RoleKind, prefix = kind.replace(/-/g, '_')): Promise<TestRole> {
      const name = `${prefix}_${randomBytes(5).toString('hex')}`;
      const password = `Pw${randomBytes(8).toString('hex')}x9`;
      roles.add(name);
      await sql(`CREATE ROLE ${quoteIdentifier(name)} LOGIN ${ATTRIBUTES[kind]} PASSWORD ${quoteLiteral(password)}`);
      return { name, password };
    },
    /** Wire runner options for `role` on the test server: TLS off (the local server has none). */
    wire(role: TestRole, extra: Partial<WireConnectionOptions> = {}): WireConnectionOptions {
      return {
        host: info.host,
        port: info.port,
        user: role.name,
        password: role.password,
        sslmode: 'disable',
        ...extra,
      };
    },
  };
}

/** Resolves once `check` returns true, asking again after each pause of a few milliseconds (bounded by attempts, not by time). */
export async function eventually(check: () => Promise<boolean>, attempts = 400): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`condition not met after ${attempts} attempts`);
}
