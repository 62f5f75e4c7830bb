// The CLI as a real subprocess: it never echoes a secret-bearing argument and never prints a server's echo of one.
import { describe, expect, it } from 'vitest';
import { json, programmableServer } from '../support/http-server.js';
import { useCli } from '../support/cli.js';

const harness = useCli();
const { cli, payload, file, KEY, PASSWORD } = harness;

describe('ids', () => {
  it.each(['..', '.', 'a/b'])('refuses `delete %s` as a usage error, sending nothing', async (id) => {
    const { code, stderr } = await cli(['delete', id]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*id/);
    expect(harness.server.fake.integrations.size).toBe(2);
  });
});

describe('--api-key-file', () => {
  it('does not print its argument when it cannot be read (a key typed in its place stays hidden)', async () => {
    const { code, stderr } = await cli(['list', '--api-key-file', KEY]);
    expect(code).toBe(2);
    expect(stderr).toContain('--api-key-file');
    expect(stderr).not.toContain(KEY);
  });

  it('says an empty key file is empty, without its path', async () => {
    const path = await file('empty-key', '\n');
    const { code, stderr } = await cli(['list', '--api-key-file', path]);
    expect(code).toBe(2);
    expect(stderr).not.toContain(path);
  });
});

describe('what a hostile server echoes', () => {
  it('never reaches the progress lines or the final output', async () => {
    const hostile = await programmableServer();
    try {
      let reads = 0;
      hostile.behave((request, response) => {
        if (request.method === 'POST') return json(response, 200, { id: '9', status: `creating ${PASSWORD}` });
        reads += 1;
        return json(response, 200, {
          id: '9',
          status: reads < 3 ? `creating ${KEY}` : `enabled`,
          type: 'Redshift',
          config: { host: 'h.example', note: `${KEY} ${PASSWORD}` },
        });
      });
      const path = await file('hostile.yaml', payload(true));
      const { code, stdout, stderr } = await cli(['create', '-f', path, '--wait', '--timeout', '30'], {
        env: { IMMUTA_URL: hostile.url },
      });
      expect(code).toBe(0);
      expect(stderr).toContain('integration 9: creating <REDACTED>');
      for (const secret of [KEY, PASSWORD]) {
        expect(stdout).not.toContain(secret);
        expect(stderr).not.toContain(secret);
      }
    } finally {
      await hostile.close();
    }
  });

  it('never reaches a wait timeout message', async () => {
    const hostile = await programmableServer();
    try {
      hostile.behave((_request, response) => json(response, 200, { id: '9', status: `creating ${KEY}` }));
      const { code, stderr } = await cli(['wait', '9', '--timeout', '1'], { env: { IMMUTA_URL: hostile.url } });
      expect(code).toBe(4);
      expect(stderr).not.toContain(KEY);
      expect(stderr).toContain('<REDACTED>');
    } finally {
      await hostile.close();
    }
  });
});
