// Runs the built CLI as a real subprocess against the fake Immuta over HTTP. Real sockets only: no MSW here.
import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';
import { useCli } from './support/cli.js';

const harness = useCli();
const { cli, payload, file, KEY } = harness;

describe.concurrent('help and version', () => {
  it('prints the version', async () => {
    expect(await cli(['--version'])).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  });

  it('lists the commands and the exit codes', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    for (const command of [
      'list',
      'get',
      'status',
      'create',
      'update',
      'delete',
      'wait',
      'script',
      'validate',
      'fake-server',
    ]) {
      expect(stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
    }
    expect(stdout).toContain('130  interrupted (Ctrl-C)');
  });

  it.each(['list', 'get', 'create', 'delete', 'wait', 'script', 'validate', 'fake-server'])(
    'has --help with an example for %s',
    async (command) => {
      const { code, stdout } = await cli([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: immuta-redshift /);
      expect(stdout).toMatch(/^Example: immuta-redshift /m);
    },
  );
});

describe('reading', () => {
  it('lists integrations as JSON when stdout is not a terminal', async () => {
    const { code, stdout } = await cli(['list']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { type: string }[]).map((each) => each.type)).toEqual(['Snowflake', 'Databricks']);
  });

  it('prints a table or YAML on request', async () => {
    const table = await cli(['list', '--output', 'table']);
    expect(table.stdout).toMatch(/^ID\s+TYPE\s+STATUS\s+HOST$/m);
    expect(table.stdout).toMatch(/^2\s+Databricks\s+enabled\s+www\.example-workspace/m);
    const yaml = await cli(['list', '-o', 'yaml']);
    expect(yaml.stdout).toContain('- id: "1"');
  });

  it('gets one integration with its credentials redacted, and its status', async () => {
    const { stdout } = await cli(['create', '-f', await file('get.yaml', payload(true))]);
    const { id } = JSON.parse(stdout) as { id: string };
    const got = await cli(['get', id]);
    expect(JSON.parse(got.stdout)).toMatchObject({ id, type: 'Redshift', config: { password: '<REDACTED>' } });
    const status = await cli(['status', id]);
    expect(JSON.parse(status.stdout)).toEqual({ id, status: expect.any(String) });
  });

  it('reads the key from --api-key-file and the tenant from --url', async () => {
    const keyFile = await file('key.txt', `${KEY}\n`);
    const { code } = await cli(['list', '--url', harness.server.url, '--api-key-file', keyFile], {
      env: { IMMUTA_URL: '', IMMUTA_API_KEY: '' },
    });
    expect(code).toBe(0);
  });
});

describe('scripts and validation', () => {
  it('prints only the SQL of each script, ready to pipe', async () => {
    const manual = await file('manual.yaml', payload(false));
    const first = await cli(['script', 'initial-create', '-f', manual]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^-- STAND-IN for Immuta's initial-create script/);
    expect(first.stderr).toBe('');
    expect((await cli(['script', 'create', '-f', manual])).stdout).toContain("STAND-IN for Immuta's create script");
    const configured = JSON.parse((await cli(['create', '-f', manual, '--wait'])).stdout) as { id: string };
    expect((await cli(['script', 'edit', configured.id, '-f', manual])).stdout).toContain(
      "STAND-IN for Immuta's edit script",
    );
    expect((await cli(['script', 'delete', configured.id])).stdout).toContain('DROP USER IF EXISTS "immuta_system";');
    expect((await cli(['script', 'cleanup', '-f', manual])).stdout).toContain('cleanup');
  });

  it('validates a good payload offline', async () => {
    const { code, stdout } = await cli(['validate', '-f', await file('ok.yaml', payload(true))], {
      env: { IMMUTA_URL: '', IMMUTA_API_KEY: '' },
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ valid: true, payload: { config: { password: '<REDACTED>' } } });
  });

  it('lists every problem of a bad payload with its path, exit 2', async () => {
    const bad = payload(true)
      .replace('host: cli.aws.amazon.com', 'host: https://cli.aws.amazon.com')
      .replace('database: immuta', 'databse: immuta');
    const { code, stdout, stderr } = await cli(['validate', '-f', await file('bad.yaml', bad)]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: invalid Redshift integration payload \(3 problems\):\n/);
    expect(stderr).toMatch(/^ {2}config\.host: must be a host name, not a URL/m);
    expect(stderr).toMatch(/^ {2}config\.databse: unknown field — did you mean database\?$/m);
  });
});
