// The CLI as a newcomer meets it, as a real subprocess: its own vocabulary, one clean line per mistake.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { useCli } from './support/cli.js';

const harness = useCli();
const { cli, payload, file } = harness;

/** A usage error: exit 2, and one line on stderr that never names an SDK option. */
async function usage(args: string[], env: Record<string, string> = {}) {
  const { code, stdout, stderr } = await cli(args, { env });
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(stderr).not.toMatch(/baseUrl|allowInsecureHttp|apiKey\b|RedshiftIntegrationClient/);
  return stderr;
}

describe.concurrent('errors in the CLI’s own words', () => {
  it('a missing URL or key names --url / IMMUTA_URL and --api-key-file / IMMUTA_API_KEY', async () => {
    expect(await usage(['list'], { IMMUTA_URL: '' })).toBe(
      'error: no Immuta URL: pass --url <url>, set IMMUTA_URL, or choose a profile with --profile <name> (or IMMUTA_PROFILE)\n',
    );
    expect(await usage(['list'], { IMMUTA_API_KEY: '' })).toBe(
      'error: no API key: set IMMUTA_API_KEY, or pass --api-key-file <path>\n',
    );
  });

  it('plain http to another host names --allow-insecure-http, which lets it through', async () => {
    expect(await usage(['list', '--url', 'http://immuta.example.com'], { IMMUTA_URL: '' })).toContain(
      'use https://, or pass --allow-insecure-http',
    );
    const allowed = await cli(['list', '--url', 'http://127.0.0.2:1', '--allow-insecure-http'], {
      env: { IMMUTA_URL: '' },
    });
    expect(allowed.code).toBe(1); // past the check: the connection itself fails
  });

  it('a bad URL says where it came from', async () => {
    expect(await usage(['list', '--url', 'not a url'])).toMatch(/not a valid absolute URL.*\(check --url\)/);
    expect(await usage(['list'], { IMMUTA_URL: 'https://h.example/?x' })).toMatch(/\(check IMMUTA_URL\)/);
  });

  it.each([['--api-key', 'abc-secret'], ['--api-key=abc-secret']])(
    '%s is refused in one line, with where the key goes, never echoing it',
    async (...args) => {
      const line = await usage(['list', ...args]);
      expect(line).toMatch(/^error: --api-key is not accepted: .*IMMUTA_API_KEY.*--api-key-file <path>\n$/);
      expect(line).not.toContain('abc-secret');
    },
  );

  it('an unknown option is named, with the nearest known one', async () => {
    expect(await usage(['create', '--fil', 'x.yaml'])).toBe(
      'error: unknown option --fil (did you mean --file?); see immuta-redshift --help\n',
    );
    expect(await usage(['list', '--output'])).toBe('error: --output needs a value\n');
  });

  it('a payload file given without -f gets the -f it was missing', async () => {
    expect(await usage(['create', 'good.yaml'])).toBe(
      'error: create takes its file with -f: immuta-redshift create -f good.yaml\n',
    );
    expect(await usage(['update', '5', 'good.yaml'])).toBe(
      'error: update takes its file with -f: immuta-redshift update 5 -f good.yaml\n',
    );
  });

  it('each command checks its own files before it needs a URL', async () => {
    const bad = await file('bad-script.yaml', 'type: Redshift\nautoBootstrap: false\nconfig: {}\n');
    const { code, stderr } = await cli(['script', 'initial-create', '-f', bad], { env: { IMMUTA_URL: '' } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: invalid Redshift integration payload/);
    expect(stderr).not.toContain('IMMUTA_URL');
  });
});

describe.concurrent('wait --until', () => {
  it.each(['Enabled', 'ENABLED', 'enabeld', 'creatError'])('%s is a typo: exit 2 with a suggestion', async (status) => {
    expect(await usage(['wait', '5', '--until', status])).toMatch(
      new RegExp(
        `^error: --until ${status} is not a status Immuta documents: did you mean (enabled|createError)\\?\\n$`,
      ),
    );
  });
});

describe('wait --until a status newer than the CLI', () => {
  it('is waited for, with a note', async () => {
    harness.server.fake.setStatusSequence('1', ['migrating']);
    const { code, stderr } = await cli(['wait', '1', '--until', 'frozen', '--timeout', '1']);
    expect(stderr).toContain('note: frozen is not a status Immuta documents; waiting for it anyway');
    expect(code).toBe(4);
  });
});

describe.concurrent('validate', () => {
  it('checks delete credentials with --credentials, and tells a payload file from a credentials file', async () => {
    const credentials = await file(
      'creds.yaml',
      'authenticationType: userPassword\nusername: u\npassword: p4ss-w0rd\n',
    );
    const good = await cli(['validate', '--credentials', '-f', credentials]);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toEqual({
      valid: true,
      credentials: { authenticationType: 'userPassword', username: '<REDACTED>', password: '<REDACTED>' },
    });
    const asPayload = await cli(['validate', '-f', credentials]);
    expect(asPayload.code).toBe(2);
    const config = await file(
      'config.yaml',
      payload(true)
        .replace(/^type: Redshift\nautoBootstrap: true\nconfig:\n/, '')
        .replace(/^ {2}/gm, ''),
    );
    const configAsCredentials = await cli(['validate', '--credentials', '-f', config]);
    expect(configAsCredentials.code).toBe(2);
    expect(configAsCredentials.stderr).toContain('holds neither delete credentials');
    expect(configAsCredentials.stderr).toContain('nor a whole payload');
    // A whole payload file: its credentials are taken from it, as deleteCredentialsOf does.
    const fromPayload = await cli(['validate', '--credentials', '-f', await file('whole.yaml', payload(true))]);
    expect(fromPayload.code).toBe(0);
    expect(JSON.parse(fromPayload.stdout)).toMatchObject({ credentials: { authenticationType: 'userPassword' } });
  });

  it('reports a truncated JSON file as a JSON syntax error with its line and column', async () => {
    const truncated = await file('truncated.json', '{\n  "type": "Redshift",\n  "config": {\n    "host": "h.example"');
    const { code, stderr } = await cli(['validate', '-f', truncated]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^ {2}line 4, column \d+: JSON syntax error/m);
    expect(stderr).not.toMatch(/indentation/);
  });
});

describe.concurrent('output honesty', () => {
  it('script prints the SQL alone, or { "script" } with -o json or yaml, and refuses -o table', async () => {
    const manual = await file('manual.yaml', payload(false, 'script-output.aws.amazon.com'));
    const sql = await cli(['script', 'initial-create', '-f', manual]);
    expect(sql.stdout).toMatch(/^-- STAND-IN for Immuta's initial-create script/);
    const json = await cli(['script', 'initial-create', '-f', manual, '-o', 'json']);
    expect(JSON.parse(json.stdout)).toEqual({ script: sql.stdout });
    const yaml = await cli(['script', 'initial-create', '-f', manual, '-o', 'yaml']);
    expect(parseYaml(yaml.stdout)).toEqual({ script: sql.stdout });
    expect(await usage(['script', 'initial-create', '-f', manual, '-o', 'table'])).toBe(
      'error: script prints SQL: --output takes json or yaml ({ "script": … })\n',
    );
  });

  it('fake-server refuses -o, which has nothing to shape', async () => {
    expect(await usage(['fake-server', '-o', 'yaml'])).toBe(
      'error: fake-server prints only its URL: --output does not apply\n',
    );
    // With -o json, the error itself is JSON.
    expect(JSON.parse(await usage(['fake-server', '-o', 'json']))).toEqual({
      error: { name: 'UsageError', message: 'fake-server prints only its URL: --output does not apply' },
    });
  });

  it.each([
    ['list', ['0', '1', '2', '130']],
    ['validate', ['0', '2']],
    ['fake-server', ['0', '2']],
    ['create', ['0', '1', '2', '3', '4', '130']],
    ['script', ['0', '1', '2', '130']],
  ])('%s --help lists only the exit codes it can return', async (command, codes) => {
    const { stdout } = await cli([command, '--help']);
    const listed = stdout
      .split('Exit codes:\n')[1]
      ?.match(/^ {2}(\d+)/gm)
      ?.map((line) => line.trim());
    expect(listed).toEqual(codes);
  });
});

describe.concurrent('what a newcomer trips on, answered in the CLI’s words', () => {
  it('messages about credential fields are never blanked', async () => {
    const noPassword = await file(
      'no-password.yaml',
      payload(true)
        .replace(/^ {2}password: .*$/m, '')
        .replace(/username: .*/, 'username: 5'),
    );
    const { code, stderr } = await cli(['validate', '-f', noPassword]);
    expect(code).toBe(2);
    expect(stderr).toContain('config.username: expected a string, found a number');
    expect(stderr).toContain('config.password: is required');
  });

  it('an invalid file is named once, then each problem once', async () => {
    const bad = await file(
      'two-problems.yaml',
      payload(true).replace('host: cli.aws.amazon.com', 'host: https://x').replace('database: immuta', 'database: ""'),
    );
    const { stderr } = await cli(['validate', '-f', bad]);
    expect(stderr).toBe(
      [
        'error: invalid Redshift integration payload (2 problems):',
        '  config.host: must be a host name, not a URL: drop the scheme (https://)',
        '  config.database: must not be empty',
        '',
      ].join('\n'),
    );
  });

  it('script hints keep the step, and a misspelt step gets a suggestion', async () => {
    expect(await usage(['script', 'create', 'manual.yaml'])).toBe(
      'error: script create takes its file with -f: immuta-redshift script create -f manual.yaml\n',
    );
    expect(await usage(['script', 'edit', '5', 'manual.yaml'])).toBe(
      'error: script edit takes its file with -f: immuta-redshift script edit 5 -f manual.yaml\n',
    );
    expect(await usage(['script', 'edit', '-f', 'manual.yaml'])).toBe(
      'error: script edit needs an integration id: immuta-redshift script edit <id> -f <file>\n',
    );
    expect(await usage(['script', 'inital-create'])).toMatch(
      /^error: unknown script step inital-create \(did you mean initial-create\?\)/,
    );
  });

  it('a negative number is a bad value, not a missing one', async () => {
    expect(await usage(['wait', '5', '--timeout', '-5'])).toBe(
      'error: --timeout must be a positive number of seconds\n',
    );
  });
});

// Not among the concurrent tests above: it keeps an integration across commands, and each test starts by resetting
// the shared fake.
describe('delete with the payload file', () => {
  it('delete -f takes the payload file the integration was created with, and sends only its credentials', async () => {
    const whole = await file('whole.yaml', payload(true));
    const { id } = JSON.parse((await cli(['create', '-f', whole])).stdout) as { id: string };
    await cli(['wait', id]);
    const deleted = await cli(['delete', id, '-f', whole, '--wait']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ status: 'deleted' });
    expect((await cli(['delete', '--help'])).stdout).toContain('a credentials file, or the payload file');
  });
});

describe('fake-server on a port in use', () => {
  it('is a usage error naming the fix, exit 2', async () => {
    const taken = harness.server.url.split(':').pop()!;
    expect(await usage(['fake-server', '--port', taken])).toBe(
      `error: port ${taken} is in use: choose another with --port, or --port 0 for a free one\n`,
    );
  });
});
