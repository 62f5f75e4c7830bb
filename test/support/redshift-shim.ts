import type pg from 'pg';
import { quoteIdentifier } from '../../src/redshift/quote.js';

/**
 * ───────────────────────────── TEST SHIM — NOT REDSHIFT ─────────────────────────────
 * PostgreSQL lacks Redshift's catalog views (`svv_user_grants`, `svv_role_grants`, `svv_system_privileges`,
 * `svv_external_schemas`) and its settings (`enable_case_sensitive_identifier`). This shim creates, in one
 * test database, a schema `redshift_shim` with tables of those names and columns (as AWS documents them), a
 * `current_setting(text)` that answers for Redshift's settings, and a `version()` that can claim to be
 * Redshift; the database's `search_path` puts the schema before `pg_catalog`, so unqualified names — as
 * preflight and verify write them — resolve to the shim in new sessions. Rows are seeded per test. The
 * visibility rules of the real views (a non-superuser sees only their own rows) are not imitated.
 */
export interface RedshiftShimSeed {
  /** Make `version()` read like Redshift's (true: a real Redshift version text). Default false. */
  readonly redshift?: boolean;
  /** `svv_user_grants`: roles granted to users. */
  readonly userGrants?: readonly { readonly user: string; readonly role: string }[];
  /** `svv_role_grants`: `role` was granted `granted`. */
  readonly roleGrants?: readonly { readonly role: string; readonly granted: string }[];
  /** `svv_system_privileges`. */
  readonly systemPrivileges?: readonly {
    readonly privilege: string;
    readonly identity: string;
    readonly type: 'user' | 'role';
  }[];
  /** `svv_external_schemas`. */
  readonly externalSchemas?: readonly { readonly schema: string; readonly externalDatabase: string }[];
  /** Redshift settings `current_setting` answers for. Default `enable_case_sensitive_identifier = off`. */
  readonly settings?: Readonly<Record<string, string>>;
}

/** The `version()` text of a Redshift cluster. */
export const REDSHIFT_VERSION =
  'PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.77467';

const SHIM_SQL = `
CREATE SCHEMA redshift_shim;
COMMENT ON SCHEMA redshift_shim IS 'TEST SHIM: stands in for Redshift-only catalog objects; not Redshift';
CREATE TABLE redshift_shim.svv_user_grants (user_id int, user_name text, role_id int, role_name text, admin_option boolean DEFAULT false);
CREATE TABLE redshift_shim.svv_role_grants (role_id int, role_name text, granted_role_id int, granted_role_name text);
CREATE TABLE redshift_shim.svv_system_privileges (system_privilege text, identity_id int, identity_name text, identity_type text);
CREATE TABLE redshift_shim.svv_external_schemas (esoid int, eskind int, schemaname text, esowner int, databasename text, esoptions text);
CREATE TABLE redshift_shim.settings (name text PRIMARY KEY, value text);
CREATE FUNCTION redshift_shim.version() RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT coalesce((SELECT value FROM redshift_shim.settings WHERE name = 'version()'), pg_catalog.version()) $$;
CREATE FUNCTION redshift_shim.current_setting(text) RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT coalesce((SELECT value FROM redshift_shim.settings WHERE name = $1), pg_catalog.current_setting($1)) $$;
GRANT USAGE ON SCHEMA redshift_shim TO PUBLIC;
GRANT SELECT ON ALL TABLES IN SCHEMA redshift_shim TO PUBLIC;
`;

/**
 * Installs the shim in `database` through `admin` (a superuser connected to that database) and seeds it.
 * Sessions opened afterwards see it; the database's own sessions opened before do not.
 */
export async function installRedshiftShim(
  admin: pg.Client,
  database: string,
  seed: RedshiftShimSeed = {},
): Promise<void> {
  await admin.query(SHIM_SQL);
  await admin.query(
    `ALTER DATABASE ${quoteIdentifier(database)} SET search_path = redshift_shim, pg_catalog, "$user", public`,
  );
  const settings: Record<string, string> = { enable_case_sensitive_identifier: 'off', ...seed.settings };
  if (seed.redshift) settings['version()'] = REDSHIFT_VERSION;
  for (const [name, value] of Object.entries(settings)) {
    await admin.query('INSERT INTO redshift_shim.settings (name, value) VALUES ($1, $2)', [name, value]);
  }
  for (const { user, role } of seed.userGrants ?? []) {
    await admin.query('INSERT INTO redshift_shim.svv_user_grants (user_name, role_name) VALUES ($1, $2)', [user, role]);
  }
  for (const { role, granted } of seed.roleGrants ?? []) {
    await admin.query('INSERT INTO redshift_shim.svv_role_grants (role_name, granted_role_name) VALUES ($1, $2)', [
      role,
      granted,
    ]);
  }
  for (const { privilege, identity, type } of seed.systemPrivileges ?? []) {
    await admin.query(
      'INSERT INTO redshift_shim.svv_system_privileges (system_privilege, identity_name, identity_type) VALUES ($1, $2, $3)',
      [privilege, identity, type],
    );
  }
  for (const { schema, externalDatabase } of seed.externalSchemas ?? []) {
    await admin.query('INSERT INTO redshift_shim.svv_external_schemas (schemaname, databasename) VALUES ($1, $2)', [
      schema,
      externalDatabase,
    ]);
  }
}
