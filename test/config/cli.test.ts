// The config-as-code commands as a user meets them: the built CLI in a real subprocess, a fake Immuta over HTTP.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { desiredStateJsonSchema, payloadJsonSchema } from '../../src/config/index.js';
import { run } from '../../src/cli/run.js';
import { useCli } from '../support/cli.js';

const harness = useCli();
const { cli, file, USER, PASSWORD } = harness;
const env = { RS_USER: USER, RS_PASSWORD: PASSWORD };

const desired = (entries: { name: string; autoBootstrap?: boolean; initialDatabase?: string }[]) =>
  [
    'integrations:',
    ...entries.flatMap(({ name, autoBootstrap = true, initialDatabase = 'dev' }) => [
      `  ${name}:`,
      `    autoBootstrap: ${autoBootstrap}`,
      '    config:',
      `      host: ${name}.cli.example.com`,
      '      database: immuta',
      `      initialDatabase: ${initialDatabase}`,
      '      authenticationType: userPassword',
      '      username: ${env:RS_USER}',
      '      password: ${env:RS_PASSWORD}',
    ]),
  ].join('\n');

describe('plan, apply, export and schema on the command line', () => {
  it('plan exits 5 while changes are pending and 0 once apply --yes converged', async () => {
    const path = await file('desired.yaml', desired([{ name: 'analytics' }, { name: 'finance' }]));
    const planned = await cli(['plan', '-f', path, '-o', 'table'], { env });
    expect(planned.code).toBe(5);
    expect(planned.stdout).toContain('Plan: 2 to create, 0 to update, 0 to delete');
    expect(planned.stdout).toContain('+ analytics: create');

    const asData = await cli(['plan', '-f', path, '-o', 'json'], { env });
    expect(asData.code).toBe(5);
    expect(JSON.parse(asData.stdout)).toMatchObject({
      hasChanges: true,
      items: [{ name: 'analytics', action: 'create' }, {}],
    });

    const applied = await cli(['apply', '-f', path, '--yes'], { env });
    expect(applied.code).toBe(0);
    expect(applied.stderr).toMatch(/^analytics: create … \(\d+\.\d s\)$/m);
    expect(applied.stderr).toMatch(/^finance: enabled \(\d+\.\d s\)$/m);
    expect(JSON.parse(applied.stdout)).toMatchObject({ ok: true, items: [{ outcome: 'done' }, { outcome: 'done' }] });

    const clean = await cli(['plan', '-f', path], { env });
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ hasChanges: false });
  });

  it('catches drift: a change by hand makes plan exit 5 with the field, before → after', async () => {
    const path = await file('drift.yaml', desired([{ name: 'analytics' }]));
    expect((await cli(['apply', '-f', path, '--yes'], { env })).code).toBe(0);
    const [record] = [...harness.server.fake.integrations.values()].filter((each) => each.type === 'Redshift');
    if (!record) throw new Error('expected an integration');
    record.config.initialDatabase = 'changed_by_hand';
    const planned = await cli(['plan', '-f', path, '-o', 'table'], { env });
    expect(planned.code).toBe(5);
    expect(planned.stdout).toContain('config.initialDatabase: "changed_by_hand" → "dev"');
  });

  it('apply refuses to change anything without --yes when not on a terminal', async () => {
    const path = await file('noyes.yaml', desired([{ name: 'analytics' }]));
    const refused = await cli(['apply', '-f', path], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('pass --yes');
    expect(harness.server.fake.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('plans with every credential variable unset (exit 5), and apply then refuses before any write (exit 2)', async () => {
    const path = await file('missing.yaml', desired([{ name: 'analytics' }]));
    const planned = await cli(['plan', '-f', path], { env: {} });
    expect(planned.code).toBe(5);
    expect(JSON.parse(planned.stdout)).toMatchObject({
      items: [
        {
          name: 'analytics',
          action: 'create',
          unresolved: [
            { field: 'config.username', reference: '${env:RS_USER}', problem: 'the environment variable is not set' },
            {
              field: 'config.password',
              reference: '${env:RS_PASSWORD}',
              problem: 'the environment variable is not set',
            },
          ],
        },
      ],
    });
    const applied = await cli(['apply', '-f', path, '--yes'], { env: { RS_USER: USER } });
    expect(applied.code).toBe(2);
    expect(applied.stderr).toContain(
      'integrations.analytics.config.password: ${env:RS_PASSWORD}: the environment variable is not set',
    );
    expect(harness.server.fake.requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('writes manual scripts to --scripts-dir (exit 5: pending), and finishes with --scripts-ran', async () => {
    const path = await file('manual.yaml', desired([{ name: 'manual', autoBootstrap: false }]));
    const dir = join(await file('unused', ''), '..', 'scripts-out');
    const first = await cli(['apply', '-f', path, '--yes', '--scripts-dir', dir], { env });
    expect(first.code).toBe(5);
    expect((await readdir(dir)).sort()).toEqual(['manual.create.sql', 'manual.initial-create.sql']);
    expect(await readFile(join(dir, 'manual.initial-create.sql'), 'utf8')).toContain('CREATE DATABASE "immuta";');
    expect(first.stderr).toContain('(run it in database dev)');

    expect(JSON.parse(first.stdout)).toMatchObject({
      items: [{ outcome: 'skipped', reason: expect.stringContaining('then apply again with --scripts-ran manual') }],
    });
    const automatic = await file('automatic.yaml', desired([{ name: 'auto' }]));
    const refused = await cli(['apply', '-f', automatic, '--yes', '--scripts-ran', 'auto'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('an automatic entry (autoBootstrap: true): it has no scripts to run');

    const second = await cli(['apply', '-f', path, '--yes', '--scripts-ran', 'manual'], { env });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ items: [{ action: 'create', outcome: 'done' }] });
  });

  it('exports the tenant as a file that plans clean once its variables are set', async () => {
    const path = await file('seed.yaml', desired([{ name: 'analytics' }]));
    expect((await cli(['apply', '-f', path, '--yes'], { env })).code).toBe(0);
    const exported = await cli(['export']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^# yaml-language-server: \$schema=/);
    const asJson = JSON.parse((await cli(['export', '-o', 'json'])).stdout) as {
      integrations: Record<string, unknown>;
    };
    expect(Object.keys(asJson.integrations)).toEqual(['analytics-cli-example-com']);

    const back = await file('exported.yaml', exported.stdout);
    const variables = { ANALYTICS_CLI_EXAMPLE_COM_USERNAME: USER, ANALYTICS_CLI_EXAMPLE_COM_PASSWORD: PASSWORD };
    expect((await cli(['plan', '-f', back], { env: variables })).code).toBe(0);
  });

  it("describes each command's file, output and exit codes in its own terms", async () => {
    const apply = (await cli(['apply', '--help'])).stdout;
    expect(apply).toContain('-f, --file <path>        the desired-state file');
    expect(apply).toMatch(/^ {2}1 {4}an entry failed/m);
    expect(apply).toMatch(/^ {2}5 {4}manual entries wait for their scripts/m);
    expect((await cli(['plan', '--help'])).stdout).toMatch(/^ {2}5 {4}changes are pending/m);
    expect((await cli(['export', '--help'])).stdout).toContain('Output: a desired-state file: YAML by default');
  });

  it('refuses a bad --concurrency, reports a plan error as exit 2, and re-sends credentials on request', async () => {
    const path = await file('options.yaml', desired([{ name: 'analytics' }]));
    const bad = await cli(['apply', '-f', path, '--yes', '--concurrency', '0'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--concurrency must be a whole number from 1 to 64');
    expect((await cli(['apply', '-f', path, '--yes'], { env })).code).toBe(0);

    const rotated = await cli(['plan', '-f', path, '--rotate-credentials', '-o', 'table'], { env });
    expect(rotated.code).toBe(5);
    expect(rotated.stdout).toContain('~ analytics');

    const flipped = await cli(
      ['plan', '-f', await file('flip.yaml', desired([{ name: 'analytics', autoBootstrap: false }]))],
      {
        env,
      },
    );
    expect(flipped.code).toBe(2);
    expect(flipped.stderr).toMatch(
      /^error: cannot plan \(1 problem\):\n {2}analytics: integration \d+ has autoBootstrap: true/,
    );
    // schema prints JSON, also when asked for it, or YAML; a table it cannot print.
    const json = await cli(['schema', '-o', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(desiredStateJsonSchema());
    expect((await cli(['schema', '--payload', '-o', 'yaml'])).stdout).toContain(
      'title: Immuta Redshift integration payload',
    );
    expect((await cli(['schema', '-o', 'table'])).code).toBe(2);
  });

  it('prints the JSON Schemas', async () => {
    const file = await cli(['schema']);
    expect(file.code).toBe(0);
    expect(JSON.parse(file.stdout)).toEqual(desiredStateJsonSchema());
    expect(JSON.parse((await cli(['schema', '--payload'])).stdout)).toEqual(payloadJsonSchema());
  });

  it('asks before applying on a terminal, and applies nothing unless the answer is yes', async () => {
    const path = await file('ask.yaml', desired([{ name: 'analytics' }]));
    const io = (answer: string) => {
      const out: string[] = [];
      return {
        out,
        io: {
          stdout: { write: (text: string) => out.push(text), isTTY: false },
          stderr: { write: (text: string) => out.push(text), isTTY: false },
          stdin: Object.assign(
            (async function* () {
              yield `${answer}\n`;
            })(),
            { isTTY: true },
          ),
          env: { ...env, IMMUTA_URL: harness.server.url, IMMUTA_API_KEY: harness.KEY },
          signal: new AbortController().signal,
        },
      };
    };
    const declined = io('no');
    expect(await run(['apply', '-f', path], declined.io)).toBe(5);
    expect(declined.out.join('')).toContain('Apply these changes? Type yes to go on: ');
    expect(declined.out.join('')).toContain('Nothing was applied.');
    expect(harness.server.fake.requests.filter((request) => request.method !== 'GET')).toEqual([]);

    const accepted = io('yes');
    expect(await run(['apply', '-f', path, '-o', 'json'], accepted.io)).toBe(0);
    expect(harness.server.fake.requests.some((request) => request.method === 'POST')).toBe(true);
  });
});
