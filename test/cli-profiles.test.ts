// Named profiles: which tenant and key the CLI uses, in the documented order. In process, with the profiles file
// under the test's own XDG_CONFIG_HOME.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from './support/cli.js';

const harness = useCli();
const { cli, KEY } = harness;

/** Writes the profiles file; `mode` its permissions. */
async function profiles(text: string, mode = 0o600): Promise<string> {
  const dir = join(harness.dir, 'immuta-redshift');
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'profiles.yaml');
  await writeFile(path, text);
  await chmod(path, mode);
  return path;
}

/** No tenant in the environment: only what the command line and the profiles file say. */
const bare = { IMMUTA_URL: '', IMMUTA_API_KEY: '' };

describe('profiles', () => {
  it('--profile takes the URL and the key from the variable the profile names', async () => {
    await profiles(`profiles:\n  dev:\n    url: ${harness.server.url}\n    apiKeyEnv: DEV_KEY\n`);
    const { code } = await cli(['list', '--profile', 'dev'], { env: { ...bare, DEV_KEY: KEY } });
    expect(code).toBe(0);
    const missing = await cli(['list', '--profile', 'dev'], { env: bare });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error: profile dev reads its key from DEV_KEY, which is not set\n');
  });

  it('IMMUTA_PROFILE, then the file’s default, when the environment names no tenant', async () => {
    await profiles(
      `default: dev\nprofiles:\n  dev:\n    url: ${harness.server.url}\n    apiKeyEnv: DEV_KEY\n  off:\n    url: http://127.0.0.1:9\n    apiKeyEnv: DEV_KEY\n`,
    );
    expect((await cli(['list'], { env: { ...bare, DEV_KEY: KEY } })).code).toBe(0);
    expect((await cli(['list'], { env: { ...bare, DEV_KEY: KEY, IMMUTA_PROFILE: 'off' } })).code).toBe(1);
    // An API key alone in the environment names no tenant: the default profile applies, with its own key.
    expect((await cli(['list'], { env: { ...bare, IMMUTA_API_KEY: 'a-key-of-no-tenant', DEV_KEY: KEY } })).code).toBe(
      0,
    );
  });

  it('the order: --url over --profile over IMMUTA_URL/IMMUTA_API_KEY over IMMUTA_PROFILE — never a URL of one tenant with the key of another', async () => {
    await profiles(
      `profiles:\n  wrong:\n    url: http://127.0.0.1:9\n    apiKeyEnv: DEV_KEY\n  right:\n    url: ${harness.server.url}\n    apiKeyEnv: DEV_KEY\n`,
    );
    const env = { DEV_KEY: KEY };
    // --url naming another tenant takes no key from the profile: that key belongs to the profile's tenant.
    const refused = await cli(['list', '--profile', 'wrong', '--url', harness.server.url], {
      env: { ...bare, ...env },
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--url names another tenant than profile wrong');
    expect(harness.server.fake.requests).toEqual([]);
    // With that tenant's own key, --url wins over the profile's URL.
    const keyFile = join(harness.dir, 'other.key');
    await writeFile(keyFile, KEY);
    const args = ['list', '--profile', 'wrong', '--url', harness.server.url, '--api-key-file', keyFile];
    expect((await cli(args, { env: { ...bare, ...env } })).code).toBe(0);
    // A tenant's URL with an endpoint's path copied from a curl example is that tenant's, and says what to drop.
    const copied = await cli(['list', '--url', `${harness.server.url}/integrations`], {
      env: { IMMUTA_URL: harness.server.url, IMMUTA_API_KEY: KEY },
    });
    expect(copied.code).toBe(2);
    expect(copied.stderr).toContain('drop /integrations');
    // IMMUTA_URL's key does not follow --url to another tenant either.
    expect((await cli(['list', '--url', harness.server.url], { env: { IMMUTA_URL: 'http://127.0.0.1:9' } })).code).toBe(
      2,
    );
    // --profile wins over IMMUTA_URL.
    expect(
      (await cli(['list', '--profile', 'right'], { env: { ...env, IMMUTA_URL: 'http://127.0.0.1:9' } })).code,
    ).toBe(0);
    // IMMUTA_URL and IMMUTA_API_KEY win over IMMUTA_PROFILE: both from the environment.
    expect((await cli(['list'], { env: { ...env, IMMUTA_PROFILE: 'wrong' } })).code).toBe(0);
  });

  it('a key file, with ~ for the home directory', async () => {
    await writeFile(join(harness.dir, 'prod.key'), `${KEY}\n`, { mode: 0o600 });
    await profiles(
      `profiles:\n  prod:\n    url: ${harness.server.url}\n    apiKeyFile: ~/prod.key\n    authMethod: bearerToken\n`,
    );
    const { code, stderr } = await cli(['list', '--profile', 'prod'], { env: { ...bare, HOME: harness.dir } });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(harness.server.fake.requests[0]?.path).toBe('/bim/apikey/authenticate');
  });

  it.skipIf(process.platform === 'win32')(
    'a key file others can read is used, with a warning naming the fix',
    async () => {
      const keyFile = join(harness.dir, 'shared.key');
      await writeFile(keyFile, KEY);
      await chmod(keyFile, 0o644);
      const flag = await cli(['list', '--url', harness.server.url, '--api-key-file', keyFile], { env: bare });
      expect(flag.code).toBe(0);
      // The path is not printed: a user may have typed the key in its place.
      expect(flag.stderr).toBe(
        'warning: other users can read the --api-key-file file, which holds an API key: make it private (chmod 600)\n',
      );
      await profiles(`profiles:\n  shared:\n    url: ${harness.server.url}\n    apiKeyFile: ${keyFile}\n`);
      const profile = await cli(['list', '--profile', 'shared'], { env: bare });
      expect(profile.code).toBe(0);
      expect(profile.stderr).toContain('other users can read the apiKeyFile of profile shared');
      await chmod(keyFile, 0o600);
      expect((await cli(['list', '--profile', 'shared'], { env: bare })).stderr).toBe('');
    },
  );

  it('a key written in the file is read only when the file is private to its owner', async () => {
    const path = await profiles(`profiles:\n  inline:\n    url: ${harness.server.url}\n    apiKey: ${KEY}\n`, 0o644);
    const refused = await cli(['list', '--profile', 'inline'], { env: bare });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`which others can read: make it private (chmod 600 ${path})`);
    await chmod(path, 0o600);
    expect((await cli(['list', '--profile', 'inline'], { env: bare })).code).toBe(0);
  });

  it('an unknown profile names the ones there are; a malformed one says what is wrong', async () => {
    await profiles(
      `profiles:\n  dev:\n    url: ${harness.server.url}\n    apiKeyEnv: DEV_KEY\n  odd:\n    url: ${harness.server.url}\n`,
    );
    const unknown = await cli(['list', '--profile', 'prod'], { env: bare });
    expect(unknown.stderr).toMatch(/^error: no profile prod in .+profiles\.yaml \(it has: dev, odd\)\n$/);
    const odd = await cli(['list', '--profile', 'odd'], { env: bare });
    expect(odd.stderr).toContain('needs exactly one of apiKeyEnv, apiKeyFile or apiKey');
  });
});
