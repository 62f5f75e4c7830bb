// What a hostile or broken server can do to plan, apply and export: echoes of secrets, lost answers, late lists,
// odd items. Each test is a defect a review found, fixed at its cause.
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  PayloadValidationError,
  PlanError,
  PlanStaleError,
  RedshiftIntegrationClient,
} from '../../src/index.js';
import { apply, exportDesiredState, loadDesiredState, plan, toDesiredStateYaml } from '../../src/config/index.js';
import { API_KEY, CANARIES, entry, ENV, expectNoCanary, file, useTenant } from './support.js';

const tenant = useTenant();

/** A client whose server is the fake, except where `answer` answers instead (undefined: the fake answers). */
function hostile(answer: (request: Request, path: string) => Promise<Response | undefined> | Response | undefined) {
  const logs: string[] = [];
  const log = (message: string, fields?: object) => logs.push(`${message} ${JSON.stringify(fields ?? {})}`);
  const client = new RedshiftIntegrationClient({
    baseUrl: tenant.server.url,
    apiKey: API_KEY,
    logger: { debug: log, info: log, warn: log, error: log },
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const own = await answer(request.clone(), new URL(request.url).pathname);
      return own ?? fetch(request);
    },
  });
  return { client, logs };
}

const json = (value: unknown, status = 200) => Response.json(value, { status });
const redshiftCount = () =>
  [...tenant.server.fake.integrations.values()].filter((each) => each.type === 'Redshift').length;
const posts = () =>
  tenant.server.fake.requests.filter((request) => request.method === 'POST' && request.path === '/integrations');

describe('export never turns a tenant value into a reference', () => {
  it('writes ${ as $${, so apply sends the text back, never a file or variable of the machine it runs on', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'))), tenant.fast);
    const [record] = [...tenant.server.fake.integrations.values()].filter((each) => each.type === 'Redshift');
    if (!record) throw new Error('expected one');
    record.config.initialDatabase = '${env:CI_SECRET}';
    record.config.impersonation = { enabled: true, role: '${file:/etc/hostname}\n$schema: injected' };

    const yaml = toDesiredStateYaml(await exportDesiredState(tenant.client));
    expect(yaml).toMatch(/initialDatabase: ["']?\$\$\{env:CI_SECRET\}/);
    expect(yaml).not.toMatch(/^#\s+CI_SECRET$/m);
    expect(yaml).not.toMatch(/^\$schema/m);

    const variables = Object.fromEntries(
      [...yaml.matchAll(/^#\s{3}(\w+)$/gm)].map((match) => [match[1] ?? '', `value-${match[1] ?? ''}`]),
    );
    const loaded = await loadDesiredState(yaml, { env: { ...variables, CI_SECRET: 'ci-secret-canary-9911' } });
    const changes = await plan(tenant.client, loaded, { rotateCredentials: true });
    await apply(tenant.client, changes, tenant.fast);
    expect(record.config.initialDatabase).toBe('${env:CI_SECRET}');
    expect(JSON.stringify(record.config)).not.toContain('ci-secret-canary-9911');
  });
});

describe('never a duplicate create', () => {
  it('a port a server sends as a string still matches its entry: no new POST', async () => {
    const desired = await tenant.load(
      file(entry('analytics')).replace('      database: immuta', '      port: 5440\n      database: immuta'),
    );
    await apply(tenant.client, desired, tenant.fast);
    const [record] = [...tenant.server.fake.integrations.values()].filter((each) => each.type === 'Redshift');
    if (!record) throw new Error('expected one');
    record.config.port = '5440';
    // The item is not of the documented shape, so it is a plan error — never a second create.
    await expect(plan(tenant.client, desired)).rejects.toBeInstanceOf(PlanError);
    expect(posts()).toHaveLength(1);
  });

  it('reads the tenant again when the list is late after a lost create, and adopts what shows up', async () => {
    let postSeen = false;
    let lateLists = 0;
    const { client } = hostile(async (request, path) => {
      if (request.method === 'POST' && path === '/integrations') {
        postSeen = true;
        await fetch(request); // carried out …
        throw new TypeError('fetch failed'); // … and its answer lost
      }
      if (postSeen && request.method === 'GET' && path === '/integrations' && lateLists < 2) {
        lateLists += 1;
        return json([]); // the new integration is not listed yet
      }
      return undefined;
    });
    const result = await apply(client, await tenant.load(file(entry('analytics'))), tenant.fast);
    expect(result.items[0]).toMatchObject({ outcome: 'done', integration: { status: 'enabled' } });
    expect(lateLists).toBe(2);
    expect(posts()).toHaveLength(1);
    expect(redshiftCount()).toBe(1);
  });

  it('refuses to adopt an integration that has the key but differs from the entry', async () => {
    await tenant.client.createAndWait(
      {
        type: 'Redshift',
        autoBootstrap: true,
        config: {
          host: 'analytics.abc123.us-east-1.redshift.amazonaws.com',
          database: 'immuta',
          initialDatabase: 'someone-elses',
          authenticationType: 'userPassword',
          username: 'u',
          password: 'p',
        },
      },
      { minDelayMs: 5 },
    );
    let lists = 0;
    // The first list (the plan's) and the check before the create miss it; the create then gets Immuta's 409.
    const { client } = hostile((request, path) =>
      request.method === 'GET' && path === '/integrations' && lists++ < 2 ? json([]) : undefined,
    );
    const result = await apply(client, await tenant.load(file(entry('analytics'))), tenant.fast);
    expect(result.items[0]?.outcome).toBe('failed');
    expect(result.items[0]?.error).toBeInstanceOf(PlanStaleError);
    expect((result.items[0]?.error as PlanStaleError).changed[0]).toContain('config.initialDatabase');
  });
});

describe('no secret in errors, results, events or logs, whatever the server echoes', () => {
  it("an error of the list, echoing the client's key and a credential field, is scrubbed", async () => {
    const { client } = hostile((request, path) =>
      request.method === 'GET' && path === '/integrations'
        ? json(
            {
              statusCode: 400,
              error: 'Bad Request',
              message: `bad key ${API_KEY}; "password": "${CANARIES.RS_PASSWORD}", username=${CANARIES.RS_USER}`,
            },
            400,
          )
        : undefined,
    );
    const error = await plan(client, await tenant.load(file(entry('analytics')))).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(Error);
    expectNoCanary(`${String(error)} ${JSON.stringify(error)}`);
  });

  it('ids, statuses and unmasked configs a server echoes never reach a result or an event', async () => {
    const events: unknown[] = [];
    const { client, logs } = hostile(async (request, path) => {
      if (request.method === 'GET' && /^\/integrations\/\d+$/.test(path)) {
        const body = (await (await fetch(request)).json()) as { config: Record<string, unknown> };
        return json({
          ...body,
          config: { ...body.config, username: CANARIES.RS_USER, password: CANARIES.RS_PASSWORD },
        });
      }
      if (request.method === 'GET' && path === '/integrations') {
        const list = (await (await fetch(request)).json()) as object[];
        return json([...list, { id: CANARIES.RS_PASSWORD, status: 'enabled' }]);
      }
      return undefined;
    });
    const result = await apply(client, await tenant.load(file(entry('analytics'))), {
      ...tenant.fast,
      onEvent: (event) => events.push(event),
    });
    expect(result.items[0]?.outcome).toBe('done');
    expectNoCanary(JSON.stringify([result, events, logs]));
  });

  it("an unmanaged integration's name, made from its host, hides the client's key", async () => {
    const secret = API_KEY;
    await tenant.client.createAndWait(
      {
        type: 'Redshift',
        autoBootstrap: true,
        config: {
          host: `${secret}.example.com`,
          database: 'immuta',
          initialDatabase: 'dev',
          authenticationType: 'userPassword',
          username: 'u',
          password: 'p',
        },
      },
      { minDelayMs: 5 },
    );
    const desired = await loadDesiredState(file(entry('analytics')), { env: ENV });
    const changes = await plan(tenant.client, desired);
    expect(changes.items[1]?.action).toBe('unmanaged');
    expect(JSON.stringify(changes).toLowerCase()).not.toContain(secret.toLowerCase());
  });

  it('refuses an item when the server answers for another integration', async () => {
    await apply(tenant.client, await tenant.load(file(entry('analytics'))), tenant.fast);
    const { client } = hostile(async (request, path) => {
      if (request.method === 'GET' && /^\/integrations\/\d+$/.test(path)) {
        const body = (await (await fetch(request)).json()) as object;
        return json({ ...body, id: '424242' });
      }
      return undefined;
    });
    const changes = await plan(client, await tenant.load(file(entry('analytics', { initialDatabase: 'prod' }))));
    const result = await apply(client, changes, tenant.fast);
    expect(result.items[0]?.error).toBeInstanceOf(PlanStaleError);
    expect(tenant.server.fake.requests.some((request) => request.method === 'PUT')).toBe(false);
  });
});

describe('only ImmutaErrors, only as results or rejections', () => {
  it('an onEvent that throws something whose name throws does not stop apply', async () => {
    const result = await apply(tenant.client, await tenant.load(file(entry('analytics'))), {
      ...tenant.fast,
      onEvent: () => {
        throw Object.defineProperty({}, 'name', {
          get() {
            throw new Error('gotcha');
          },
        });
      },
    });
    expect(result.ok).toBe(true);
  });

  it('a list with null and odd items still plans', async () => {
    const { client } = hostile((request, path) =>
      request.method === 'GET' && path === '/integrations'
        ? json([null, { id: { toString: 1 }, status: 'enabled', type: 'Redshift' }, 7])
        : undefined,
    );
    const changes = await plan(client, await tenant.load(file(entry('analytics'))));
    expect(changes.items.map((item) => item.action)).toEqual(['create', 'unmanaged']);
  });

  it('loadDesiredState takes null options, and refuses options of the wrong kind', async () => {
    const text = file(entry('analytics', { password: 'plain' })).replace('${env:RS_USER}', 'user');
    expect((await loadDesiredState(text, null)).names).toEqual(['analytics']);
    await expect(loadDesiredState(text, { baseDir: 5 as unknown as string })).rejects.toBeInstanceOf(
      ConfigurationError,
    );
  });
});

describe('${file:…} reads at most 64 KiB, whatever the file says of itself', () => {
  it('refuses a device, a folder, a FIFO, a large file and procfs files that claim to be empty — at once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'refs-'));
    await writeFile(join(dir, 'big.txt'), 'x'.repeat(100_000));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    for (const [target, message] of [
      ['/dev/zero', 'not a regular file'],
      [dir, 'not a regular file'],
      ['pipe', 'not a regular file'],
      ['big.txt', 'the file is larger than 64 KiB'],
      // procfs reports a size of 0 for files far larger: only a bounded read tells.
      ['/proc/kallsyms', 'the file is larger than 64 KiB'],
      // …or that cannot be read in one bounded piece at all.
      ['/proc/self/pagemap', 'cannot read the file (EINVAL)'],
    ] as const) {
      // A field plan compares resolves at load; a credential's reference at apply — by the same bounded read.
      const initialDatabase = `\${file:${target}}`;
      const error = await loadDesiredState(file(entry('analytics', { initialDatabase })), {
        env: ENV,
        baseDir: dir,
      }).catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(PayloadValidationError);
      expect((error as PayloadValidationError).issues[0]?.message).toBe(`\${file:${target}}: ${message}`);
    }
    const desired = await loadDesiredState(file(entry('analytics', { password: '${file:pipe}' })), {
      env: ENV,
      baseDir: dir,
    });
    const refused = await apply(tenant.client, desired, tenant.fast).catch((failure: unknown) => failure);
    expect((refused as PayloadValidationError).issues[0]?.message).toBe('${file:pipe}: not a regular file');
    expect(tenant.writes()).toEqual([]);
  });
});
