import type { CheckResult } from '../checks.js';
import { quoteIdentifier } from '../quote.js';
import {
  failed,
  notRedshift,
  passed,
  PREFLIGHT_CHECKS,
  PYTHON_UDF_ANNOUNCEMENT,
  type RuleContext,
  skipped,
  warning,
} from './check-names.js';
import { type AccountFacts, isRedshift, type PreflightFacts } from './facts.js';
import { createDatabase, createUser, databaseGrants, manageGrants } from './permission-rules.js';

function databaseFree(account: AccountFacts, context: RuleContext): CheckResult {
  const name = PREFLIGHT_CHECKS.databaseFree;
  const db = quoteIdentifier(context.database);
  if (!account.targetExists) return passed(name, `${db} does not exist yet: the initial-create script can create it.`);
  return failed(
    name,
    `${db} already exists, so the initial-create script's CREATE DATABASE would fail (42P04). If an earlier attempt left it, the cleanup script drops it; otherwise choose another config.database, or use the existing-database option.`,
    `DROP DATABASE ${db}; -- from another database, only if it holds nothing you need`,
  );
}

function existingDatabase(account: AccountFacts, context: RuleContext, facts: PreflightFacts): CheckResult {
  const name = PREFLIGHT_CHECKS.existingDatabase;
  const db = quoteIdentifier(context.database);
  if (!account.targetExists) {
    return failed(
      name,
      `${db} does not exist: the existing-database option uses a database that holds the external tables. Check config.database.`,
    );
  }
  if (!isRedshift(account.version))
    return skipped(name, `${db} exists; its external schemas were not listed: ${notRedshift(account)}.`);
  const schemas = facts.externalSchemas;
  if (!schemas || !schemas.ok)
    return warning(name, `${db} exists; its external schemas could not be listed: ${schemas?.message ?? 'not read'}.`);
  if (schemas.value.length === 0) {
    return warning(
      name,
      `${db} exists but holds no external schema: the existing-database option is meant for the database that holds your Spectrum external tables.`,
    );
  }
  const list = schemas.value.map((each) => `${each.schema} (${each.externalDatabase})`).join(', ');
  return passed(name, `${db} exists and holds ${schemas.value.length} external schema(s): ${list}.`);
}

function nodeType(facts: PreflightFacts, context: RuleContext): CheckResult {
  const name = PREFLIGHT_CHECKS.nodeType;
  const cluster = facts.cluster;
  if (context.existingDatabase) {
    return skipped(
      name,
      'Not needed: the existing-database option is a single-database integration, which works on every node type.',
    );
  }
  switch (cluster.kind) {
    case 'serverless':
      return passed(
        name,
        'Redshift Serverless (by its host name) supports the cross-database queries of the multi-database integration.',
      );
    case 'unknown':
      return skipped(name, `Not checked: ${cluster.reason}.`);
    case 'error':
      return warning(name, `Could not read the node type with DescribeClusters: ${cluster.message}.`);
    case 'provisioned':
      return /^ra3\./i.test(cluster.nodeType)
        ? passed(
            name,
            `Cluster ${cluster.clusterIdentifier} runs ${cluster.nodeType} nodes: RA3 supports the cross-database views of the multi-database integration.`,
          )
        : warning(
            name,
            `Cluster ${cluster.clusterIdentifier} runs ${cluster.nodeType} nodes, not RA3: the multi-database integration needs RA3 (cross-database views). ` +
              'On this cluster configure a single-database integration: the existing-database option, or re-create your external tables in the new database.',
          );
  }
}

function caseSensitivity(account: AccountFacts, facts: PreflightFacts): CheckResult {
  const name = PREFLIGHT_CHECKS.caseSensitivity;
  if (!isRedshift(account.version)) return skipped(name, `Not checked: ${notRedshift(account)}.`);
  const setting = facts.caseSensitiveIdentifier;
  if (!setting || !setting.ok)
    return warning(name, `Could not read enable_case_sensitive_identifier: ${setting?.message ?? 'not read'}.`);
  if (/^(?:off|false|0)$/i.test(setting.value.trim()))
    return passed(name, 'enable_case_sensitive_identifier is off, as Immuta requires.');
  return failed(
    name,
    `enable_case_sensitive_identifier is ${setting.value}: Immuta does not support case-sensitive identifiers. Turn it off in the cluster's parameter group, or for the account:`,
    `ALTER USER ${quoteIdentifier(account.user)} SET enable_case_sensitive_identifier TO off;`,
  );
}

function impersonation(account: AccountFacts, context: RuleContext): CheckResult[] {
  const role = context.impersonationRole;
  if (role === undefined) {
    return [
      skipped(PREFLIGHT_CHECKS.impersonationGroup, 'Impersonation is off.'),
      skipped(PREFLIGHT_CHECKS.impersonationFree, 'Impersonation is off.'),
    ];
  }
  const group = quoteIdentifier(role);
  const user = quoteIdentifier(account.user);
  const ownership =
    'Immuta\'s "OWNERSHIP ON GROUP" has no Redshift meaning: Redshift groups have no owner, and CREATE GROUP and ALTER GROUP are superuser-only.';
  const create = account.superuser
    ? passed(PREFLIGHT_CHECKS.impersonationGroup, `${ownership} ${user} is a superuser.`)
    : !isRedshift(account.version)
      ? skipped(
          PREFLIGHT_CHECKS.impersonationGroup,
          `Not checked: ${notRedshift(account)}, where CREATEROLE is enough to create a group; on Redshift only a superuser may.`,
        )
      : failed(
          PREFLIGHT_CHECKS.impersonationGroup,
          `${ownership} ${user} is not a superuser: run the setup as a superuser, or turn impersonation off.`,
        );
  const free = account.groupExists
    ? failed(
        PREFLIGHT_CHECKS.impersonationFree,
        `The group ${group} already exists, so creating it would fail. If an earlier attempt left it, drop it; otherwise choose another impersonation.role.`,
        `DROP GROUP ${group};`,
      )
    : passed(PREFLIGHT_CHECKS.impersonationFree, `The group ${group} does not exist yet.`);
  return [create, free];
}

function pythonUdfs(account: AccountFacts): CheckResult {
  const name = PREFLIGHT_CHECKS.pythonUdfs;
  if (!isRedshift(account.version)) return skipped(name, `Not checked: ${notRedshift(account)}.`);
  return warning(
    name,
    "Immuta's setup grants its system user USAGE ON LANGUAGE PLPYTHONU. AWS is retiring Python UDFs: no new ones from patch 198, " +
      `and existing ones stop working after 30 June 2026 (${PYTHON_UDF_ANNOUNCEMENT}). Ask Immuta whether your version still relies on them.`,
  );
}

/**
 * Judges the facts: one {@link CheckResult} per entry of {@link PREFLIGHT_CHECKS}, in that order. Pure — no
 * I/O — so every rule is tested on facts alone. Without a connection, every check but the first is skipped.
 *
 * @example
 * ```ts
 * const tests = preflightRules(facts, { mode: 'automatic', database: 'immuta', initialDatabase: 'dev', impersonationRole: undefined, existingDatabase: false });
 * ```
 *
 * @group Preflight
 */
export function preflightRules(facts: PreflightFacts, context: RuleContext): CheckResult[] {
  const names = Object.values(PREFLIGHT_CHECKS);
  if (!facts.account.ok) {
    const reason = facts.account.message;
    return [
      // The reason of a refused connection already says where it tried.
      failed(
        PREFLIGHT_CHECKS.connection,
        reason.startsWith('Could not connect')
          ? reason
          : `Could not connect to ${quoteIdentifier(context.initialDatabase)}: ${reason}`,
      ),
      ...names.slice(1).map((name) => skipped(name, 'Not checked: no connection.')),
    ];
  }
  const account = facts.account.value;
  const redshift = isRedshift(account.version);
  const tests: CheckResult[] = [
    passed(
      PREFLIGHT_CHECKS.connection,
      `Connected to ${quoteIdentifier(account.database)} as ${quoteIdentifier(account.user)} (${context.mode} setup).`,
    ),
    redshift
      ? passed(PREFLIGHT_CHECKS.server, `Amazon Redshift: ${account.version}.`)
      : warning(
          PREFLIGHT_CHECKS.server,
          `${notRedshift(account)} (${account.version}): the Redshift-only checks are skipped.`,
        ),
    createDatabase(account, context),
    createUser(account, facts.roles, redshift),
    databaseGrants(account, context),
    manageGrants(account, context),
    context.existingDatabase
      ? skipped(PREFLIGHT_CHECKS.databaseFree, 'Not needed: the existing-database option uses a database that exists.')
      : databaseFree(account, context),
    context.existingDatabase
      ? existingDatabase(account, context, facts)
      : skipped(PREFLIGHT_CHECKS.existingDatabase, 'Not asked: the existing-database (Spectrum) option is off.'),
    nodeType(facts, context),
    caseSensitivity(account, facts),
    ...impersonation(account, context),
    pythonUdfs(account),
  ];
  return tests;
}
