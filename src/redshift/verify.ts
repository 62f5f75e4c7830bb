import { QueryFailedError, RedshiftConnectionError } from '../errors/redshift.js';
import type { RedshiftConfig } from '../model/payload.js';
import { type CheckResult, type CheckResults, checkResults } from './checks.js';
import { DEFAULT_IMPERSONATION_ROLE } from './impersonation.js';
import { quoteIdentifier } from './quote.js';
import type { QueryRunner } from './runner.js';

/**
 * The schemas Immuta's docs say setup creates in the Immuta database.
 *
 * @group Verify
 */
export const IMMUTA_SCHEMAS = ['immuta_system', 'immuta_functions', 'immuta_procedures'] as const;

/**
 * Options of {@link verifySetup}.
 *
 * @group Verify
 */
export interface VerifyOptions {
  /**
   * The system user setup creates. Immuta's docs describe it but do not name it; the default `immuta_system`
   * is this SDK's assumption (and the stand-in scripts' choice). Pass the name your script creates.
   */
  readonly systemUser?: string;
  /** Stops the checks; the query under way is cancelled and `verifySetup` rejects with `RedshiftAbortedError`. */
  readonly signal?: AbortSignal;
}

/**
 * What {@link verifySetup} reads, before it judges.
 *
 * @group Verify
 */
export interface VerifyFacts {
  /** The Immuta database's name as the server stores it (undefined: it does not exist), or why it could not be read. */
  readonly database:
    | {
        /** It was read. */
        readonly ok: true;
        /** Its name as stored, or undefined when it does not exist. */
        readonly name: string | undefined;
      }
    | {
        /** It could not be read. */
        readonly ok: false;
        /** Why, scrubbed of secrets. */
        readonly message: string;
      };
  /** Whether the system user exists. */
  readonly userExists: boolean;
  /** Whether the impersonation group exists. */
  readonly groupExists: boolean;
  /** The schemas of {@link IMMUTA_SCHEMAS} that exist. */
  readonly schemas: readonly string[];
  /** Whether `immuta_procedures.impersonate_user` exists. */
  readonly procedureExists: boolean;
  /** The system user's privileges, when it and the database exist. */
  readonly privileges?: {
    /** TEMP on the Immuta database. */
    readonly temp: boolean;
    /** USAGE on each schema that exists. */
    readonly schemaUsage: Readonly<Record<string, boolean>>;
  };
}

/**
 * What the rules need besides the facts.
 *
 * @group Verify
 */
export interface VerifyContext {
  /** `config.database`. */
  readonly database: string;
  /** The system user's name. */
  readonly systemUser: string;
  /** The impersonation group, or undefined when impersonation is off. */
  readonly impersonationRole: string | undefined;
}

const NAMES = {
  database: 'Verify: Immuta Database Exists',
  user: 'Verify: System User Exists',
  schema: (schema: string) => `Verify: Schema ${schema}`,
  temp: 'Verify: TEMP ON DATABASE for the System User',
  group: 'Verify: Impersonation Group Exists',
  procedure: 'Verify: immuta_procedures.impersonate_user Exists',
} as const;

/**
 * Judges what {@link verifySetup} read. Pure: tested on facts alone.
 *
 * @group Verify
 */
export function verifyRules(facts: VerifyFacts, context: VerifyContext): CheckResult[] {
  const db = quoteIdentifier(context.database);
  const user = quoteIdentifier(context.systemUser);
  if (!facts.database.ok)
    return [{ name: NAMES.database, status: 'failed', message: `Could not check: ${facts.database.message}` }];
  if (facts.database.name === undefined) {
    return [
      {
        name: NAMES.database,
        status: 'failed',
        message: `${db} does not exist: the initial-create script did not run, or did not get that far.`,
      },
    ];
  }
  const tests: CheckResult[] = [{ name: NAMES.database, status: 'passed', message: `${db} exists.` }];
  tests.push(
    facts.userExists
      ? { name: NAMES.user, status: 'passed', message: `${user} exists.` }
      : {
          name: NAMES.user,
          status: 'failed',
          message: `${user} does not exist. Immuta's docs do not name the system user: if your script creates another, pass its name as systemUser (CLI: --system-user).`,
        },
  );
  for (const schema of IMMUTA_SCHEMAS) {
    const usage = facts.privileges?.schemaUsage[schema];
    if (!facts.schemas.includes(schema)) {
      tests.push({
        name: NAMES.schema(schema),
        status: 'failed',
        message: `${schema} does not exist in ${db}: the create script did not run there, or failed.`,
      });
    } else if (usage === false) {
      tests.push({
        name: NAMES.schema(schema),
        status: 'failed',
        message: `${schema} exists, but ${user} has no USAGE on it.`,
        fix: `GRANT USAGE ON SCHEMA ${schema} TO ${user};`,
      });
    } else {
      tests.push({
        name: NAMES.schema(schema),
        status: 'passed',
        message: `${schema} exists${usage ? ` and ${user} may use it` : ''}.`,
      });
    }
  }
  if (facts.privileges) {
    tests.push(
      facts.privileges.temp
        ? { name: NAMES.temp, status: 'passed', message: `${user} may create temporary tables in ${db}.` }
        : {
            name: NAMES.temp,
            status: 'failed',
            message: `${user} may not create temporary tables in ${db}.`,
            fix: `GRANT TEMP ON DATABASE ${db} TO ${user};`,
          },
    );
  } else {
    tests.push({ name: NAMES.temp, status: 'skipped', message: `Not checked: ${user} does not exist.` });
  }
  const role = context.impersonationRole;
  if (role === undefined) {
    tests.push(
      { name: NAMES.group, status: 'skipped', message: 'Impersonation is off.' },
      { name: NAMES.procedure, status: 'skipped', message: 'Impersonation is off.' },
    );
  } else {
    tests.push(
      facts.groupExists
        ? { name: NAMES.group, status: 'passed', message: `The group ${quoteIdentifier(role)} exists.` }
        : {
            name: NAMES.group,
            status: 'failed',
            message: `The group ${quoteIdentifier(role)} does not exist: impersonation is on, but setup did not create it.`,
          },
      facts.procedureExists
        ? { name: NAMES.procedure, status: 'passed', message: `The procedure exists in ${db}.` }
        : {
            name: NAMES.procedure,
            status: 'failed',
            message: `The procedure does not exist in ${db}: the create script did not make it.`,
          },
    );
  }
  return tests;
}

const VERIFY_SQL = {
  cluster: `SELECT (SELECT min(datname::text) FROM pg_database WHERE lower(datname) = lower($1)) AS database_name,
  (SELECT count(*) FROM pg_user WHERE usename = $2 OR usename = lower($2))::int AS user_exists,
  (SELECT count(*) FROM pg_group WHERE groname = lower($3))::int AS group_exists`,
  inDatabase: `SELECT n.nspname AS name, (SELECT count(*) FROM pg_proc p WHERE p.pronamespace = n.oid AND p.proname = 'impersonate_user')::int AS procedures
FROM pg_namespace n WHERE n.nspname IN ('immuta_system', 'immuta_functions', 'immuta_procedures')`,
} as const;

/** The privilege query for the schemas that exist (names from {@link IMMUTA_SCHEMAS} only, never user input). */
function privilegeSql(schemas: readonly string[]): string {
  const usage = schemas
    .map((schema, index) => `, has_schema_privilege($1, '${schema}', 'USAGE') AS usage_${index}`)
    .join('');
  return `SELECT has_database_privilege($1, current_database(), 'TEMP') AS temp${usage}`;
}

/**
 * Checks, after setup, that what Immuta's docs say setup makes is there: the Immuta database; the system user
 * (`systemUser`, default `immuta_system` — an assumption); the schemas `immuta_system`, `immuta_functions` and
 * `immuta_procedures` in it, each usable by the system user (`has_schema_privilege`); TEMP on the database for
 * the system user (`has_database_privilege`); and, with impersonation on, the group and the procedure
 * `immuta_procedures.impersonate_user`. At most 3 queries. Same result shape as `preflight`.
 *
 * It does not ask Immuta anything: check the integration's own status with the SDK client
 * (`client.getStatus(id)`) alongside.
 *
 * @throws {@link RedshiftAbortedError} when `signal` fires.
 *
 * @example
 * ```ts
 * const results = await verifySetup(payload, runner, { systemUser: 'immuta_system' });
 * if (results.status === 'failed') console.error(results.validationTests.filter((test) => test.status === 'failed'));
 * ```
 *
 * @group Verify
 */
export async function verifySetup(
  payload: { readonly config: Pick<RedshiftConfig, 'database' | 'initialDatabase' | 'impersonation'> },
  runner: QueryRunner,
  options: VerifyOptions = {},
): Promise<CheckResults> {
  const { database, initialDatabase, impersonation } = payload.config;
  const context: VerifyContext = {
    database,
    systemUser: options.systemUser ?? 'immuta_system',
    impersonationRole: impersonation?.enabled ? (impersonation.role ?? DEFAULT_IMPERSONATION_ROLE) : undefined,
  };
  const query = (db: string, sql: string, params: readonly string[]) =>
    runner.query(db, sql, params, { signal: options.signal }).then((result) => result.rows);
  let facts: VerifyFacts;
  try {
    const [cluster] = await query(initialDatabase, VERIFY_SQL.cluster, [
      database,
      context.systemUser,
      context.impersonationRole ?? '',
    ]);
    const name = typeof cluster?.database_name === 'string' ? cluster.database_name : undefined;
    const userExists = Number(cluster?.user_exists) > 0;
    const base = { userExists, groupExists: Number(cluster?.group_exists) > 0 };
    if (name === undefined) {
      facts = { database: { ok: true, name }, ...base, schemas: [], procedureExists: false };
    } else {
      const rows = await query(name, VERIFY_SQL.inDatabase, []);
      const schemas = IMMUTA_SCHEMAS.filter((schema) => rows.some((row) => row.name === schema));
      const procedureExists = rows.some((row) => row.name === 'immuta_procedures' && Number(row.procedures) > 0);
      let privileges: VerifyFacts['privileges'];
      if (userExists) {
        const [row] = await query(name, privilegeSql(schemas), [context.systemUser]);
        privileges = {
          temp: row?.temp === true,
          schemaUsage: Object.fromEntries(schemas.map((schema, index) => [schema, row?.[`usage_${index}`] === true])),
        };
      }
      facts = {
        database: { ok: true, name },
        ...base,
        schemas,
        procedureExists,
        ...(privileges ? { privileges } : {}),
      };
    }
  } catch (error) {
    if (!(error instanceof QueryFailedError || error instanceof RedshiftConnectionError)) throw error;
    facts = {
      database: { ok: false, message: error.message },
      userExists: false,
      groupExists: false,
      schemas: [],
      procedureExists: false,
    };
  }
  return checkResults(verifyRules(facts, context));
}
