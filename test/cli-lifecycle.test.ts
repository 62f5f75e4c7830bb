// Runs the built CLI as a real subprocess against the fake Immuta over HTTP. Real sockets only: no MSW here.
import { describe, expect, it } from 'vitest';
import { startFakeImmutaServer } from '../src/testing/index.js';
import { useCli } from './support/cli.js';

const harness = useCli();
const { cli, payload, file, USER, PASSWORD } = harness;

describe('writing and waiting', () => {
  it('creates from a YAML file and waits until enabled, with progress lines on stderr', async () => {
    const { code, stdout, stderr } = await cli(['create', '-f', await file('create.yaml', payload(true)), '--wait']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'enabled', type: 'Redshift' });
    expect(stderr).toMatch(/^integration \d+: creating \(\d+\.\d s\)$/m);
    expect(stderr).toMatch(/^integration \d+: enabled \(\d+\.\d s\)$/m);
  });

  it('updates and deletes with credentials, waiting each time', async () => {
    const created = JSON.parse((await cli(['create', '-f', await file('u.yaml', payload(true)), '--wait'])).stdout) as {
      id: string;
    };
    const updated = await cli(['update', created.id, '-f', await file('u2.yaml', payload(true)), '--wait']);
    expect(JSON.parse(updated.stdout)).toMatchObject({ status: 'enabled' });
    const credentials = await file(
      'credentials.yaml',
      `authenticationType: userPassword\nusername: ${USER}\npassword: ${PASSWORD}\n`,
    );
    const deleted = await cli(['delete', created.id, '-f', credentials, '--wait', '--timeout', '30']);
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ status: 'deleted' });
  });

  it('waits for a status with wait --until', async () => {
    const { id } = JSON.parse((await cli(['create', '-f', await file('w.yaml', payload(true))])).stdout) as {
      id: string;
    };
    const { code, stdout } = await cli(['wait', id, '--until', 'enabled', '--timeout', '30']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ id, status: 'enabled' });
  });
});

describe('exit codes', () => {
  it('1: an API error, with the server’s message', async () => {
    const { code, stderr } = await cli(['get', '999']);
    expect(code).toBe(1);
    expect(stderr).toBe('error: GET /integrations/999 failed with HTTP 404: No Integration found with ID 999.\n');
  });

  it('1: a network error, one line and no stack', async () => {
    const closed = await startFakeImmutaServer();
    await closed.close();
    const { code, stderr } = await cli(['list'], { env: { IMMUTA_URL: closed.url } });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `error: GET /integrations: could not reach Immuta at ${closed.url}/integrations (ECONNREFUSED)\n`,
    );
  });

  it('--debug adds the stack trace, in text and in JSON', async () => {
    const { stderr } = await cli(['get', '999', '--debug']);
    expect(stderr).toMatch(/NotFoundError: GET \/integrations\/999[\s\S]*\n\s+at /);
    const json = await cli(['get', '999', '--debug', '-o', 'json']);
    expect((JSON.parse(json.stderr) as { error: { stack: string } }).error.stack).toMatch(
      /^NotFoundError: [\s\S]*\n\s+at /,
    );
    const plain = await cli(['get', '999', '-o', 'json']);
    expect(JSON.parse(plain.stderr)).not.toHaveProperty('error.stack');
  });

  it.each([
    [['frobnicate'], /unknown command frobnicate/],
    [['create'], /-f <file> is required/],
    [['list', '--wait'], /list does not take --wait/],
    [['list', '--api-key', 'abc'], /--api-key-file/],
    [['list', '--output', 'xml'], /--output must be table, json or yaml/],
    [['create', '-f', '/nonexistent.yaml'], /cannot read \/nonexistent\.yaml \(ENOENT\)/],
  ])('2: usage error %j, nothing sent', async (args, message) => {
    const before = harness.server.fake.integrations.size;
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(harness.server.fake.integrations.size).toBe(before);
  });

  it('2: no tenant configured names the option and the environment variable', async () => {
    const { code, stderr } = await cli(['list'], { env: { IMMUTA_URL: '' } });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: no Immuta URL: pass --url <url>, set IMMUTA_URL, or choose a profile with --profile <name> (or IMMUTA_PROFILE)\n',
    );
  });

  it('3: the integration fails while waiting, with its validation tests', async () => {
    harness.server.fake.fail({
      kind: 'creation',
      failedTests: ['Validate Automatic Bootstrap: Immuta Database Does Not Exist'],
    });
    const { code, stderr } = await cli(['create', '-f', await file('fail.yaml', payload(true)), '--wait']);
    expect(code).toBe(3);
    expect(stderr).toMatch(/error: Integration \d+ reached status createError/);
    expect(stderr).toMatch(/^ {2}failed\s+Validate Automatic Bootstrap: Immuta Database Does Not Exist — .+$/m);
  });

  it('4: the wait times out', async () => {
    const { id } = JSON.parse((await cli(['create', '-f', await file('slow.yaml', payload(true))])).stdout) as {
      id: string;
    };
    harness.server.fake.setStatusSequence(id, ['creating']);
    const { code, stderr } = await cli(['wait', id, '--timeout', '1']);
    expect(code).toBe(4);
    expect(stderr).toMatch(/did not reach enabled within \d+ ms/);
    expect(stderr).toMatch(/last status: creating/);
  });

  it('130: Ctrl-C during a wait stops it cleanly', async () => {
    const { id } = JSON.parse((await cli(['create', '-f', await file('int.yaml', payload(true))])).stdout) as {
      id: string;
    };
    harness.server.fake.setStatusSequence(id, ['creating']);
    let sent = false;
    const { code, stderr } = await cli(['wait', id], {
      onStderr: (text, child) => {
        if (!sent && text.includes('creating')) {
          sent = true;
          child.kill('SIGINT');
        }
      },
    });
    expect(code).toBe(130);
    expect(stderr).toMatch(
      new RegExp(
        `interrupted\\nhint: integration ${id} is still creating and goes on without this command; resume waiting with: immuta-redshift wait ${id}\\n$`,
      ),
    );
  });
});

describe('fake-server', () => {
  it('serves the fake Immuta until interrupted, printing its URL', async () => {
    const result = await cli(['fake-server', '--port', '0'], {
      onStderr: (text, child) => {
        if (text.includes('listening')) {
          const url = /listening on (\S+);/.exec(text)?.[1];
          void fetch(`${url}/integrations`, { headers: { authorization: 'k' } })
            .then((response) => response.json())
            .then((list: unknown) => {
              expect(list).toHaveLength(2);
              child.kill('SIGINT');
            });
        }
      },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n$/);
  });

  it('rehearses failures for a shell user: a required key, a settle time, a failing creation', async () => {
    let url = '';
    let outcome: { code: number | null; stderr: string }[] = [];
    const served = cli(
      ['fake-server', '--require-api-key', 'rehearsal-key', '--settle-ms', '300', '--fail-next-creation'],
      {
        onStderr: (text, child) => {
          if (url !== '' || !text.includes('listening')) return;
          url = /listening on (\S+);/.exec(text)?.[1] ?? '';
          void (async () => {
            const path = await file('rehearsal.yaml', payload(true, 'rehearsal.aws.amazon.com'));
            const env = { IMMUTA_URL: url, IMMUTA_API_KEY: 'wrong-key' };
            outcome.push(await cli(['list'], { env }));
            outcome.push(
              await cli(['create', '-f', path, '--wait'], { env: { ...env, IMMUTA_API_KEY: 'rehearsal-key' } }),
            );
            child.kill('SIGINT');
          })();
        },
      },
    );
    expect((await served).code).toBe(0);
    const [wrongKey, failed] = outcome;
    expect(wrongKey?.code).toBe(1);
    expect(wrongKey?.stderr).toMatch(/HTTP 401/);
    expect(failed?.code).toBe(3);
    expect(failed?.stderr).toMatch(/reached status createError/);
    // Each failed validation test, with Immuta's message for it.
    expect(failed?.stderr).toMatch(
      /^ {2}failed {3}Validate Automatic Bootstrap: Immuta Database Does Not Exist — did not pass: check the Redshift account/m,
    );
    outcome = [];
  });

  it('serves below --base-path, and issues tokens that --token-ttl-ms ends', async () => {
    let url = '';
    const answers: number[] = [];
    const served = cli(['fake-server', '--base-path', '/immuta', '--token-ttl-ms', '1'], {
      onStderr: (text, child) => {
        if (url !== '' || !text.includes('listening')) return;
        url = /listening on (\S+);/.exec(text)?.[1] ?? '';
        void (async () => {
          const token = (await (
            await fetch(`${url}/bim/apikey/authenticate`, { method: 'POST', headers: { authorization: 'k' } })
          ).json()) as { token: string };
          harness.clock.advance(20); // the token lives 1 ms of the CLI's clock
          answers.push((await fetch(`${url}/integrations`, { headers: { authorization: 'k' } })).status);
          answers.push(
            (await fetch(`${url}/integrations`, { headers: { authorization: `Bearer ${token.token}` } })).status,
          );
          answers.push(
            (await fetch(url.replace(/\/immuta$/, '/integrations'), { headers: { authorization: 'k' } })).status,
          );
          child.kill('SIGINT');
        })();
      },
    });
    expect((await served).code).toBe(0);
    expect(url).toMatch(/\/immuta$/);
    expect(answers).toEqual([200, 401, 404]);
  });
});
