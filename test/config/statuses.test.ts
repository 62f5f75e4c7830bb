// The statuses plan reports and apply handles, and an apply cut short: over real HTTP against the fake.
import { describe, expect, it } from 'vitest';
import { apply, plan, type RunScriptRequest } from '../../src/config/index.js';
import { entry, file, useTenant } from './support.js';

const tenant = useTenant();

const onlyRecord = () => {
  const [record] = [...tenant.server.fake.integrations.values()].filter((each) => each.type === 'Redshift');
  if (!record) throw new Error('expected one integration');
  return record;
};

describe('statuses', () => {
  it('re-sends the config of a disabled integration, saying that re-enabling is not documented', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'))), tenant.fast);
    onlyRecord().status = 'disabled';
    const changes = await plan(tenant.client, await tenant.load(file(entry('analytics'))));
    expect(changes.items[0]).toMatchObject({
      action: 'update',
      status: 'disabled',
      reason: expect.stringContaining('not documented'),
    });
    expect((await apply(tenant.client, changes, tenant.fast)).items[0]).toMatchObject({
      outcome: 'done',
      integration: { status: 'enabled' },
    });
  });

  it('waits for an integration being deleted to go, then creates the entry afresh', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'))), tenant.fast);
    const record = onlyRecord();
    tenant.server.fake.setStatusSequence(record.id, ['deleting', 'deleting', 'deleted']);
    const changes = await plan(tenant.client, await tenant.load(file(entry('analytics'))));
    expect(changes.items[0]).toMatchObject({
      action: 'create',
      id: record.id,
      reason: expect.stringContaining('creates it afresh'),
    });
    const result = await apply(tenant.client, changes, tenant.fast);
    expect(result.items[0]).toMatchObject({ outcome: 'done', integration: { status: 'enabled' } });
    expect(result.items[0]?.id).not.toBe(record.id);
  });

  it('removes a manual integration that failed to create with the cleanup script, not the delete script', async () => {
    const runScript =
      (steps: string[]) =>
      ({ step }: RunScriptRequest) =>
        void steps.push(step);
    await apply(tenant.client, await tenant.load(file(entry('manual', { autoBootstrap: false }))), {
      ...tenant.fast,
      runScript: runScript([]),
    });
    onlyRecord().status = 'createError';
    const absent = await tenant.load(file(entry('manual', { autoBootstrap: false, state: 'absent' })));
    const changes = await plan(tenant.client, absent);
    expect(changes.items[0]).toMatchObject({ action: 'delete', reason: expect.stringContaining('cleanup script') });
    const steps: string[] = [];
    const result = await apply(tenant.client, changes, { ...tenant.fast, runScript: runScript(steps) });
    expect(steps).toEqual(['cleanup']);
    expect(result.items[0]).toMatchObject({ outcome: 'done' });
  });
});

describe('an apply cut short', () => {
  it('stops at the signal: the item in flight fails, those not started are skipped, nothing is sent after', async () => {
    const controller = new AbortController();
    const result = await apply(tenant.client, await tenant.load(file(entry('a1'), entry('a2'), entry('a3'))), {
      ...tenant.fast,
      concurrency: 1,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'status') controller.abort();
      },
    });
    expect(result.items.map((item) => item.outcome)).toEqual(['failed', 'skipped', 'skipped']);
    expect(result.items[1]?.reason).toBe('interrupted before it started: nothing was sent for it');
    expect(tenant.server.fake.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });
});
