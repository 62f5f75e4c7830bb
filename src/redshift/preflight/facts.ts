import { QueryFailedError, RedshiftConnectionError } from '../../errors/redshift.js';
import type { QueryRunner } from '../runner.js';

/**
 * A fact that was read, or why it could not be.
 *
 * @group Preflight
 */
export type Fact<T> =
  | {
      /** It was read. */
      readonly ok: true;
      /** What was read. */
      readonly value: T;
    }
  | {
      /** It could not be read. */
      readonly ok: false;
      /** The SQLSTATE or error code, when known. */
      readonly code?: string | undefined;
      /** Why, scrubbed of secrets. */
      readonly message: string;
    };

/**
 * The account that connected, and what it may do by its attributes.
 *
 * @group Preflight
 */
export interface AccountFacts {
  /** `current_user`. */
  readonly user: string;
  /** `current_database()`. */
  readonly database: string;
  /** `version()`: on Redshift it contains `Redshift`. */
  readonly version: string;
  /** `pg_user.usesuper`. */
  readonly superuser: boolean;
  /** `pg_user.usecreatedb`: the CREATEDB attribute. */
  readonly createdb: boolean;
  /** Whether `config.database` exists (names compared in lower case, as Redshift folds them). */
  readonly targetExists: boolean;
  /** Whether the account owns `config.database` (`pg_database.datdba`). */
  readonly targetOwned: boolean;
  /** Whether the impersonation group exists (`pg_group`), when impersonation is on. */
  readonly groupExists: boolean;
}

/**
 * Redshift's role-based access control, as the account can see it.
 *
 * @group Preflight
 */
export interface RoleFacts {
  /** The roles granted to the account (`svv_user_grants`). */
  readonly userRoles: readonly string[];
  /** Role-to-role grants (`svv_role_grants`): `role` was granted `granted`. */
  readonly roleGrants: readonly RoleGrant[];
  /** Who holds the system permission `CREATE USER` (`svv_system_privileges`). */
  readonly createUserHolders: readonly PrivilegeHolder[];
}

/**
 * One role-to-role grant (`svv_role_grants`).
 *
 * @group Preflight
 */
export interface RoleGrant {
  /** The role that was granted another (`role_name`). */
  readonly role: string;
  /** The role it was granted (`granted_role_name`). */
  readonly granted: string;
}

/**
 * One holder of a system permission (`svv_system_privileges`).
 *
 * @group Preflight
 */
export interface PrivilegeHolder {
  /** The user's or role's name (`identity_name`). */
  readonly name: string;
  /** `user` or `role` (`identity_type`). */
  readonly type: string;
}

/**
 * What is known of the cluster's node type.
 *
 * @group Preflight
 */
export type ClusterFacts =
  | {
      /** Redshift Serverless, known by its host name. */
      readonly kind: 'serverless';
    }
  | {
      /** A provisioned cluster, as DescribeClusters describes it. */
      readonly kind: 'provisioned';
      /** Its identifier. */
      readonly clusterIdentifier: string;
      /** Its node type, e.g. `ra3.xlplus` or `dc2.large`. */
      readonly nodeType: string;
    }
  | {
      /** Not looked up. */
      readonly kind: 'unknown';
      /** Why not, e.g. no AWS settings were given. */
      readonly reason: string;
    }
  | {
      /** The lookup failed. */
      readonly kind: 'error';
      /** Why, scrubbed of secrets. */
      readonly message: string;
    };

/**
 * An external schema of the existing database (`svv_external_schemas`).
 *
 * @group Preflight
 */
export interface ExternalSchema {
  /** The external schema's name in the database (`schemaname`). */
  readonly schema: string;
  /** The external (catalog) database it maps. */
  readonly externalDatabase: string;
}

/**
 * Everything preflight knows before it judges: the rules read only this.
 *
 * @group Preflight
 */
export interface PreflightFacts {
  /** The first query, in `initialDatabase`: it also proves the connection works. */
  readonly account: Fact<AccountFacts>;
  /** Redshift only: the account's roles, nested grants and `CREATE USER` holders. */
  readonly roles?: Fact<RoleFacts>;
  /** Redshift only: `enable_case_sensitive_identifier`. */
  readonly caseSensitiveIdentifier?: Fact<string>;
  /** Existing-database option on Redshift only: the external schemas in `config.database`. */
  readonly externalSchemas?: Fact<readonly ExternalSchema[]>;
  /** The node type, from the management API, the host name, or unknown. */
  readonly cluster: ClusterFacts;
}

/** @internal Whether a `version()` text is Redshift's. */
export function isRedshift(version: string): boolean {
  return /\bRedshift\b/i.test(version);
}

/**
 * The SQL preflight runs, at most one round trip each: {@link PREFLIGHT_MAX_QUERIES} in all. Portable on
 * purpose: the same text runs on Redshift and on PostgreSQL with the test shim. The places that need care:
 * - Redshift's `svv_*` views are named without a schema, so a schema earlier on the `search_path` (the shim's)
 *   can stand in for them on PostgreSQL;
 * - the setting is read with `current_setting(…)`, which Redshift documents as equivalent to `SHOW` and which
 *   a function can stand in for (`SHOW` cannot be imitated on PostgreSQL);
 * - names are compared in lower case, as Redshift folds unquoted identifiers;
 * - role nesting is followed in code, not with a recursive query.
 *
 * @group Preflight
 */
export const PREFLIGHT_SQL: Readonly<
  Record<
    'account' | 'userRoles' | 'roleGrants' | 'createUserHolders' | 'caseSensitiveIdentifier' | 'externalSchemas',
    string
  >
> = {
  account: `SELECT version() AS version, current_user AS user_name, current_database() AS database_name,
  u.usesuper AS superuser, u.usecreatedb AS createdb,
  (SELECT count(*) FROM pg_database d WHERE lower(d.datname) = lower($1))::int AS target_exists,
  (SELECT count(*) FROM pg_database d WHERE lower(d.datname) = lower($1) AND d.datdba = u.usesysid)::int AS target_owned,
  (SELECT count(*) FROM pg_group g WHERE g.groname = lower($2))::int AS group_exists
FROM pg_user u WHERE u.usename = current_user`,
  userRoles: 'SELECT role_name FROM svv_user_grants WHERE user_name = current_user',
  roleGrants: 'SELECT role_name, granted_role_name FROM svv_role_grants',
  createUserHolders: `SELECT identity_name, identity_type FROM svv_system_privileges WHERE system_privilege = 'CREATE USER'`,
  caseSensitiveIdentifier: `SELECT current_setting('enable_case_sensitive_identifier') AS value`,
  externalSchemas: 'SELECT schemaname, databasename FROM svv_external_schemas ORDER BY schemaname',
};

/**
 * The most SQL queries preflight sends: one per entry of {@link PREFLIGHT_SQL}. DescribeClusters is one more call, to the AWS API.
 *
 * @group Preflight
 */
export const PREFLIGHT_MAX_QUERIES = Object.keys(PREFLIGHT_SQL).length;

/** @internal What the collector needs to know of the payload and the options. */
export interface FactsRequest {
  readonly database: string;
  readonly initialDatabase: string;
  /** The impersonation group to look for, or undefined when impersonation is off. */
  readonly impersonationRole: string | undefined;
  /** Whether the existing-database (Spectrum) option is asked for. */
  readonly existingDatabase: boolean;
  readonly signal?: AbortSignal | undefined;
}

/** A read that failed as a fact; anything else (an abort, a missing package) is thrown on. */
async function fact<T>(read: () => Promise<T>): Promise<Fact<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (error instanceof QueryFailedError) return { ok: false, code: error.code, message: error.serverMessage };
    if (error instanceof RedshiftConnectionError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/**
 * @internal Reads the facts with at most {@link PREFLIGHT_MAX_QUERIES} queries: one on PostgreSQL, five on
 * Redshift, six with the existing-database option. The Redshift-only reads run only when the first query shows
 * a Redshift server.
 */
export async function collectSqlFacts(
  runner: QueryRunner,
  request: FactsRequest,
): Promise<Omit<PreflightFacts, 'cluster'>> {
  const options = { signal: request.signal };
  const query = (database: string, sql: string, params: readonly string[] = []) =>
    runner.query(database, sql, params, options).then((result) => result.rows);
  const account = await fact(async (): Promise<AccountFacts> => {
    const [row] = await query(request.initialDatabase, PREFLIGHT_SQL.account, [
      request.database,
      request.impersonationRole ?? '',
    ]);
    if (!row)
      throw new QueryFailedError({
        database: request.initialDatabase,
        serverMessage: 'the current user is not in pg_user',
      });
    return {
      user: text(row.user_name),
      database: text(row.database_name),
      version: text(row.version),
      superuser: row.superuser === true,
      createdb: row.createdb === true,
      targetExists: Number(row.target_exists) > 0,
      targetOwned: Number(row.target_owned) > 0,
      groupExists: request.impersonationRole !== undefined && Number(row.group_exists) > 0,
    };
  });
  if (!account.ok || !isRedshift(account.value.version)) return { account };
  const initial = request.initialDatabase;
  const [roles, caseSensitiveIdentifier, externalSchemas] = await Promise.all([
    fact(async (): Promise<RoleFacts> => {
      const [userRoles, roleGrants, holders] = await Promise.all([
        query(initial, PREFLIGHT_SQL.userRoles),
        query(initial, PREFLIGHT_SQL.roleGrants),
        query(initial, PREFLIGHT_SQL.createUserHolders),
      ]);
      return {
        userRoles: userRoles.map((row) => text(row.role_name)),
        roleGrants: roleGrants.map((row) => ({ role: text(row.role_name), granted: text(row.granted_role_name) })),
        createUserHolders: holders.map((row) => ({ name: text(row.identity_name), type: text(row.identity_type) })),
      };
    }),
    fact(async () => text((await query(initial, PREFLIGHT_SQL.caseSensitiveIdentifier))[0]?.value)),
    request.existingDatabase && account.value.targetExists
      ? fact(async () =>
          (await query(request.database, PREFLIGHT_SQL.externalSchemas)).map((row) => ({
            schema: text(row.schemaname),
            externalDatabase: text(row.databasename),
          })),
        )
      : undefined,
  ]);
  return { account, roles, caseSensitiveIdentifier, ...(externalSchemas ? { externalSchemas } : {}) };
}
