import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, CheckResults } from '../../src/redshift/checks.js';
import { createDataApiRunner } from '../../src/redshift/data-api.js';
import { PREFLIGHT_MAX_QUERIES } from '../../src/redshift/preflight/facts.js';
import { preflight, type PreflightOptions, type PreflightPayload } from '../../src/redshift/preflight/index.js';
import { PREFLIGHT_CHECKS } from '../../src/redshift/preflight/check-names.js';
import type { QueryRunner, RedshiftRunner } from '../../src/redshift/runner.js';
import { createWireRunner } from '../../src/redshift/wire.js';
import { startFakeDataApi, TEST_CREDENTIALS } from '../support/fake-data-api.js';
import { startFakeRedshiftApi } from '../support/fake-redshift-api.js';
import { pgFixture, type RoleKind, type TestRole } from '../support/pg-fixtures.js';
import { installRedshiftShim, type RedshiftShimSeed } from '../support/redshift-shim.js';

const fixture = pgFixture();

/** A runner that counts the queries it is asked to run. */
function counting(runner: QueryRunner): QueryRunner & { readonly count: number } {
  let count = 0;
  return {
    get count() {
      return count;
    },
    query: (...args) => {
      count += 1;
      return runner.query(...args);
    },
  };
}

/** The status of each check by name, and the check itself. */
const byName = (results: CheckResults) => Object.fromEntries(results.validationTests.map((test) => [test.name, test]));
const statuses = (results: CheckResults) =>
  Object.fromEntries(results.validationTests.map((test) => [test.name, test.status]));

interface Scenario {
  readonly kind: RoleKind;
  /** Seed for the shim in the initial database; none: plain PostgreSQL. */
  readonly shim?: (role: TestRole) => RedshiftShimSeed;
  readonly impersonation?: boolean;
  readonly host?: string;
  readonly options?: PreflightOptions;
  /** Make the Immuta database before preflight (owned by the account when `owned`). */
  readonly databaseExists?: 'owned' | 'other';
  /** Seed for the shim inside the Immuta database (existing-database option). */
  readonly targetShim?: RedshiftShimSeed;
  readonly groupExists?: boolean;
}

/** Sets a scenario up on the real server and runs preflight over the wire as the scenario's account. */
async function run(scenario: Scenario) {
  const role = await fixture.role(scenario.kind);
  const initialDatabase = await fixture.database('initial');
  if (scenario.shim)
    await installRedshiftShim(await fixture.admin(initialDatabase), initialDatabase, scenario.shim(role));
  let database = fixture.name('immuta');
  if (scenario.databaseExists) {
    database = await fixture.database('immuta', scenario.databaseExists === 'owned' ? role.name : undefined);
    if (scenario.targetShim) await installRedshiftShim(await fixture.admin(database), database, scenario.targetShim);
  }
  const group = fixture.name('imp');
  fixture.dropRoleLater(group);
  if (scenario.groupExists) await fixture.sql(`CREATE ROLE "${group}" NOLOGIN`);
  const payload: PreflightPayload = {
    autoBootstrap: true,
    config: {
      host: scenario.host ?? 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
      database,
      initialDatabase,
      impersonation: scenario.impersonation ? { enabled: true, role: group } : { enabled: false },
    },
  };
  const runner = createWireRunner(fixture.wire(role));
  const counted = counting(runner);
  try {
    const results = await preflight(payload, counted, scenario.options);
    return { results, queries: counted.count, role, database, group };
  } finally {
    await runner.close();
  }
}

describe('preflight against a real server', () => {
  it('on plain PostgreSQL: a warning that names it, the Redshift-only checks skipped with that reason, one query', async () => {
    const { results, queries } = await run({ kind: 'superuser' });
    const checks = byName(results);
    expect(checks[PREFLIGHT_CHECKS.connection]!.status).toBe('passed');
    expect(checks[PREFLIGHT_CHECKS.server]).toMatchObject({
      status: 'warning',
      message: expect.stringMatching(/^the server is PostgreSQL 1\d/),
    });
    for (const name of [PREFLIGHT_CHECKS.caseSensitivity, PREFLIGHT_CHECKS.pythonUdfs]) {
      expect(checks[name]).toMatchObject({
        status: 'skipped',
        message: expect.stringContaining('not Amazon Redshift'),
      });
    }
    expect(checks[PREFLIGHT_CHECKS.createUser]!.status).toBe('passed'); // a superuser: no role needed
    expect(results.validationTests.some((test) => test.status === 'failed')).toBe(false);
    expect(results.status).toBe('passed');
    expect(queries).toBe(1);
  });

  it("on plain PostgreSQL, Redshift's superuser-only rule for groups is not applied: CREATEROLE is enough there", async () => {
    const { results } = await run({ kind: 'createdb-createrole', impersonation: true });
    expect(byName(results)[PREFLIGHT_CHECKS.impersonationGroup]).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('on Redshift only a superuser may'),
    });
    expect(results.status).toBe('passed');
  });

  it('on a Redshift-looking server, a CREATEDB-only account: may create the database, lacks CREATE USER, is told the GRANT', async () => {
    const { results, queries, role } = await run({
      kind: 'createdb',
      shim: () => ({ redshift: true }),
      impersonation: true,
    });
    expect(statuses(results)).toEqual({
      [PREFLIGHT_CHECKS.connection]: 'passed',
      [PREFLIGHT_CHECKS.server]: 'passed',
      [PREFLIGHT_CHECKS.createDatabase]: 'passed',
      [PREFLIGHT_CHECKS.createUser]: 'failed',
      [PREFLIGHT_CHECKS.databaseGrants]: 'passed',
      [PREFLIGHT_CHECKS.manageGrants]: 'passed',
      [PREFLIGHT_CHECKS.databaseFree]: 'passed',
      [PREFLIGHT_CHECKS.existingDatabase]: 'skipped',
      [PREFLIGHT_CHECKS.nodeType]: 'skipped',
      [PREFLIGHT_CHECKS.caseSensitivity]: 'passed',
      [PREFLIGHT_CHECKS.impersonationGroup]: 'failed',
      [PREFLIGHT_CHECKS.impersonationFree]: 'passed',
      [PREFLIGHT_CHECKS.pythonUdfs]: 'warning',
    });
    const createUser = byName(results)[PREFLIGHT_CHECKS.createUser]!;
    expect(createUser.fix).toBe(
      `CREATE ROLE immuta_setup; GRANT CREATE USER TO ROLE immuta_setup; GRANT ROLE immuta_setup TO "${role.name}";`,
    );
    expect(createUser.message).toContain(
      'ALTER USER … CREATEUSER: in Redshift that user option makes the user a superuser',
    );
    expect(byName(results)[PREFLIGHT_CHECKS.manageGrants]!.message).toContain(
      'Snowflake privilege with no Redshift equivalent',
    );
    expect(byName(results)[PREFLIGHT_CHECKS.pythonUdfs]!.message).toMatch(
      /30 June 2026 \(https:\/\/aws\.amazon\.com\/blogs\//,
    );
    expect(results.status).toBe('failed');
    expect(queries).toBe(5);
    expect(queries).toBeLessThanOrEqual(PREFLIGHT_MAX_QUERIES);
  });

  it('finds CREATE USER granted through nested roles', async () => {
    const { results } = await run({
      kind: 'createdb',
      shim: (role) => ({
        redshift: true,
        userGrants: [{ user: role.name, role: 'setup' }],
        roleGrants: [{ role: 'setup', granted: 'admins' }],
        systemPrivileges: [{ privilege: 'CREATE USER', identity: 'admins', type: 'role' }],
      }),
    });
    expect(byName(results)[PREFLIGHT_CHECKS.createUser]).toMatchObject({
      status: 'passed',
      message: expect.stringContaining('through role "setup" → "admins"'),
    });
    expect(results.status).toBe('passed');
  });

  it('an account that cannot create databases is told ALTER USER … CREATEDB', async () => {
    const { results, role } = await run({ kind: 'plain', shim: () => ({ redshift: true }) });
    expect(byName(results)[PREFLIGHT_CHECKS.createDatabase]).toMatchObject({
      status: 'failed',
      fix: `ALTER USER "${role.name}" CREATEDB;`,
    });
    expect(byName(results)[PREFLIGHT_CHECKS.manageGrants]!.status).toBe('failed');
  });

  it("fails Immuta's own test when the Immuta database exists already, and when the impersonation group does", async () => {
    const { results, group } = await run({
      kind: 'superuser',
      databaseExists: 'other',
      impersonation: true,
      groupExists: true,
    });
    expect(byName(results)[PREFLIGHT_CHECKS.databaseFree]).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('42P04'),
    });
    expect(byName(results)[PREFLIGHT_CHECKS.impersonationFree]).toMatchObject({
      status: 'failed',
      fix: `DROP GROUP "${group}";`,
    });
    expect(byName(results)[PREFLIGHT_CHECKS.impersonationGroup]!.status).toBe('passed');
  });

  it('fails when enable_case_sensitive_identifier is on', async () => {
    const { results } = await run({
      kind: 'superuser',
      shim: () => ({ redshift: true, settings: { enable_case_sensitive_identifier: 'on' } }),
    });
    expect(byName(results)[PREFLIGHT_CHECKS.caseSensitivity]).toMatchObject({
      status: 'failed',
      fix: expect.stringContaining('SET enable_case_sensitive_identifier TO off'),
    });
  });

  it('with the existing-database option: the database exists, its external schemas are listed, the owner may grant', async () => {
    const { results, queries } = await run({
      kind: 'plain',
      shim: () => ({ redshift: true }),
      databaseExists: 'owned',
      targetShim: { redshift: true, externalSchemas: [{ schema: 'spectrum', externalDatabase: 'glue_sales' }] },
      options: { existingDatabase: true },
    });
    const checks = byName(results);
    expect(checks[PREFLIGHT_CHECKS.existingDatabase]).toMatchObject({
      status: 'passed',
      message: expect.stringContaining('spectrum (glue_sales)'),
    });
    expect(checks[PREFLIGHT_CHECKS.createDatabase]!.status).toBe('skipped');
    expect(checks[PREFLIGHT_CHECKS.databaseGrants]!.status).toBe('passed');
    expect(checks[PREFLIGHT_CHECKS.databaseFree]!.status).toBe('skipped');
    expect(checks[PREFLIGHT_CHECKS.nodeType]!.status).toBe('skipped');
    expect(queries).toBe(PREFLIGHT_MAX_QUERIES);
  });

  it('with the existing-database option and no such database: fails', async () => {
    const { results } = await run({
      kind: 'superuser',
      shim: () => ({ redshift: true }),
      options: { existingDatabase: true },
    });
    expect(byName(results)[PREFLIGHT_CHECKS.existingDatabase]!.status).toBe('failed');
  });

  it('a wrong password: the connection test fails with the reason, everything else is skipped, nothing throws', async () => {
    const role = await fixture.role('plain');
    const runner = createWireRunner(fixture.wire({ ...role, password: 'wrong-password' }));
    const results = await preflight({ config: { host: 'h', database: 'x', initialDatabase: 'postgres' } }, runner);
    await runner.close();
    expect(results.status).toBe('failed');
    expect(results.validationTests[0]).toMatchObject({ status: 'failed', message: expect.stringContaining('28P01') });
    expect(results.validationTests.slice(1).every((test: CheckResult) => test.status === 'skipped')).toBe(true);
  });
});

describe('preflight reads the node type without guessing', () => {
  let api: Awaited<ReturnType<typeof startFakeRedshiftApi>>;
  beforeAll(async () => {
    api = await startFakeRedshiftApi({ examplecluster: 'ra3.xlplus', oldcluster: 'dc2.large' });
  });
  afterAll(async () => api.close());
  const aws = () => ({ endpoint: api.endpoint, credentials: TEST_CREDENTIALS, clientConfig: { maxAttempts: 1 } });

  it('RA3 from DescribeClusters, the cluster and region taken from the endpoint name', async () => {
    const { results } = await run({ kind: 'superuser', options: { aws: aws() } });
    expect(byName(results)[PREFLIGHT_CHECKS.nodeType]).toMatchObject({
      status: 'passed',
      message: expect.stringContaining('ra3.xlplus'),
    });
    expect(api.requests.at(-1)!.get('ClusterIdentifier')).toBe('examplecluster');
  });

  it('another node type is a warning that points to the single-database options', async () => {
    const { results } = await run({
      kind: 'superuser',
      options: { aws: { ...aws(), clusterIdentifier: 'oldcluster', region: 'eu-west-1' } },
    });
    expect(byName(results)[PREFLIGHT_CHECKS.nodeType]).toMatchObject({
      status: 'warning',
      message: expect.stringContaining('dc2.large nodes, not RA3'),
    });
  });

  it('a Serverless host is recognised as such; without AWS settings a cluster is skipped with the reason', async () => {
    const serverless = await run({
      kind: 'superuser',
      host: 'wg.123456789012.us-west-2.redshift-serverless.amazonaws.com',
    });
    expect(byName(serverless.results)[PREFLIGHT_CHECKS.nodeType]!.status).toBe('passed');
    const unknown = await run({ kind: 'superuser' });
    expect(byName(unknown.results)[PREFLIGHT_CHECKS.nodeType]).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('DescribeClusters'),
    });
  });

  it('a missing @aws-sdk/client-redshift is a warning naming the package', async () => {
    const loadSdk = async () => {
      throw Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' });
    };
    const { results } = await run({ kind: 'superuser', options: { aws: { ...aws(), loadSdk } } });
    expect(byName(results)[PREFLIGHT_CHECKS.nodeType]).toMatchObject({
      status: 'warning',
      message: expect.stringContaining('npm install @aws-sdk/client-redshift'),
    });
  });
});

describe('preflight through the Data API runner', () => {
  it('gives the same results as over the wire', async () => {
    const role = await fixture.role('createdb');
    const initialDatabase = await fixture.database('initial');
    await installRedshiftShim(await fixture.admin(initialDatabase), initialDatabase, { redshift: true });
    const fake = await startFakeDataApi({
      host: fixture.info.host,
      port: fixture.info.port,
      user: role.name,
      password: role.password,
    });
    const payload: PreflightPayload = {
      config: { host: 'h.example.com', database: fixture.name('immuta'), initialDatabase },
    };
    const runners: RedshiftRunner[] = [
      createWireRunner(fixture.wire(role)),
      createDataApiRunner({
        clusterIdentifier: 'c',
        dbUser: role.name,
        region: 'us-west-2',
        endpoint: fake.endpoint,
        credentials: TEST_CREDENTIALS,
      }),
    ];
    try {
      const [wire, dataApi] = await Promise.all(runners.map((runner) => preflight(payload, runner)));
      expect(dataApi).toEqual(wire);
      expect(wire!.status).toBe('failed'); // CREATE USER
    } finally {
      await Promise.all(runners.map((runner) => runner.close()));
      await fake.close();
    }
  });
});
