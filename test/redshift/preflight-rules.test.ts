import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/redshift/checks.js';
import type { AccountFacts, PreflightFacts, RoleFacts } from '../../src/redshift/preflight/facts.js';
import { PREFLIGHT_CHECKS, type RuleContext } from '../../src/redshift/preflight/check-names.js';
import { createUserChain } from '../../src/redshift/preflight/permission-rules.js';
import { preflightRules } from '../../src/redshift/preflight/rules.js';
import { REDSHIFT_VERSION } from '../support/redshift-shim.js';

// The rules are pure: each test states facts and reads the verdict, with no database.

const account = (overrides: Partial<AccountFacts> = {}): AccountFacts => ({
  user: 'setup',
  database: 'dev',
  version: REDSHIFT_VERSION,
  superuser: false,
  createdb: true,
  targetExists: false,
  targetOwned: false,
  groupExists: false,
  ...overrides,
});

const noRoles: RoleFacts = { userRoles: [], roleGrants: [], createUserHolders: [] };

const facts = (
  overrides: Partial<PreflightFacts> = {},
  accountOverrides: Partial<AccountFacts> = {},
): PreflightFacts => ({
  account: { ok: true, value: account(accountOverrides) },
  roles: { ok: true, value: noRoles },
  caseSensitiveIdentifier: { ok: true, value: 'off' },
  cluster: { kind: 'unknown', reason: 'no AWS settings' },
  ...overrides,
});

const context = (overrides: Partial<RuleContext> = {}): RuleContext => ({
  mode: 'automatic',
  database: 'immuta',
  initialDatabase: 'dev',
  impersonationRole: undefined,
  existingDatabase: false,
  ...overrides,
});

const check = (tests: CheckResult[], name: string): CheckResult => {
  const found = tests.find((test) => test.name === name);
  if (!found) throw new Error(`no check ${name}`);
  return found;
};

describe('preflight rules over collected facts', () => {
  it('reports every check, in a fixed order', () => {
    expect(preflightRules(facts(), context()).map((test) => test.name)).toEqual(Object.values(PREFLIGHT_CHECKS));
  });

  it('without a connection: the connection test fails with the reason, every other check is skipped', () => {
    const tests = preflightRules(
      {
        account: { ok: false, code: '28P01', message: 'password authentication failed' },
        cluster: { kind: 'serverless' },
      },
      context(),
    );
    expect(tests[0]).toMatchObject({
      status: 'failed',
      message: 'Could not connect to "dev": password authentication failed',
    });
    expect(new Set(tests.slice(1).map((test) => test.status))).toEqual(new Set(['skipped']));
  });

  it('CREATE DATABASE: superuser or the CREATEDB attribute; else the ALTER USER that grants it', () => {
    expect(
      check(preflightRules(facts({}, { superuser: true, createdb: false }), context()), PREFLIGHT_CHECKS.createDatabase)
        .status,
    ).toBe('passed');
    expect(check(preflightRules(facts(), context()), PREFLIGHT_CHECKS.createDatabase).status).toBe('passed');
    expect(
      check(preflightRules(facts({}, { createdb: false }), context()), PREFLIGHT_CHECKS.createDatabase),
    ).toMatchObject({
      status: 'failed',
      fix: 'ALTER USER "setup" CREATEDB;',
    });
  });

  it('CREATE USER: a superuser, a direct grant, or a role chain; roles that cannot be read are a warning', () => {
    const through = (roles: RoleFacts) =>
      check(preflightRules(facts({ roles: { ok: true, value: roles } }), context()), PREFLIGHT_CHECKS.createUser);
    expect(through(noRoles).status).toBe('failed');
    expect(through({ ...noRoles, createUserHolders: [{ name: 'setup', type: 'user' }] })).toMatchObject({
      status: 'passed',
      message: expect.stringContaining('granted to the user'),
    });
    expect(
      through({
        userRoles: ['a'],
        roleGrants: [{ role: 'a', granted: 'b' }],
        createUserHolders: [{ name: 'b', type: 'role' }],
      }).message,
    ).toContain('"a" → "b"');
    expect(
      check(
        preflightRules(facts({ roles: { ok: false, message: 'permission denied' } }), context()),
        PREFLIGHT_CHECKS.createUser,
      ).status,
    ).toBe('warning');
    expect(check(preflightRules(facts({}, { superuser: true }), context()), PREFLIGHT_CHECKS.createUser).status).toBe(
      'passed',
    );
  });

  it('follows role grants through cycles without looping, and finds the shortest chain', () => {
    const roles: RoleFacts = {
      userRoles: ['a', 'x'],
      roleGrants: [
        { role: 'a', granted: 'b' },
        { role: 'b', granted: 'a' },
        { role: 'b', granted: 'c' },
        { role: 'x', granted: 'c' },
      ],
      createUserHolders: [{ name: 'c', type: 'role' }],
    };
    expect(createUserChain(roles, 'u')).toEqual(['x', 'c']);
    expect(createUserChain({ ...roles, createUserHolders: [] }, 'u')).toBeUndefined();
  });

  it('on a server that is not Redshift: a warning naming it, the Redshift-only checks skipped with the reason', () => {
    const tests = preflightRules(
      facts({}, { version: 'PostgreSQL 15.14 (Debian 15.14-0+deb12u1) on x86_64-pc-linux-gnu' }),
      context(),
    );
    expect(check(tests, PREFLIGHT_CHECKS.server)).toMatchObject({
      status: 'warning',
      message: expect.stringContaining('PostgreSQL 15.14, not Amazon Redshift'),
    });
    for (const name of [PREFLIGHT_CHECKS.createUser, PREFLIGHT_CHECKS.caseSensitivity, PREFLIGHT_CHECKS.pythonUdfs]) {
      expect(check(tests, name)).toMatchObject({
        status: 'skipped',
        message: expect.stringContaining('not Amazon Redshift'),
      });
    }
    expect(tests.some((test) => test.status === 'failed')).toBe(false);
  });

  it('REVOKE / GRANT TEMP and MANAGE GRANTS: the future owner of a new database, or the owner of an existing one', () => {
    const newDb = preflightRules(facts(), context());
    expect(check(newDb, PREFLIGHT_CHECKS.databaseGrants).status).toBe('passed');
    expect(check(newDb, PREFLIGHT_CHECKS.manageGrants)).toMatchObject({
      status: 'passed',
      message: expect.stringContaining('Snowflake privilege'),
    });
    const notOwner = preflightRules(facts({}, { targetExists: true }), context({ existingDatabase: true }));
    expect(check(notOwner, PREFLIGHT_CHECKS.databaseGrants)).toMatchObject({
      status: 'failed',
      fix: 'ALTER DATABASE "immuta" OWNER TO "setup";',
    });
    expect(check(notOwner, PREFLIGHT_CHECKS.manageGrants).status).toBe('failed');
    const owner = preflightRules(
      facts({}, { targetExists: true, targetOwned: true }),
      context({ existingDatabase: true }),
    );
    expect(check(owner, PREFLIGHT_CHECKS.databaseGrants).status).toBe('passed');
  });

  it("Immuta Database Does Not Exist: Immuta's own automatic-setup test", () => {
    expect(check(preflightRules(facts(), context()), PREFLIGHT_CHECKS.databaseFree).status).toBe('passed');
    expect(
      check(preflightRules(facts({}, { targetExists: true }), context()), PREFLIGHT_CHECKS.databaseFree).status,
    ).toBe('failed');
  });

  it('the existing-database option: external schemas listed, none is a warning, not readable is a warning', () => {
    const existing = (externalSchemas: PreflightFacts['externalSchemas']) =>
      check(
        preflightRules(
          facts({ externalSchemas }, { targetExists: true, targetOwned: true }),
          context({ existingDatabase: true }),
        ),
        PREFLIGHT_CHECKS.existingDatabase,
      );
    expect(existing({ ok: true, value: [{ schema: 's', externalDatabase: 'glue' }] })).toMatchObject({
      status: 'passed',
      message: expect.stringContaining('s (glue)'),
    });
    expect(existing({ ok: true, value: [] }).status).toBe('warning');
    expect(existing({ ok: false, message: 'nope' }).status).toBe('warning');
  });

  it('the node type: RA3 or Serverless pass, another type warns, unknown is skipped, never guessed', () => {
    const node = (cluster: PreflightFacts['cluster'], existingDatabase = false) =>
      check(preflightRules(facts({ cluster }), context({ existingDatabase })), PREFLIGHT_CHECKS.nodeType);
    expect(node({ kind: 'provisioned', clusterIdentifier: 'c', nodeType: 'ra3.4xlarge' }).status).toBe('passed');
    expect(node({ kind: 'provisioned', clusterIdentifier: 'c', nodeType: 'dc2.large' }).status).toBe('warning');
    expect(node({ kind: 'serverless' }).status).toBe('passed');
    expect(node({ kind: 'unknown', reason: 'no AWS settings' })).toMatchObject({
      status: 'skipped',
      message: 'Not checked: no AWS settings.',
    });
    expect(node({ kind: 'error', message: 'AccessDenied' }).status).toBe('warning');
    expect(node({ kind: 'provisioned', clusterIdentifier: 'c', nodeType: 'dc2.large' }, true).status).toBe('skipped');
  });

  it('enable_case_sensitive_identifier must be off', () => {
    const setting = (value: string) =>
      check(
        preflightRules(facts({ caseSensitiveIdentifier: { ok: true, value } }), context()),
        PREFLIGHT_CHECKS.caseSensitivity,
      ).status;
    expect([setting('off'), setting('false'), setting('on'), setting('true')]).toEqual([
      'passed',
      'passed',
      'failed',
      'failed',
    ]);
  });

  it('impersonation: groups are superuser-only in Redshift, and the group must not exist yet', () => {
    const on = context({ impersonationRole: 'immuta_impersonation' });
    const tests = preflightRules(facts({}, { groupExists: true }), on);
    expect(check(tests, PREFLIGHT_CHECKS.impersonationGroup)).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('groups have no owner'),
    });
    expect(check(tests, PREFLIGHT_CHECKS.impersonationFree)).toMatchObject({
      status: 'failed',
      fix: 'DROP GROUP "immuta_impersonation";',
    });
    const off = preflightRules(facts(), context());
    expect(check(off, PREFLIGHT_CHECKS.impersonationGroup).status).toBe('skipped');
  });

  it('Python UDFs: a warning with the date and AWS announcement, on Redshift', () => {
    expect(check(preflightRules(facts(), context()), PREFLIGHT_CHECKS.pythonUdfs)).toMatchObject({
      status: 'warning',
      message: expect.stringMatching(/patch 198.*30 June 2026.*https:\/\/aws\.amazon\.com\/blogs\/big-data\//),
    });
  });
});
