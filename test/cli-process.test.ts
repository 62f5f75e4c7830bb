// What only a real process shows: the bin's exit codes, its handling of Ctrl-C, and stdin from a pipe. Every
// other CLI behaviour is tested in process, through run(argv, io).
import { describe, expect, it } from 'vitest';
import { useCli } from './support/cli.js';

const harness = useCli({ subprocess: true });
const { cli, file, payload, PASSWORD, USER } = harness;

describe('the immuta-redshift bin, as a process', () => {
  it('exits 0 on success, 2 on a usage error, 3 when the integration fails', async () => {
    const path = await file('process.yaml', payload(true));
    expect((await cli(['create', '-f', path])).code).toBe(0);
    expect((await cli(['create', '--nope'])).code).toBe(2);
    harness.server.fake.reset();
    harness.server.fake.fail({ kind: 'creation' });
    const failed = await cli(['create', '-f', path, '--wait']);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain('reached status createError');
  });

  it('reads a payload piped to -f -', async () => {
    const json = JSON.stringify({
      type: 'Redshift',
      autoBootstrap: true,
      config: {
        host: 'stdin.aws.amazon.com',
        database: 'immuta',
        initialDatabase: 'dev',
        authenticationType: 'userPassword',
        username: USER,
        password: PASSWORD,
      },
    });
    const { code, stdout } = await cli(['create', '-f', '-'], { input: json });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'creating' });
  });

  it('130: Ctrl-C during a wait stops it, says what is still under way, and exits on its own', async () => {
    const { id } = JSON.parse((await cli(['create', '-f', await file('int.yaml', payload(true))])).stdout) as {
      id: string;
    };
    harness.server.fake.setStatusSequence(id, ['creating']);
    let sent = false;
    const { code, stderr } = await cli(['wait', id], {
      onStderr: (text, running) => {
        if (!sent && text.includes('creating')) {
          sent = true;
          running.kill('SIGINT');
        }
      },
    });
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted');
  });
});
