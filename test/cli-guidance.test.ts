// The CLI tells what went wrong once, and what to run next; speaks JSON when asked; and offers what a shell user
// expects (completion, --verbose, --unknown-fields, regenerate, bearer tokens). In process, on a virtual clock.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from './support/cli.js';

const harness = useCli();
const { cli, file, payload, KEY } = harness;

describe('what went wrong, once, and the next command', () => {
  it('a URL copied from the curl examples (…/integrations) is refused with the tenant URL to use', async () => {
    const { code, stderr } = await cli(['list'], { env: { IMMUTA_URL: `${harness.server.url}/integrations` } });
    expect(code).toBe(2);
    expect(stderr).toContain(`drop /integrations (use ${harness.server.url})`);
    expect(stderr).toContain('(check IMMUTA_URL)');
    expect(harness.server.fake.requests).toEqual([]);
  });

  it('a 409 names the integration that exists and the command that changes it', async () => {
    const path = await file('twice.yaml', payload(true));
    const { id } = JSON.parse((await cli(['create', '-f', path])).stdout) as { id: string };
    const { code, stderr } = await cli(['create', '-f', path]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `hint: it exists already as integration ${id}: change it with immuta-redshift update ${id} -f ${path}`,
    );
  });

  it('a failed creation names each failed test once, then how to repair it', async () => {
    harness.server.fake.fail({ kind: 'creation' });
    const path = await file('fail.yaml', payload(true));
    const { code, stderr } = await cli(['create', '-f', path, '--wait']);
    expect(code).toBe(3);
    expect(stderr.split('Validate Automatic Bootstrap: Immuta Database Does Not Exist')).toHaveLength(2);
    expect(stderr).toMatch(/^hint: fix the cause, then repair it with immuta-redshift update \d+ -f .+ --wait/m);
  });

  it('after a failed manual setup: the cleanup script, DELETE with no body, then again — the guide’s order', async () => {
    const path = await file('manual.yaml', payload(false));
    await cli(['script', 'initial-create', '-f', path]);
    await cli(['script', 'create', '-f', path]);
    harness.server.fake.fail({ kind: 'creation' });
    const { code, stderr } = await cli(['create', '-f', path, '--wait']);
    expect(code).toBe(3);
    const id = /integration (\d+) reached/i.exec(stderr)?.[1];
    expect(stderr).toContain(
      `hint: the manual setup failed. As the guide says: run the cleanup script (immuta-redshift script cleanup -f ${path}), delete the integration with no body (immuta-redshift delete ${id} --wait), fix the cause, then start again`,
    );
    // The hint works: cleanup, delete with no body, and the setup again succeeds.
    expect((await cli(['script', 'cleanup', '-f', path])).code).toBe(0);
    expect((await cli(['delete', id ?? '', '--wait'])).code).toBe(0);
    await cli(['script', 'initial-create', '-f', path]);
    await cli(['script', 'create', '-f', path]);
    expect((await cli(['create', '-f', path, '--wait'])).code).toBe(0);
  });

  it('a manual create refused for want of its scripts (422) points to setup --run', async () => {
    const path = await file('unscripted.yaml', payload(false));
    const { code, stderr } = await cli(['create', '-f', path]);
    expect(code).toBe(1);
    expect(stderr).toContain(`needs its scripts run first: immuta-redshift setup -f ${path} --run does it all`);
  });

  it('a wait that times out says the timeout it was given, and how to wait on', async () => {
    const { id } = JSON.parse((await cli(['create', '-f', await file('slow.yaml', payload(true))])).stdout) as {
      id: string;
    };
    harness.server.fake.setStatusSequence(id, ['creating']);
    const { code, stderr } = await cli(['wait', id, '--timeout', '2']);
    expect(code).toBe(4);
    expect(stderr).toContain(`did not reach enabled within 2000 ms (last status: creating)`);
    expect(stderr).toContain(`hint: it may still get there: immuta-redshift wait ${id}`);
  });

  it('with -o json, an error is one JSON object on stderr, and the exit code is the same', async () => {
    const { code, stderr } = await cli(['get', '999', '-o', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(stderr)).toEqual({
      error: {
        name: 'NotFoundError',
        message: 'GET /integrations/999 failed with HTTP 404: No Integration found with ID 999.',
        status: 404,
      },
    });
    const invalid = await cli(['validate', '-f', await file('bad.yaml', 'type: Redshift\n'), '-o', 'json']);
    expect(invalid.code).toBe(2);
    expect(JSON.parse(invalid.stderr).error).toMatchObject({
      name: 'PayloadValidationError',
      details: expect.arrayContaining(['autoBootstrap: is required']),
    });
  });
});

describe('outputs', () => {
  it('an apply that changes nothing says so', async () => {
    const desired = await file(
      'desired.yaml',
      `integrations:\n  cli:\n    autoBootstrap: true\n    config:\n      host: cli.aws.amazon.com\n      database: immuta\n      initialDatabase: dev\n      authenticationType: userPassword\n      username: \${env:U}\n      password: \${env:P}\n`,
    );
    const env = { U: 'user_x', P: 'password-x' };
    await cli(['apply', '-f', desired, '--yes'], { env });
    const again = await cli(['apply', '-f', desired, '--yes', '-o', 'table'], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      'No changes: the tenant already matches the file (1 entry)\n  cli: noop done [id 123456789]\n',
    );
  });

  it('export -o json lists the variables, and --out writes a $schema relative to where the file is', async () => {
    await cli(['create', '-f', await file('e.yaml', payload(true))]);
    const json = JSON.parse((await cli(['export', '-o', 'json'])).stdout) as Record<string, unknown>;
    expect(json.$comment).toBe(
      'Set these environment variables before plan or apply: CLI_AWS_AMAZON_COM_USERNAME, CLI_AWS_AMAZON_COM_PASSWORD',
    );
    const out = join(harness.dir, 'nested', 'desired.yaml');
    // A folder that is not there: a usage error, before the tenant is read.
    const requests = harness.server.fake.requests.length;
    const nowhere = await cli(['export', '--out', out]);
    expect(nowhere).toMatchObject({ code: 2, stderr: `error: cannot write --out ${out}: its folder does not exist\n` });
    expect(harness.server.fake.requests).toHaveLength(requests);
    execFileSync('mkdir', ['-p', join(harness.dir, 'nested')]);
    const written = await cli(['export', '--out', out]);
    expect(written.code).toBe(0);
    const text = await readFile(out, 'utf8');
    // No node_modules with the package above the temporary directory: the documented default.
    expect(text.split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./node_modules/immuta-redshift/dist/schemas/desired-state.schema.json',
    );
    const here = JSON.parse((await cli(['export', '-o', 'json'])).stdout) as { $schema: string };
    // From this checkout, whose node_modules holds no immuta-redshift either: the same default.
    expect(here.$schema).toBe('./node_modules/immuta-redshift/dist/schemas/desired-state.schema.json');
  });

  it('validate recognises a desired-state file and checks it offline: no variable needs a value', async () => {
    const desired = await file(
      'offline.yaml',
      `tenant: https://immuta.example.com\nintegrations:\n  a:\n    autoBootstrap: true\n    config:\n      host: \${env:HOST}\n      database: immuta\n      initialDatabase: dev\n      authenticationType: userPassword\n      username: \${env:U}\n      password: \${env:P}\n`,
    );
    const { code, stdout } = await cli(['validate', '-f', desired], { env: {} });
    expect(code).toBe(0);
    // Which references plan and apply will need, since none was resolved here.
    expect(JSON.parse(stdout)).toEqual({
      valid: true,
      desiredState: { tenant: 'https://immuta.example.com', entries: ['a'] },
      unresolvedReferences: [
        { path: 'integrations.a.config.host', reference: '${env:HOST}' },
        { path: 'integrations.a.config.username', reference: '${env:U}' },
        { path: 'integrations.a.config.password', reference: '${env:P}' },
      ],
    });
    // A file that does not parse is still checked as a desired-state file, with the hint plan gives.
    const flow = await file(
      'flow.yaml',
      'integrations:\n  a:\n    autoBootstrap: true\n    config: { host: h.example.com, password: ${env:P} }\n',
    );
    expect((await cli(['validate', '-f', flow])).stderr).toContain(
      "invalid desired state (1 problem):\n  line 4, column 47: syntax error: unexpected content — in a flow mapping { … }, quote a value holding a reference: '${env:NAME}'",
    );
    const broken = await file(
      'broken.yaml',
      `integrations:\n  a:\n    autoBootstrap: true\n    config:\n      host: h.example.com\n      database: immuta\n      initialDatabase: \${vault:x}\n      authenticationType: userPassword\n      username: u\n      pasword: p\n`,
    );
    const failed = await cli(['validate', '-f', broken]);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('pasword: unknown field — did you mean password?');
  });

  it('validate reports every problem of a desired-state file in one pass, each with what was meant', async () => {
    const typos = await file(
      'typos.yaml',
      `integration:
  a:
    autoBootstrap: true
    state: abscent
    config:
      host: h.example.com
      database: immuta
      initialDatabase: dev
      authenticationType: userPassword
      username: \${envv:U}
      password: p
      impersonation:
        enable: true
`,
    );
    // The top-level key misspelt: still a desired-state file, and said so.
    const first = await cli(['validate', '-f', typos]);
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('integration: unknown field — did you mean integrations?');
    await file('typos.yaml', (await readFile(typos, 'utf8')).replace('integration:', 'integrations:'));
    const { code, stderr } = await cli(['validate', '-f', typos]);
    expect(code).toBe(2);
    expect(stderr).toContain('integrations.a.state: must be "present" or "absent" — did you mean absent?');
    expect(stderr).toContain(
      'integrations.a.config.impersonation.enabled: must be false or true — given as enable: did you mean enabled?',
    );
    expect(stderr).toContain('integrations.a.config.username: ${envv:…} is not a reference — did you mean ${env:U}?');
  });
});

describe('what a shell user expects', () => {
  it('--unknown-fields allow sends a setting the CLI does not model; without it, it is refused', async () => {
    const path = await file('extra.yaml', `${payload(true)}\n  someNewSetting: true`);
    expect((await cli(['create', '-f', path])).code).toBe(2);
    const allowed = await cli(['create', '-f', path, '--unknown-fields', 'allow']);
    expect(allowed.code).toBe(0);
    expect([...harness.server.fake.integrations.values()].at(-1)?.config.someNewSetting).toBe(true);
  });

  it('regenerate <id> regenerates the integration’s API key', async () => {
    const { id } = JSON.parse((await cli(['create', '-f', await file('r.yaml', payload(true))])).stdout) as {
      id: string;
    };
    const { code, stdout } = await cli(['regenerate', id]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ id });
    expect(harness.server.fake.requests.at(-1)).toEqual({ method: 'POST', path: `/integrations/${id}/regenerate` });
  });

  it('--bearer-token exchanges the key for a token first', async () => {
    expect((await cli(['list', '--bearer-token'])).code).toBe(0);
    expect(harness.server.fake.requests.map((request) => request.path)).toEqual([
      '/bim/apikey/authenticate',
      '/integrations',
    ]);
  });

  it('--verbose prints one line per HTTP attempt, retries with their delay, and no secret', async () => {
    harness.server.fake.fail({ kind: 'http', status: 503, times: 1 });
    const { code, stderr } = await cli(['list', '--verbose']);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^GET \/integrations → 503 \(\d+ ms, attempt 1\); retrying in \d+ ms\nGET \/integrations → 200 \(\d+ ms, attempt 2\)\n$/,
    );
    expect(stderr).not.toContain(KEY);
  });

  it.each(['bash', 'zsh', 'fish'])('completion %s lists every command', async (shell) => {
    const { code, stdout } = await cli(['completion', shell]);
    expect(code).toBe(0);
    for (const command of ['create', 'plan', 'apply', 'regenerate', 'completion']) expect(stdout).toContain(command);
    if (shell === 'bash') execFileSync('bash', ['-n'], { input: stdout });
  });

  it('bash completes what comes next, wherever the global options put the command', async () => {
    const script = (await cli(['completion', 'bash'])).stdout;
    /** What bash offers for the words typed, the last being the one completed. */
    const offered = (...words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `${script}\nCOMP_WORDS=(immuta-redshift "$@"); COMP_CWORD=$#; _immuta_redshift; printf '%s\\n' "\${COMPREPLY[@]}"`,
          'completion-test',
          ...words,
        ],
        { encoding: 'utf8' },
      )
        .split('\n')
        .filter(Boolean)
        .sort();
    expect(offered('--profile', 'prod', 'li')).toEqual(['list']);
    expect(offered('--profile', 'prod', 'setup', '--ru')).toEqual(['--run']);
    expect(offered('script', '')).toEqual(['cleanup', 'create', 'delete', 'edit', 'initial-create']);
    expect(offered('get', '1', '-o', '')).toEqual(['json', 'table', 'yaml']);
    expect(offered('preflight', '--sslmode', 'v')).toEqual(['verify-full']);
  });
});
