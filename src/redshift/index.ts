/**
 * `immuta-redshift/redshift`: the cluster side of Immuta's Redshift integration. Run Immuta's scripts in
 * Redshift — statement by statement, in autocommit, in the database each belongs in — over the wire protocol
 * ({@link createWireRunner}, on `pg`) or the Redshift Data API ({@link createDataApiRunner}, on the optional
 * `@aws-sdk/client-redshift-data`); check the requirements before setup ({@link preflight}) and the result
 * after it ({@link verifySetup}). A separate entry: none of it is loaded by the main entry, and the drivers
 * load only when first used.
 *
 * The guide: [the Redshift side](../../docs/redshift.md) — reaching the cluster, what each check means in
 * Redshift's terms, and where each script runs.
 *
 * @example
 * ```ts
 * import { RedshiftIntegrationClient } from 'immuta-redshift';
 * import { createWireRunner, databaseFor, preflight, verifySetup, wireConnectionOf } from 'immuta-redshift/redshift';
 *
 * const client = new RedshiftIntegrationClient();
 * const runner = createWireRunner(wireConnectionOf(payload));
 * try {
 *   const checks = await preflight(payload, runner);
 *   if (checks.status === 'failed') throw new Error('fix the failed checks first');
 *   for (const step of ['initial-create', 'create'] as const) {
 *     const sql = step === 'initial-create' ? await client.scripts.initialCreate(payload) : await client.scripts.create(payload);
 *     await runner.runScript({ sql, database: databaseFor(step, payload), step });
 *   }
 *   console.log(await verifySetup(payload, runner));
 * } finally {
 *   await runner.close();
 * }
 * ```
 *
 * @groupDescription References
 * Exported here too for convenience; documented in the main entry.
 *
 * @showGroups
 * @module immuta-redshift/redshift
 * @packageDocumentation
 */

export { createWireRunner } from './wire.js';
export type { SslMode, WireConnectionOptions } from './wire-options.js';
export { wireConnectionOf } from './payload-connection.js';
export { createDataApiRunner } from './data-api.js';
export { type ApplyScriptRequest, type ApplyScripts, runScriptsWith } from './apply-scripts.js';
export type { DataApiRunnerOptions } from './data-api-options.js';
export type { AwsClientSettings, AwsCredentials } from '../aws.js';
export { POLL_DEFAULTS, type PollSchedule } from './poll.js';
export type {
  QueryOptions,
  QueryParameter,
  QueryResult,
  QueryRunner,
  RedshiftRunner,
  RunnerCommonOptions,
  RunScriptOptions,
  ScriptInput,
  ScriptRunResult,
  StatementEvent,
  StatementRun,
} from './runner.js';

export { splitSqlScript, type SplitOptions, type SqlStatement } from './split.js';
export type { LexOptions } from './lexer.js';
export { maskSqlSecrets } from './mask-sql.js';
export { quoteIdentifier, quoteLiteral } from './quote.js';
export { databaseFor, SCRIPT_STEPS, type ScriptDatabases, type ScriptStep } from '../model/script-steps.js';
export { DEFAULT_IMPERSONATION_ROLE } from './impersonation.js';

export type { CheckResult, CheckResults, CheckStatus } from './checks.js';
export { collectPreflightFacts, preflight, type PreflightOptions, type PreflightPayload } from './preflight/index.js';
export {
  type AccountFacts,
  type ClusterFacts,
  type ExternalSchema,
  type Fact,
  PREFLIGHT_MAX_QUERIES,
  PREFLIGHT_SQL,
  type PreflightFacts,
  type PrivilegeHolder,
  type RoleFacts,
  type RoleGrant,
} from './preflight/facts.js';
export { preflightRules } from './preflight/rules.js';
export { PREFLIGHT_CHECKS, PYTHON_UDF_ANNOUNCEMENT, type RuleContext } from './preflight/check-names.js';
export type { ClusterLookup } from './preflight/cluster.js';
export {
  IMMUTA_SCHEMAS,
  type VerifyContext,
  type VerifyFacts,
  type VerifyOptions,
  verifyRules,
  verifySetup,
} from './verify.js';

export type { Clock } from '../options.js';
export { ConfigurationError, ImmutaError } from '../errors/base.js';
export { OptionalPackageMissingError } from '../errors/optional-package.js';
export {
  QueryFailedError,
  RedshiftAbortedError,
  RedshiftConnectionError,
  type RedshiftConnectionFailure,
  ScriptSyntaxError,
  StatementFailedError,
  type StatementPosition,
  StatementTimeoutError,
} from '../errors/redshift.js';
