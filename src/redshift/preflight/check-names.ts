import type { CheckResult } from '../checks.js';
import type { AccountFacts } from './facts.js';

/**
 * What the rules need to know besides the facts.
 *
 * @group Preflight
 */
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

/**
 * The names of preflight's checks, in the order they are reported.
 *
 * @group Preflight
 */
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

/**
 * AWS's announcement of the end of Python UDFs.
 *
 * @group Preflight
 */
export const PYTHON_UDF_ANNOUNCEMENT =
  'https://aws.amazon.com/blogs/big-data/amazon-redshift-python-user-defined-functions-will-reach-end-of-support-after-june-30-2026/';

/** @internal A passed check. */
export const passed = (name: string, message: string): CheckResult => ({ name, status: 'passed', message });
/** @internal A warning. */
export const warning = (name: string, message: string): CheckResult => ({ name, status: 'warning', message });
/** @internal A skipped check, with why. */
export const skipped = (name: string, message: string): CheckResult => ({ name, status: 'skipped', message });
/** @internal A failed check, with the fix appended to its message. */
export const failed = (name: string, message: string, fix?: string): CheckResult => ({
  name,
  status: 'failed',
  message: fix ? `${message} Fix (as a superuser): ${fix}` : message,
  ...(fix ? { fix } : {}),
});

/** The product a `version()` text names, e.g. `PostgreSQL 15.14`. */
function product(version: string): string {
  return /^\S+\s+\S+/.exec(version)?.[0] ?? (version || 'an unknown server');
}

/** @internal Why a Redshift-only check is skipped: the product the server is. */
export function notRedshift(account: AccountFacts): string {
  return `the server is ${product(account.version)}, not Amazon Redshift`;
}
