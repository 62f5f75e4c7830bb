// A plan saved as JSON and applied later, and files pinned to their tenant. Over real HTTP against the fake.
import { describe, expect, it } from 'vitest';
import { ConfigurationError, PlanStaleError, RedshiftIntegrationClient } from '../../src/index.js';
import { apply, loadDesiredState, plan, type PlanData } from '../../src/config/index.js';
import { API_KEY, entry, ENV, expectNoCanary, file, useTenant } from './support.js';

const tenant = useTenant();

/** The plan as a CI job stores it: JSON text, read back later. */
const saved = (value: unknown): PlanData => JSON.parse(JSON.stringify(value)) as PlanData;

describe('a plan saved as JSON', () => {
  it('holds no secret, and is applied later with the desired state it was made from', async () => {
    const desired = await tenant.load(file(entry('analytics'), entry('finance')));
    const data = saved(await plan(tenant.client, desired));
    expectNoCanary(JSON.stringify(data));
    expect(data.basis).toMatchObject({ format: 1, rotateCredentials: false });

    const result = await apply(tenant.client, data, { ...tenant.fast, desired });
    expect(result.items.map((item) => [item.name, item.outcome])).toEqual([
      ['analytics', 'done'],
      ['finance', 'done'],
    ]);
  });

  it('is refused when the tenant changed since it was made: nothing is sent', async () => {
    const desired = await tenant.load(file(entry('analytics')));
    const data = saved(await plan(tenant.client, desired));
    await apply(tenant.client, desired, tenant.fast); // someone else applied it meanwhile
    const writes = tenant.writes().length;
    const error = await apply(tenant.client, data, { ...tenant.fast, desired }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(PlanStaleError);
    expect((error as PlanStaleError).message).toContain('the plan said create, it is now noop');
    expect(tenant.writes().length).toBe(writes);
  });

  it('is refused with another desired state, or without one', async () => {
    const desired = await tenant.load(file(entry('analytics')));
    const data = saved(await plan(tenant.client, desired));
    const other = await tenant.load(file(entry('analytics', { initialDatabase: 'prod' })));
    for (const options of [{ desired: other }, {}]) {
      const error = await apply(tenant.client, data, { ...tenant.fast, ...options }).catch(
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(ConfigurationError);
    }
    expect(tenant.writes()).toEqual([]);
  });
});

describe('a file pinned to its tenant', () => {
  const pinned = (url: string) => `tenant: ${url}\n${file(entry('analytics'))}`;

  it('plans against its own tenant — any case of host, with or without a trailing slash', async () => {
    const url = tenant.server.url.replace('127.0.0.1', '127.0.0.1'.toUpperCase());
    const changes = await plan(tenant.client, await loadDesiredState(pinned(`${url}/`), { env: ENV }));
    expect(changes.items[0]?.action).toBe('create');
  });

  it('refuses another tenant, naming both, before anything is read or sent', async () => {
    const desired = await loadDesiredState(pinned('https://prod.immuta.example.com'), { env: ENV });
    const requests = tenant.server.fake.requests.length;
    for (const attempt of [() => plan(tenant.client, desired), () => apply(tenant.client, desired, tenant.fast)]) {
      const error = (await attempt().catch((failure: unknown) => failure)) as ConfigurationError;
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toContain('https://prod.immuta.example.com');
      expect(error.message).toContain(tenant.server.url);
    }
    expect(tenant.server.fake.requests.length).toBe(requests);
  });

  it('refuses a saved plan made for another tenant', async () => {
    const desired = await tenant.load(file(entry('analytics')));
    const data = saved(await plan(tenant.client, desired));
    const elsewhere = new RedshiftIntegrationClient({
      baseUrl: `${tenant.server.url}/other-prefix`,
      apiKey: API_KEY,
    });
    const error = await apply(elsewhere, data, { desired }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ConfigurationError);
  });
});
