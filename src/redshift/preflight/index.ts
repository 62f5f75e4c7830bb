import { RedshiftAbortedError } from '../../errors/redshift.js';
import type { RedshiftConfig } from '../../model/payload.js';
import { type CheckResults, checkResults } from '../checks.js';
import type { QueryRunner } from '../runner.js';
import { DEFAULT_IMPERSONATION_ROLE } from '../impersonation.js';
import { type ClusterLookup, clusterFacts } from './cluster.js';
import { collectSqlFacts, type PreflightFacts } from './facts.js';
import type { RuleContext } from './check-names.js';
import { preflightRules } from './rules.js';

/**
 * The payload fields preflight reads: the same payload you send to Immuta.
 *
 * @group Preflight
 */
export interface PreflightPayload {
  /** `true` for automatic setup; decides the default `mode`. */
  readonly autoBootstrap?: boolean;
  /** The connection's names and impersonation settings. */
  readonly config: Pick<RedshiftConfig, 'host' | 'database' | 'initialDatabase' | 'impersonation'>;
}

/**
 * Options of {@link preflight}.
 *
 * @group Preflight
 */
export interface PreflightOptions {
  /** `automatic` (Immuta runs the scripts) or `manual` (you do). Default: from `payload.autoBootstrap`. */
  readonly mode?: 'automatic' | 'manual';
  /**
   * The existing-database (Spectrum) option of Immuta's guide: `config.database` already exists, holds the
   * external tables, and is used as is. Then preflight checks it exists and lists its external schemas,
   * instead of checking that it does not exist.
   */
  readonly existingDatabase?: boolean;
  /** AWS settings to read the node type with DescribeClusters (`@aws-sdk/client-redshift`); without them the RA3 check is skipped. */
  readonly aws?: ClusterLookup;
  /** Stops the checks: the query under way is cancelled and preflight rejects with `RedshiftAbortedError`. */
  readonly signal?: AbortSignal;
}

function contextOf(payload: PreflightPayload, options: PreflightOptions): RuleContext {
  const { database, initialDatabase, impersonation } = payload.config;
  return {
    mode: options.mode ?? (payload.autoBootstrap === false ? 'manual' : 'automatic'),
    database,
    initialDatabase,
    impersonationRole: impersonation?.enabled ? (impersonation.role ?? DEFAULT_IMPERSONATION_ROLE) : undefined,
    existingDatabase: options.existingDatabase ?? false,
  };
}

/**
 * Reads what preflight judges — the account's attributes and roles, the databases, the settings, the node
 * type — with at most `PREFLIGHT_MAX_QUERIES` (6) SQL queries and one DescribeClusters call. For callers who
 * want the facts themselves; {@link preflight} is this plus {@link preflightRules}.
 *
 * @throws {@link RedshiftAbortedError} when `signal` fires. A failed connection or query is a fact, not a throw.
 *
 * @group Preflight
 */
export async function collectPreflightFacts(
  payload: PreflightPayload,
  runner: QueryRunner,
  options: PreflightOptions = {},
): Promise<PreflightFacts> {
  const context = contextOf(payload, options);
  const [sql, cluster] = await Promise.all([
    collectSqlFacts(runner, { ...context, signal: options.signal }),
    clusterFacts(payload.config.host, options.aws, options.signal),
  ]);
  if (options.signal?.aborted) {
    throw new RedshiftAbortedError({
      database: context.initialDatabase,
      ran: 0,
      cancelRequested: false,
      cancelConfirmed: false,
    });
  }
  return { ...sql, cluster };
}

/**
 * Checks Immuta's Redshift requirements before setup, as the account that will be used: the one whose
 * credentials go to Immuta (automatic setup) or the one that will run the scripts (manual). Pass a runner
 * connected as that account — `createWireRunner(wireConnectionOf(payload))` for the payload's own credentials
 * — to `initialDatabase`'s cluster. Resolves with results in the shape of Immuta's `validationResults`; every
 * failure says what would fix it. The checks, in Redshift's terms:
 *
 * - the connection to `initialDatabase`, and whether the server is Redshift (on anything else, a warning, and the
 *   Redshift-only checks skipped with that reason);
 * - CREATE DATABASE: superuser or the CREATEDB user attribute;
 * - CREATE USER: superuser or the RBAC system permission through the user's (nested) roles;
 * - REVOKE ALL / GRANT TEMP ON DATABASE and MANAGE GRANTS ON ACCOUNT (a Snowflake term, translated): owner or superuser;
 * - the Immuta database does not exist yet (or, with `existingDatabase`, exists and holds external schemas);
 * - RA3 or Serverless for the multi-database integration (DescribeClusters with `aws`, the host for Serverless);
 * - `enable_case_sensitive_identifier` off;
 * - impersonation: superuser (groups are superuser-only in Redshift) and the group not there yet;
 * - the retirement of Python UDFs (a warning).
 *
 * It sends at most 6 SQL queries (one on a non-Redshift server) and one DescribeClusters call.
 *
 * @throws {@link RedshiftAbortedError} when `signal` fires. Nothing else: a connection that fails is the
 * failed `Basic Connection Test`.
 *
 * @example
 * ```ts
 * const runner = createWireRunner(wireConnectionOf(payload));
 * try {
 *   const results = await preflight(payload, runner, { aws: { region: 'us-west-2' } });
 *   for (const test of results.validationTests) if (test.status === 'failed') console.error(test.name, test.message);
 * } finally {
 *   await runner.close();
 * }
 * ```
 *
 * @group Preflight
 */
export async function preflight(
  payload: PreflightPayload,
  runner: QueryRunner,
  options: PreflightOptions = {},
): Promise<CheckResults> {
  const facts = await collectPreflightFacts(payload, runner, options);
  return checkResults(preflightRules(facts, contextOf(payload, options)));
}
