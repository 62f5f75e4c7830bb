import type { CheckResult } from '../checks.js';
import { quoteIdentifier } from '../quote.js';
import { failed, notRedshift, passed, PREFLIGHT_CHECKS, type RuleContext, skipped, warning } from './check-names.js';
import type { AccountFacts, Fact, RoleFacts } from './facts.js';

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

/** @internal CREATE DATABASE: superuser, or the CREATEDB user attribute (not a grant, in Redshift). */
export function createDatabase(account: AccountFacts, context: RuleContext): CheckResult {
  const name = PREFLIGHT_CHECKS.createDatabase;
  const user = quoteIdentifier(account.user);
  if (context.existingDatabase) return skipped(name, 'Not needed: the existing-database option creates no database.');
  if (account.superuser) return passed(name, `${user} is a superuser.`);
  if (account.createdb)
    return passed(name, `${user} has the CREATEDB attribute (in Redshift a user attribute, not a grant).`);
  return failed(name, `${user} has no CREATEDB attribute and is not a superuser.`, `ALTER USER ${user} CREATEDB;`);
}

/** @internal CREATE USER: superuser, or the RBAC system permission through the account's (nested) roles. */
export function createUser(account: AccountFacts, roles: Fact<RoleFacts> | undefined, redshift: boolean): CheckResult {
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

/** Whether the account may manage the grants on the Immuta database: superuser, or its (future) owner. */
function governsDatabase(account: AccountFacts, context: RuleContext): boolean {
  return account.superuser || (context.existingDatabase ? account.targetOwned : account.createdb);
}

/** @internal REVOKE ALL / GRANT TEMP ON DATABASE: the database's (future) owner, or a superuser. */
export function databaseGrants(account: AccountFacts, context: RuleContext): CheckResult {
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

/** @internal MANAGE GRANTS ON ACCOUNT, a Snowflake term: translated, and judged by its intent. */
export function manageGrants(account: AccountFacts, context: RuleContext): CheckResult {
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
