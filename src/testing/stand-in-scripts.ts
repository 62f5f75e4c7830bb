import { createHash } from 'node:crypto';
import type { RedshiftConfig } from '../model/payload.js';
import { DEFAULT_IMPERSONATION_ROLE } from '../redshift/impersonation.js';
import { quoteIdentifier, quoteLiteral } from '../redshift/quote.js';
import type { ScriptStep } from '../model/script-steps.js';

/**
 * The payload fields a stand-in script is made from.
 *
 * @group Stand-in scripts
 */
export interface StandInPayload {
  /** The payload's `config`: the names of the databases, the host, impersonation. */
  readonly config: Pick<RedshiftConfig, 'host' | 'database' | 'initialDatabase' | 'impersonation'>;
}

/**
 * Options of {@link standInScript}.
 *
 * @group Stand-in scripts
 */
export interface StandInOptions {
  /**
   * The system user the scripts create. Default `immuta_system` — Immuta's docs do not name it, so this is an
   * assumption of the SDK (and `verifySetup`'s default).
   */
  readonly systemUser?: string;
  /**
   * Its password. Default: one derived from the payload (so the function stays pure), which both PostgreSQL
   * and Redshift accept (8–64 characters, upper and lower case letters and a digit). It is not a secret — the
   * stand-in is for tests — but it is written as `PASSWORD '…'`, so it exercises the masking of SQL secrets.
   */
  readonly systemPassword?: string;
  /**
   * For `edit`: the configuration the integration has now (the fake passes its own record). Impersonation
   * switched on, or onto another role, then creates the new group and drops the old one, as the change needs.
   * Without it, `edit` assumes impersonation is as it was at `initial-create`.
   */
  readonly previous?: StandInPayload;
}

const SCHEMAS = ['immuta_system', 'immuta_functions', 'immuta_procedures'] as const;

/** A name as it may appear inside a `--` comment: no line break can end the comment early. */
function inComment(name: string): string {
  // eslint-disable-next-line no-control-regex
  return quoteIdentifier(name).replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, '?');
}

function derivedPassword(payload: StandInPayload, user: string): string {
  const { host, database } = payload.config;
  const digest = createHash('sha256').update(`stand-in\u0000${host}\u0000${database}\u0000${user}`).digest('hex');
  return `Si${digest.slice(0, 24)}Z9`;
}

function header(step: ScriptStep, database: string, payload: StandInPayload): string[] {
  return [
    `-- STAND-IN for Immuta's ${step} script, written by immuta-redshift's fake Immuta. This is NOT Immuta's SQL,`,
    `-- which is not published: it has the shape Immuta's docs describe, for tests. Never run it on a real cluster.`,
    `-- Host ${inComment(payload.config.host)}. Run it in database ${inComment(database)}.`,
  ];
}

/** The procedure's body holds several `;`, one inside a string: what a script splitter must not cut. */
function procedure(): string {
  return [
    'CREATE OR REPLACE PROCEDURE immuta_procedures.impersonate_user(target_user varchar)',
    'AS $$',
    'DECLARE',
    '  target varchar;',
    'BEGIN',
    "  -- A stand-in body: it checks its argument and says what it would do; Immuta's impersonates.",
    "  IF target_user IS NULL OR target_user = '' THEN",
    "    RAISE EXCEPTION 'impersonate_user: a user name is required; none was given';",
    '  END IF;',
    '  target := lower(target_user);',
    "  RAISE INFO 'impersonate_user: would act as %; nothing changed', target;",
    'END;',
    '$$ LANGUAGE plpgsql;',
  ].join('\n');
}

function grantsInDatabase(user: string, group: string | undefined): string[] {
  const grants = SCHEMAS.map((schema) => `GRANT USAGE, CREATE ON SCHEMA ${schema} TO ${user};`);
  grants.push(procedure(), `GRANT EXECUTE ON PROCEDURE immuta_procedures.impersonate_user(varchar) TO ${user};`);
  if (group) grants.push(`GRANT USAGE ON SCHEMA immuta_procedures TO GROUP ${group};`);
  return grants;
}

/**
 * A **stand-in** for one of Immuta's Redshift scripts, for the SDK's fake Immuta and for tests: Immuta does not
 * publish its SQL, so this writes SQL with the shape Immuta's docs describe, which really runs on PostgreSQL
 * (the test stand-in for Redshift) and is written to run on Redshift too. Never use it to set up a real
 * integration. A pure function: the same payload and options give the same text.
 *
 * - `initial-create` (run in `initialDatabase`): `CREATE DATABASE`, `CREATE USER <system user> PASSWORD '…'`,
 *   `REVOKE ALL … FROM PUBLIC`, `GRANT CREATE, TEMP` to the system user, `GRANT TEMP` to PUBLIC, and
 *   `CREATE GROUP <impersonation role>` when impersonation is on.
 * - `create` (run in `database`): the schemas `immuta_system`, `immuta_functions`, `immuta_procedures`, their
 *   grants, and the procedure `immuta_procedures.impersonate_user` (plpgsql, a `$$` body with several `;`).
 *   Immuta's docs tie the procedure to impersonation; the stand-in always creates it, so every create script
 *   exercises a dollar-quoted body.
 * - `edit` (run in `database`): the grants again and the procedure replaced; with `previous`, the impersonation
 *   group made or dropped as the change asks (without it, impersonation is assumed unchanged since `initial-create`).
 * - `delete`, `cleanup` (run in `initialDatabase`): drop the database, the user and the group, each
 *   `IF EXISTS`, so running them twice is harmless.
 *
 * Every name from the payload is quoted as an identifier (`"…"`, inner quotes doubled).
 *
 * @example
 * ```ts
 * const sql = standInScript('initial-create', payload);
 * await runner.runScript({ sql, database: databaseFor('initial-create', payload), step: 'initial-create' });
 * ```
 *
 * @group Stand-in scripts
 */
export function standInScript(step: ScriptStep, payload: StandInPayload, options: StandInOptions = {}): string {
  const { database, initialDatabase, impersonation } = payload.config;
  const systemUser = options.systemUser ?? 'immuta_system';
  const user = quoteIdentifier(systemUser);
  const db = quoteIdentifier(database);
  const group = impersonation?.enabled ? quoteIdentifier(impersonation.role ?? DEFAULT_IMPERSONATION_ROLE) : undefined;
  let lines: string[];
  switch (step) {
    case 'initial-create': {
      const password = options.systemPassword ?? derivedPassword(payload, systemUser);
      lines = [
        ...header(step, initialDatabase, payload),
        `CREATE DATABASE ${db};`,
        `CREATE USER ${user} PASSWORD ${quoteLiteral(password)};`,
        `REVOKE ALL PRIVILEGES ON DATABASE ${db} FROM PUBLIC;`,
        `GRANT CREATE, TEMP ON DATABASE ${db} TO ${user};`,
        `GRANT TEMP ON DATABASE ${db} TO PUBLIC;`,
        ...(group ? [`CREATE GROUP ${group};`] : []),
      ];
      break;
    }
    case 'create':
      lines = [
        ...header(step, database, payload),
        ...SCHEMAS.map((schema) => `CREATE SCHEMA ${schema};`),
        ...grantsInDatabase(user, group),
      ];
      break;
    case 'edit': {
      const was = options.previous?.config.impersonation;
      const before = was?.enabled ? quoteIdentifier(was.role ?? DEFAULT_IMPERSONATION_ROLE) : undefined;
      const changed = options.previous !== undefined && before !== group;
      lines = [
        ...header(step, database, payload),
        ...(changed && group ? [`CREATE GROUP ${group};`] : []),
        ...grantsInDatabase(user, group),
        ...(changed && before
          ? [`REVOKE USAGE ON SCHEMA immuta_procedures FROM GROUP ${before};`, `DROP GROUP IF EXISTS ${before};`]
          : []),
      ];
      break;
    }
    case 'delete':
    case 'cleanup':
      lines = [
        ...header(step, initialDatabase, payload),
        `DROP DATABASE IF EXISTS ${db};`,
        `DROP USER IF EXISTS ${user};`,
        ...(group ? [`DROP GROUP IF EXISTS ${group};`] : []),
      ];
      break;
  }
  return `${lines.join('\n')}\n`;
}
