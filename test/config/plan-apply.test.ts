import { describe, expect, it } from 'vitest';
import { ImmutaError, PlanError, PlanStaleError } from '../../src/index.js';
import { apply, formatPlan, plan, type RunScriptRequest } from '../../src/config/index.js';
import { entry, expectNoCanary, file, useTenant } from './support.js';

const tenant = useTenant();

describe('plan and apply, against a fake Immuta over HTTP', () => {
  it('creates what is missing, then a second apply is all noop and sends no write', async () => {
    const desired = await tenant.load(file(entry('analytics'), entry('finance')));
    const changes = await plan(tenant.client, desired);
    expect(changes.hasChanges).toBe(true);
    expect(changes.items.map((item) => [item.name, item.action])).toEqual([
      ['analytics', 'create'],
      ['finance', 'create'],
    ]);

    const result = await apply(tenant.client, changes, tenant.fast);
    expect(result.ok).toBe(true);
    expect(result.items.map((item) => [item.name, item.outcome, item.integration?.status])).toEqual([
      ['analytics', 'done', 'enabled'],
      ['finance', 'done', 'enabled'],
    ]);

    const writesBefore = tenant.writes().length;
    const again = await apply(tenant.client, desired, tenant.fast);
    expect(again.items.map((item) => [item.action, item.outcome])).toEqual([
      ['noop', 'done'],
      ['noop', 'done'],
    ]);
    expect(tenant.writes().length).toBe(writesBefore);
  });

  it('updates a changed non-secret field, showing before → after, and waits for enabled', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'))), tenant.fast);
    const changes = await plan(tenant.client, await tenant.load(file(entry('analytics', { initialDatabase: 'prod' }))));
    expect(changes.items[0]).toMatchObject({
      name: 'analytics',
      action: 'update',
      status: 'enabled',
      changes: [{ field: 'config.initialDatabase', before: 'dev', after: 'prod' }],
    });
    expect(formatPlan(changes)).toContain('config.initialDatabase: "dev" → "prod"');
    const result = await apply(tenant.client, changes, tenant.fast);
    expect(result.items[0]).toMatchObject({ outcome: 'done', integration: { status: 'enabled' } });
    expect(
      [...tenant.server.fake.integrations.values()].find((each) => each.type === 'Redshift')?.config,
    ).toMatchObject({
      initialDatabase: 'prod',
    });
  });

  it('never compares credentials: a new password alone is noop, unless rotateCredentials re-sends it', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'))), tenant.fast);
    const rotated = await tenant.load(file(entry('analytics', { password: '${env:RS_PASSWORD_2}' })));
    expect((await plan(tenant.client, rotated)).items[0]?.action).toBe('noop');
    const changes = await plan(tenant.client, rotated, { rotateCredentials: true });
    expect(changes.items[0]).toMatchObject({ action: 'update', reason: expect.stringContaining('rotateCredentials') });
    await apply(tenant.client, changes, tenant.fast);
    const stored = [...tenant.server.fake.integrations.values()].find((each) => each.type === 'Redshift');
    expect(stored?.config.password).toBe('cfg-canary-rotated-5e90cc');
  });

  it('deletes an absent entry that exists (with its credentials), and is noop once it is gone', async () => {
    await apply(tenant.client, await tenant.load(file(entry('old'))), tenant.fast);
    const absent = await tenant.load(file(entry('old', { state: 'absent' })));
    const changes = await plan(tenant.client, absent);
    expect(changes.items[0]).toMatchObject({ action: 'delete', status: 'enabled' });
    const result = await apply(tenant.client, changes, tenant.fast);
    expect(result.items[0]).toMatchObject({ outcome: 'done', integration: { status: 'deleted' } });
    const deletes = tenant.server.fake.requests.filter((request) => request.method === 'DELETE');
    expect(deletes).toHaveLength(1);
    expect((await plan(tenant.client, absent)).items[0]).toMatchObject({
      action: 'noop',
      reason: expect.stringContaining('absent'),
    });
  });

  it('reports Redshift integrations no entry matches as unmanaged, and never touches them', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'), entry('stray'))), tenant.fast);
    const changes = await plan(tenant.client, await tenant.load(file(entry('analytics'))));
    expect(changes.items.map((item) => [item.name, item.action])).toEqual([
      ['analytics', 'noop'],
      ['stray-abc123-us-east-1-redshift-amazonaws-com', 'unmanaged'],
    ]);
    expect(changes.hasChanges).toBe(false);
    const writes = tenant.writes().length;
    const result = await apply(tenant.client, changes, tenant.fast);
    expect(result.items.map((item) => item.name)).toEqual(['analytics']);
    expect(tenant.writes().length).toBe(writes);
  });

  it('refuses to switch autoBootstrap of an existing integration, and an entry matching two integrations', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'), entry('twin'))), tenant.fast);
    const flipped = await tenant.load(file(entry('analytics', { autoBootstrap: false })));
    const error = await plan(tenant.client, flipped).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).problems[0]).toMatchObject({
      name: 'analytics',
      message: expect.stringContaining('autoBootstrap'),
    });

    // Someone pointed a second integration at the same host and database by hand.
    const [first, second] = [...tenant.server.fake.integrations.values()].filter((each) => each.type === 'Redshift');
    if (!first || !second) throw new Error('expected two integrations');
    second.config.host = String(first.config.host).toUpperCase();
    const twice = await plan(tenant.client, await tenant.load(file(entry('analytics')))).catch(
      (failure: unknown) => failure,
    );
    expect(twice).toBeInstanceOf(PlanError);
    expect((twice as PlanError).problems[0]?.ids).toEqual([first.id, second.id]);
    expect((twice as PlanError).message).toContain(`${first.id}, ${second.id}`);
  });

  it('refuses an item whose integration changed since the plan (PlanStaleError), and sends nothing for it', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'), entry('finance'))), tenant.fast);
    const changes = await plan(
      tenant.client,
      await tenant.load(
        file(entry('analytics', { initialDatabase: 'prod' }), entry('finance', { initialDatabase: 'prod' })),
      ),
    );
    // By hand, between plan and apply: analytics's initial database changes.
    const analytics = [...tenant.server.fake.integrations.values()].find((each) =>
      String(each.config.host).startsWith('analytics'),
    );
    if (!analytics) throw new Error('expected analytics');
    analytics.config.initialDatabase = 'by-hand';
    const puts = () => tenant.server.fake.requests.filter((request) => request.method === 'PUT').length;
    const before = puts();
    const result = await apply(tenant.client, changes, tenant.fast);
    const [stale, fine] = result.items;
    expect(stale).toMatchObject({ name: 'analytics', outcome: 'failed' });
    expect(stale?.error).toBeInstanceOf(PlanStaleError);
    expect((stale?.error as PlanStaleError).changed).toEqual(['config.initialDatabase']);
    expect(fine).toMatchObject({ name: 'finance', outcome: 'done' });
    expect(puts() - before).toBe(1);
    expect(result.ok).toBe(false);
  });

  it('settles a create whose answer was lost by reading the tenant, and adopts it without a second POST', async () => {
    tenant.server.fake.fail({ kind: 'network', method: 'POST', path: '/integrations', afterHandling: true });
    const result = await apply(tenant.client, await tenant.load(file(entry('analytics'))), tenant.fast);
    expect(result.items[0]).toMatchObject({ outcome: 'done', integration: { status: 'enabled' } });
    const posts = tenant.server.fake.requests.filter(
      (request) => request.method === 'POST' && request.path === '/integrations',
    );
    expect(posts).toHaveLength(1);
    expect([...tenant.server.fake.integrations.values()].filter((each) => each.type === 'Redshift')).toHaveLength(1);
    expect(tenant.logs.some((line) => line.includes('adopted integration'))).toBe(true);
  });

  it('fails a create lost before it reached the tenant, without sending it again', async () => {
    tenant.server.fake.fail({ kind: 'network', method: 'POST', path: '/integrations' });
    const result = await apply(tenant.client, await tenant.load(file(entry('analytics'))), tenant.fast);
    expect(result.items[0]).toMatchObject({ outcome: 'failed' });
    expect(result.items[0]?.error).toBeInstanceOf(ImmutaError);
    const posts = tenant.server.fake.requests.filter(
      (request) => request.method === 'POST' && request.path === '/integrations',
    );
    expect(posts).toHaveLength(1);
  });

  it('waits out a transient status before changing an integration', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'))), tenant.fast);
    const [record] = [...tenant.server.fake.integrations.values()].filter((each) => each.type === 'Redshift');
    if (!record) throw new Error('expected one');
    tenant.server.fake.setStatusSequence(record.id, ['editing', 'editing', 'editing', 'enabled']);
    const changes = await plan(tenant.client, await tenant.load(file(entry('analytics', { initialDatabase: 'prod' }))));
    expect(changes.items[0]).toMatchObject({
      action: 'update',
      status: 'editing',
      reason: expect.stringContaining('waits'),
    });
    const result = await apply(tenant.client, changes, tenant.fast);
    expect(result.items[0]).toMatchObject({ outcome: 'done', integration: { status: 'enabled' } });
  });

  it('repairs an integration in an error status by re-sending its config', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'))), tenant.fast);
    const [record] = [...tenant.server.fake.integrations.values()].filter((each) => each.type === 'Redshift');
    if (!record) throw new Error('expected one');
    record.status = 'editError';
    const changes = await plan(tenant.client, await tenant.load(file(entry('analytics'))));
    expect(changes.items[0]).toMatchObject({
      action: 'update',
      status: 'editError',
      reason: expect.stringContaining('re-sends'),
    });
    expect((await apply(tenant.client, changes, tenant.fast)).items[0]?.outcome).toBe('done');
  });

  it('runs at most `concurrency` items at once', async () => {
    let running = 0;
    let most = 0;
    const names = Array.from({ length: 6 }, (_, i) => `cluster${i}`);
    const result = await apply(tenant.client, await tenant.load(file(...names.map((name) => entry(name)))), {
      ...tenant.fast,
      concurrency: 2,
      onEvent: (event) => {
        if (event.type === 'start') most = Math.max(most, ++running);
        if (event.type === 'end') running -= 1;
      },
    });
    expect(result.ok).toBe(true);
    expect(most).toBe(2);
  });

  it('stops starting items after a failure with failFast', async () => {
    tenant.server.fake.fail({ kind: 'http', status: 422, method: 'POST', path: '/integrations' });
    const result = await apply(tenant.client, await tenant.load(file(entry('a1'), entry('a2'), entry('a3'))), {
      ...tenant.fast,
      concurrency: 1,
      failFast: true,
    });
    expect(result.items.map((item) => item.outcome)).toEqual(['failed', 'skipped', 'skipped']);
  });

  describe('manual entries', () => {
    it('run their scripts through runScript, where the guide says, then configure and wait', async () => {
      const ran: RunScriptRequest[] = [];
      const result = await apply(tenant.client, await tenant.load(file(entry('manual', { autoBootstrap: false }))), {
        ...tenant.fast,
        runScript: (script) => {
          ran.push(script);
        },
      });
      expect(ran.map(({ name, step, database }) => [name, step, database])).toEqual([
        ['manual', 'initial-create', 'dev'],
        ['manual', 'create', 'immuta'],
      ]);
      expect(ran[0]?.sql).toContain('CREATE DATABASE "immuta"');
      const changes = await plan(tenant.client, await tenant.load(file(entry('manual', { autoBootstrap: false }))));
      expect(formatPlan(changes)).toContain('= manual [id ');
      expect(formatPlan(changes)).not.toContain('needs scripts run');
      expect(result.items[0]).toMatchObject({
        outcome: 'done',
        integration: { status: 'enabled', autoBootstrap: false },
      });
    });

    it('without runScript are skipped with their scripts, and finished by scriptsRan', async () => {
      const desired = await tenant.load(file(entry('manual', { autoBootstrap: false })));
      const first = await apply(tenant.client, desired, tenant.fast);
      expect(first.items[0]).toMatchObject({
        outcome: 'skipped',
        reason: expect.stringContaining("scriptsRan: ['manual']"),
      });
      expect(first.items[0]?.scripts?.map((script) => script.step)).toEqual(['initial-create', 'create']);
      expect(
        tenant.server.fake.requests.some((request) => request.method === 'POST' && request.path === '/integrations'),
      ).toBe(false);

      const second = await apply(tenant.client, desired, { ...tenant.fast, scriptsRan: ['manual'] });
      expect(second.items[0]).toMatchObject({ action: 'create', outcome: 'done' });
    });

    it('delete with the delete script and no body', async () => {
      const ran: string[] = [];
      const runScript = ({ step }: RunScriptRequest) => void ran.push(step);
      await apply(tenant.client, await tenant.load(file(entry('manual', { autoBootstrap: false }))), {
        ...tenant.fast,
        runScript,
      });
      const result = await apply(
        tenant.client,
        await tenant.load(file(entry('manual', { autoBootstrap: false, state: 'absent' }))),
        {
          ...tenant.fast,
          runScript,
        },
      );
      expect(ran).toEqual(['initial-create', 'create', 'delete']);
      expect(result.items[0]).toMatchObject({ action: 'delete', outcome: 'done' });
    });

    it('a failing runScript fails the item with a ScriptRunError and configures nothing', async () => {
      const events: string[] = [];
      const result = await apply(tenant.client, await tenant.load(file(entry('manual', { autoBootstrap: false }))), {
        ...tenant.fast,
        onEvent: (event) =>
          void events.push(event.type === 'script' ? `script ${event.step} ran=${event.ran}` : event.type),
        runScript: () => {
          throw new Error('psql: connection refused');
        },
      });
      expect(result.items[0]).toMatchObject({
        outcome: 'failed',
        error: { name: 'ScriptRunError', step: 'initial-create' },
      });
      // The script did not run, so no event says it did.
      expect(events).toEqual(['start', 'end']);
      expect(
        tenant.server.fake.requests.some((request) => request.method === 'POST' && request.path === '/integrations'),
      ).toBe(false);
    });
  });

  it('keeps every secret out of plans, renderings, results, errors and logs', async () => {
    tenant.server.fake.fail({ kind: 'http', status: 500, method: 'PUT', times: 10 });
    await apply(tenant.client, await tenant.load(file(entry('analytics'))), tenant.fast);
    const changes = await plan(
      tenant.client,
      await tenant.load(file(entry('analytics', { initialDatabase: 'prod' }))),
      {
        rotateCredentials: true,
      },
    );
    const result = await apply(tenant.client, changes, { ...tenant.fast, concurrency: 1 });
    expect(result.items[0]?.outcome).toBe('failed');
    expectNoCanary(
      [
        formatPlan(changes),
        JSON.stringify(changes),
        JSON.stringify(result),
        String(result.items[0]?.error),
        tenant.logs.join('\n'),
      ].join('\n'),
    );
  });
});
