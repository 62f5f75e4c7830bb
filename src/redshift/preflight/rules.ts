import type { CheckResult } from '../checks.js';
import { quoteIdentifier } from '../quote.js';
import { type AccountFacts, type Fact, isRedshift, type PreflightFacts, type RoleFacts } from './facts.js';

/** What the rules need to know besides the facts. */
export interface RuleContext {
  /** Automatic setup (Immuta runs the scripts with these credentials) or manual (you run them). */
  readonly mode: 'automatic' | 'manual';
  /** `config.database`. */
  readonly database: string;
  /** `config.initialDatabase`. */
  readonly initialDatabase: string;
  /** The impersonation group, or undefined when impersonation is off. */
  readonly impersonationRole: string | undefined;
  /** The existing-database (Spectrum) option: `database` exists and is used as is. */
  readonly existingDatabase: boolean;
}

/** The names of preflight's checks, in the order they are reported. */
export const PREFLIGHT_CHECKS: Readonly<
  Record<
    | 'connection'
    | 'server'
    | 'createDatabase'
    | 'createUser'
    | 'databaseGrants'
    | 'manageGrants'
    | 'databaseFree'
    | 'existingDatabase'
    | 'nodeType'
    | 'caseSensitivity'
    | 'impersonationGroup'
    | 'impersonationFree'
    | 'pythonUdfs',
    string
  >
> = {
  connection: 'Preflight: Basic Connection Test',
  server: 'Preflight: Server Is Amazon Redshift',
  createDatabase: 'Preflight: CREATE DATABASE',
  createUser: 'Preflight: CREATE USER',
  databaseGrants: 'Preflight: REVOKE ALL PRIVILEGES ON DATABASE, GRANT TEMP ON DATABASE',
  manageGrants: 'Preflight: MANAGE GRANTS ON ACCOUNT',
  databaseFree: 'Preflight: Immuta Database Does Not Exist',
  existingDatabase: 'Preflight: Existing Database Holds External Schemas',
  nodeType: 'Preflight: RA3 Node Type or Serverless',
  caseSensitivity: 'Preflight: Case-Sensitive Identifiers Off',
  impersonationGroup: 'Preflight: Impersonation: CREATE GROUP',
  impersonationFree: 'Preflight: Impersonation Role Does Not Exist',
  pythonUdfs: 'Preflight: Python UDFs (PLPYTHONU)',
};

/** AWS's announcement of the end of Python UDFs. */
export const PYTHON_UDF_ANNOUNCEMENT =
  'https://aws.amazon.com/blogs/big-data/amazon-redshift-python-user-defined-functions-will-reach-end-of-support-after-june-30-2026/';

const passed = (name: string, message: string): CheckResult => ({ name, status: 'passed', message });
const warning = (name: string, message: string): CheckResult => ({ name, status: 'warning', message });
const skipped = (name: string, message: string): CheckResult => ({ name, status: 'skipped', message });
const failed = (name: string, message: string, fix?: string): CheckResult => ({
  name,
  status: 'failed',
  message: fix ? `${message} Fix (as a superuser): ${fix}` : message,
  ...(fix ? { fix } : {}),
});

/** The product a `version()` text names, e.g. `PostgreSQL 15.14`. */
function product(version: string): string {
  return /^\S+\s+\S+/.exec(version)?.[0] ?? (version || 'an unknown server');
}

/**
 * @internal The shortest chain of roles through which `user` holds CREATE USER (`[]` when granted to the user
 * itself), or undefined. Follows nested roles breadth first; cycles end.
 */
export function createUserChain(roles: RoleFacts, user: string): string[] | undefined {
  const holders = new Set(
    roles.createUserHolders.filter((holder) => holder.type === 'role').map((holder) => holder.name),
  );
  if (roles.createUserHolders.some((holder) => holder.type === 'user' && holder.name === user)) return [];
  const granted = new Map<string, string[]>();
  for (const { role, granted: inner } of roles.roleGrants) granted.set(role, [...(granted.get(role) ?? []), inner]);
  const queue: string[][] = roles.userRoles.map((role) => [role]);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const path = queue.shift() as string[];
    const role = path[path.length - 1] as string;
    if (holders.has(role)) return path;
    if (seen.has(role)) continue;
    seen.add(role);
    for (const inner of granted.get(role) ?? []) queue.push([...path, inner]);
  }
  return undefined;
}

function createUser(account: AccountFacts, roles: Fact<RoleFacts> | undefined, redshift: boolean): CheckResult {
  const name = PREFLIGHT_CHECKS.createUser;
  const user = quoteIdentifier(account.user);
  if (account.superuser) return passed(name, `${user} is a superuser.`);
  if (!redshift)
    return skipped(
      name,
      `Not checked: ${notRedshift(account)}, so Redshift's RBAC system permission CREATE USER cannot be read.`,
    );
  if (!roles || !roles.ok) return warning(name, `Could not read the account's roles: ${roles?.message ?? 'not read'}.`);
  const chain = createUserChain(roles.value, account.user);
  if (chain) {
    const via =
      chain.length === 0
        ? 'granted to the user'
        : `through role ${chain.map((role) => quoteIdentifier(role)).join(' → ')}`;
    return passed(name, `${user} holds the system permission CREATE USER ${via}.`);
  }
  return failed(
    name,
    `${user} is not a superuser and holds the RBAC system permission CREATE USER through none of its roles. ` +
      `Do not use ALTER USER … CREATEUSER: in Redshift that user option makes the user a superuser.`,
    `CREATE ROLE immuta_setup; GRANT CREATE USER TO ROLE immuta_setup; GRANT ROLE immuta_setup TO ${user};`,
  );
}

function notRedshift(account: AccountFacts): string {
  return `the server is ${product(account.version)}, not Amazon Redshift`;
}

/** Whether the account may manage the grants on the Immuta database: superuser, or its (future) owner. */
function governsDatabase(account: AccountFacts, context: RuleContext): boolean {
  return account.superuser || (context.existingDatabase ? account.targetOwned : account.createdb);
}

function databaseGrants(account: AccountFacts, context: RuleContext): CheckResult {
  const name = PREFLIGHT_CHECKS.databaseGrants;
  const user = quoteIdentifier(account.user);
  const db = quoteIdentifier(context.database);
  if (account.superuser) return passed(name, `${user} is a superuser.`);
  if (!context.existingDatabase) {
    return account.createdb
      ? passed(name, `${user} will own the database it creates, and its owner may REVOKE and GRANT on it.`)
      : failed(
          name,
          `${user} can neither create ${db} (and so own it) nor is a superuser.`,
          `ALTER USER ${user} CREATEDB;`,
        );
  }
  if (!account.targetExists) return skipped(name, `Not checked: ${db} does not exist.`);
  return account.targetOwned
    ? passed(name, `${user} owns ${db}, and its owner may REVOKE and GRANT on it.`)
    : failed(name, `${user} neither owns ${db} nor is a superuser.`, `ALTER DATABASE ${db} OWNER TO ${user};`);
}

function manageGrants(account: AccountFacts, context: RuleContext): CheckResult {
  const name = PREFLIGHT_CHECKS.manageGrants;
  const user = quoteIdentifier(account.user);
  const db = quoteIdentifier(context.database);
  const intent =
    "MANAGE GRANTS ON ACCOUNT is a Snowflake privilege with no Redshift equivalent. Its intent — managing the grants on the Immuta database and what is in it — is met in Redshift by a superuser or the database's owner";
  if (governsDatabase(account, context)) {
    const why = account.superuser
      ? 'a superuser'
      : context.existingDatabase
        ? `the owner of ${db}`
        : `the owner of ${db} once it creates it`;
    return passed(name, `${intent}: ${user} is ${why}.`);
  }
  const fix = context.existingDatabase ? `ALTER DATABASE ${db} OWNER TO ${user};` : `ALTER USER ${user} CREATEDB;`;
  return failed(name, `${intent}: ${user} is neither.`, fix);
}

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
 */
export function preflightRules(facts: PreflightFacts, context: RuleContext): CheckResult[] {
  const names = Object.values(PREFLIGHT_CHECKS);
  if (!facts.account.ok) {
    const reason = facts.account.message;
    return [
      failed(
        PREFLIGHT_CHECKS.connection,
        `Could not connect to ${quoteIdentifier(context.initialDatabase)}: ${reason}`,
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
    context.existingDatabase
      ? skipped(PREFLIGHT_CHECKS.createDatabase, 'Not needed: the existing-database option creates no database.')
      : account.superuser || account.createdb
        ? passed(
            PREFLIGHT_CHECKS.createDatabase,
            account.superuser
              ? `${quoteIdentifier(account.user)} is a superuser.`
              : `${quoteIdentifier(account.user)} has the CREATEDB attribute (in Redshift a user attribute, not a grant).`,
          )
        : failed(
            PREFLIGHT_CHECKS.createDatabase,
            `${quoteIdentifier(account.user)} has no CREATEDB attribute and is not a superuser.`,
            `ALTER USER ${quoteIdentifier(account.user)} CREATEDB;`,
          ),
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
