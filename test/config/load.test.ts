import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PayloadValidationError } from '../../src/index.js';
import { type DesiredState, loadDesiredState } from '../../src/config/index.js';
import { credentialsOf, loadedOf } from '../../src/config/state.js';

/** The first entry's payload with its credentials resolved, as apply sends it. */
async function resolvedPayload(desired: DesiredState) {
  const loaded = loadedOf(desired);
  if (!loaded?.entries[0]) throw new Error('not loaded');
  return credentialsOf(loaded, loaded.entries[0]);
}

const entry = (config: string, extra = '') => `
integrations:
  analytics-prod:
    autoBootstrap: true${extra}
    config:
      host: analytics.abc123.us-east-1.redshift.amazonaws.com
      database: immuta
      initialDatabase: dev
      authenticationType: userPassword
${config}
`;

async function problems(text: string, options = {}): Promise<string[]> {
  const error = await loadDesiredState(text, options).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(PayloadValidationError);
  return (error as PayloadValidationError).issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe('loadDesiredState', () => {
  it('resolves ${env:…} references, and keeps the resolved values out of what it shows', async () => {
    const desired = await loadDesiredState(
      entry('      username: ${env:RS_USER}\n      password: ${env:RS_PASSWORD}'),
      { env: { RS_USER: 'svc_immuta', RS_PASSWORD: 'pw-canary-7b1e9a' } },
    );
    expect(desired.names).toEqual(['analytics-prod']);
    expect(desired.resolved).toBe(true);
    const shown = JSON.stringify(desired) + String(desired.document.integrations['analytics-prod']?.config.host);
    expect(shown).toContain('${env:RS_PASSWORD}');
    expect(shown).not.toContain('pw-canary-7b1e9a');
    expect(shown).not.toContain('svc_immuta');
  });

  it('reads ${file:…} relative to baseDir, trimming one trailing newline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'desired-'));
    await writeFile(join(dir, 'password.txt'), 'from-a-file-canary\n\n');
    await writeFile(join(dir, 'user.txt'), 'svc\n');
    const desired = await loadDesiredState(
      entry('      username: ${file:user.txt}\n      password: ${file:password.txt}'),
      { baseDir: dir, env: {} },
    );
    expect(desired.names).toEqual(['analytics-prod']);
    // Only one newline is trimmed: the second is part of the password, and so the payload check sees it.
    // (A password may hold a newline; what matters is that exactly one was removed.)
    const payload = await resolvedPayload(desired);
    expect(payload.config).toMatchObject({ username: 'svc', password: 'from-a-file-canary\n' });
  });

  it('names the entry, the field and the reference of a missing variable or file — never a value', async () => {
    const text = entry('      username: ${env:RS_USER}\n      password: ${file:missing.txt}').replace(
      'initialDatabase: dev',
      'initialDatabase: ${env:RS_DATABASE}',
    );
    // A field plan compares must resolve at load…
    expect(await problems(text, { env: { OTHER: 'unrelated-value' }, baseDir: tmpdir() })).toEqual([
      'integrations.analytics-prod.config.initialDatabase: ${env:RS_DATABASE}: the environment variable is not set',
    ]);
    // …credentials only when apply sends them.
    const desired = await loadDesiredState(text, { env: { RS_DATABASE: 'dev' }, baseDir: tmpdir() });
    const error = await resolvedPayload(desired).catch((failure: unknown) => failure);
    expect((error as PayloadValidationError).issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'integrations.analytics-prod.config.username: ${env:RS_USER}: the environment variable is not set',
      'integrations.analytics-prod.config.password: ${file:missing.txt}: cannot read the file (ENOENT)',
    ]);
  });

  it('writes $${ as a literal ${, and refuses a ${ of any other form', async () => {
    const desired = await loadDesiredState(entry('      username: svc\n      password: p$${env:NOT_A_REF}'), {
      env: {},
    });
    expect((await resolvedPayload(desired)).config).toMatchObject({ password: 'p${env:NOT_A_REF}' });
    const found = await problems(entry('      username: svc\n      password: ${vault:secret/x}'), { env: {} });
    expect(found[0]).toMatch(/^integrations\.analytics-prod\.config\.password: a "\$\{" that is not a/);
  });

  it('names the reference meant by a misspelt kind, and reports that value for it alone', async () => {
    const text = entry('      username: svc\n      password: p').replace(
      'host: analytics.abc123.us-east-1.redshift.amazonaws.com',
      'host: ${envv:RS_HOST}',
    );
    expect(await problems(text, { env: {} })).toEqual([
      'integrations.analytics-prod.config.host: ${envv:…} is not a reference — did you mean ${env:RS_HOST}?',
    ]);
    expect(await problems(text.replace('envv', 'FILE'), { env: {} })).toEqual([
      'integrations.analytics-prod.config.host: ${FILE:…} is not a reference — did you mean ${file:RS_HOST}?',
    ]);
  });

  it('validates every entry as a payload, with paths into the file and did-you-mean for typos', async () => {
    const found = await problems(
      entry('      username: svc\n      password: x\n      initalDatabase: dev', '\n    state: gone'),
    );
    expect(found).toContain('integrations.analytics-prod.state: must be "present" or "absent"');
    expect(found).toContain(
      'integrations.analytics-prod.config.initalDatabase: unknown field — did you mean initialDatabase?',
    );
  });

  it('checks a host that came from a reference once it is resolved, naming the reference and not the value', async () => {
    const text = entry('      username: svc\n      password: x').replace(
      'host: analytics.abc123.us-east-1.redshift.amazonaws.com',
      'host: ${env:RS_HOST}',
    );
    const found = await problems(text, { env: { RS_HOST: 'https://secret-host-canary.example.com' } });
    expect(found).toEqual([
      'integrations.analytics-prod.config.host: must be a host name, not a URL: drop the scheme (https://) (from ${env:RS_HOST})',
    ]);
    expect(found.join('')).not.toContain('secret-host-canary');
  });

  it('refuses two entries with one key: host case-insensitively, port 5439 when left out, database', async () => {
    const text = `
integrations:
  one:
    autoBootstrap: true
    config: { host: Cluster.Example.com, database: immuta, initialDatabase: dev, authenticationType: userPassword, username: u, password: p }
  two:
    autoBootstrap: true
    config: { host: cluster.example.com, port: 5439, database: immuta, initialDatabase: other, authenticationType: userPassword, username: u, password: p }
  three:
    autoBootstrap: true
    config: { host: cluster.example.com, database: another, initialDatabase: dev, authenticationType: userPassword, username: u, password: p }
`;
    expect(await problems(text)).toEqual([
      'integrations.two: has the same key as one: one entry per type, host, port and database',
    ]);
  });

  it('refuses entry names a command line or a file name cannot hold, and unknown top-level keys', async () => {
    const found = await problems(
      'integrations:\n  "bad name/..":\n    autoBootstrap: true\n    config: {}\nintegration: {}\n',
    );
    expect(found.some((line) => line.startsWith('integrations.bad name/..: entry names are'))).toBe(true);
    expect(found).toContain('integration: unknown field — did you mean integrations?');
  });

  it('says why an unquoted reference breaks a flow mapping, and that references are for strings only', async () => {
    const flow =
      'integrations:\n  a:\n    autoBootstrap: true\n    config: { host: a.b, database: d, initialDatabase: i, authenticationType: userPassword, username: u, password: ${env:P} }\n';
    expect((await problems(flow, { env: { P: 'x' } }))[0]).toMatch(/quote a value holding a reference/);
    const port = entry('      username: u\n      password: p\n      port: ${env:PORT}');
    expect(await problems(port, { env: { PORT: '5439' } })).toEqual([
      'integrations.analytics-prod.config.port: expected a number, found a string — references are resolved in string values only: write the number',
    ]);
  });
});
