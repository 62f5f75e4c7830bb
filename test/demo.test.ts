// Runs `npm run demo`'s script as a real subprocess; real sockets only, no MSW in this file.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startFakeImmutaServer } from '../src/testing/index.js';

const run = promisify(execFile);
const tsx = join('node_modules', '.bin', 'tsx');

async function demo(env: Record<string, string>, args: string[] = []) {
  const { IMMUTA_URL: _url, IMMUTA_API_KEY: _key, ...inherited } = process.env;
  return run(tsx, ['examples/demo.ts', ...args], {
    env: { ...inherited, IMMUTA_DEMO_SETTLE_MS: '50', ...env },
    timeout: 60_000,
  });
}

describe.concurrent('npm run demo', () => {
  it('runs the whole lifecycle against the embedded fake and prints no secret', async () => {
    const { stdout, stderr } = await demo({});

    expect(stdout).toContain('Target: embedded fake Immuta at http://127.0.0.1:');
    expect(stdout).toMatch(/Wait until it is enabled[\s\S]*→ enabled/);
    expect(stdout).toMatch(/Snowflake[\s\S]*Databricks[\s\S]*Redshift/);
    expect(stdout).toContain('"password": "<REDACTED>"');
    expect(stdout).toContain('CREATE DATABASE "immuta";');
    expect(stdout).toMatch(/→ deleted[\s\S]*→ enabled[\s\S]*→ deleted/);
    expect(stdout).toContain('Done:');
    const output = stdout + stderr;
    expect(output).not.toMatch(/demo-[a-z0-9]{6,}/); // the generated passwords
    expect(output).not.toContain('demo_admin@redshift.example');
    expect(output).not.toContain('demo-key-');
  });

  it('is read-only against a tenant named by IMMUTA_URL and IMMUTA_API_KEY', async () => {
    const server = await startFakeImmutaServer({ apiKey: 'tenant-key-0123456789' });
    try {
      const { stdout } = await demo({ IMMUTA_URL: server.url, IMMUTA_API_KEY: 'tenant-key-0123456789' });
      expect(stdout).toContain(`Target: ${server.url}/ (from IMMUTA_URL)`);
      expect(stdout).toContain('Read-only run.');
      expect(stdout).not.toContain('tenant-key-0123456789');
      expect([...server.fake.integrations.values()].map((each) => each.type)).toEqual(['Snowflake', 'Databricks']);
    } finally {
      await server.close();
    }
  });

  it('creates, updates and deletes on a tenant only with --write and a payload file', async () => {
    const server = await startFakeImmutaServer({ apiKey: 'tenant-key-0123456789', settle: { reads: 0 } });
    const file = join(tmpdir(), `demo-payload-${process.pid}.yaml`);
    await writeFile(
      file,
      [
        'type: Redshift',
        'autoBootstrap: true',
        'config:',
        '  host: tenant.aws.amazon.com',
        '  database: immuta',
        '  initialDatabase: dev',
        '  authenticationType: userPassword',
        '  username: cluster_admin',
        '  password: Sup3r-Secret-Cluster-Pass',
      ].join('\n'),
    );
    try {
      const { stdout } = await demo({ IMMUTA_URL: server.url, IMMUTA_API_KEY: 'tenant-key-0123456789' }, [
        '--write',
        '--payload',
        file,
      ]);
      expect(stdout).toMatch(/→ deleted\s*$/);
      expect(stdout).not.toContain('Sup3r-Secret-Cluster-Pass');
      expect(stdout).not.toContain('cluster_admin');
    } finally {
      await server.close();
    }
  });
});
