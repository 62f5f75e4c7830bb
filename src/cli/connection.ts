/**
 * Which tenant the CLI talks to, and with which key. One source gives both, so a URL from one place is never
 * paired with a key from another (a production key sent to a development URL):
 *
 * 1. `--url` and `--api-key-file`, each overriding what the next source gives — but `--url` naming another tenant
 *    than that source's takes no key from it: pass the tenant's own with `--api-key-file`;
 * 2. `--profile NAME`: a profile of the profiles file;
 * 3. `IMMUTA_URL` and `IMMUTA_API_KEY`;
 * 4. `IMMUTA_PROFILE`, then the profiles file's `default`.
 */
import { readFile } from 'node:fs/promises';
import { parseDocumentText } from '../yaml/yaml-text.js';
import type { Values } from './argv.js';
import { sameTenant } from '../internal/tenant-url.js';
import { UsageError } from './exit-codes.js';
import { readKeyFile } from './key-file.js';
import { type Profile, profilesPath, readProfile } from './profiles.js';
import type { CliIo } from './types.js';

/** Where the CLI connects, with what, and where each came from (for messages: never the key). */
export interface Connection {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly authMethod: 'apiKey' | 'bearerToken';
  /** `--url`, `IMMUTA_URL`, or `profile NAME`: what to check when the URL is wrong. */
  readonly urlSource: string;
}

/** The profiles file's `default`, if there is a file that names one. */
async function defaultProfile(env: CliIo['env']): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(profilesPath(env), 'utf8');
  } catch {
    return undefined;
  }
  const name = (parseDocumentText(text, 'profiles file') as { default?: unknown } | null)?.default;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
}

/** The profile the command line or the environment asks for, or undefined when the environment names a tenant. */
async function chosenProfile(values: Values, env: CliIo['env']): Promise<Profile | undefined> {
  const named = typeof values.profile === 'string' ? values.profile : undefined;
  if (named !== undefined) return readProfile(named, env);
  if (env.IMMUTA_URL?.trim()) return undefined;
  const fallback = env.IMMUTA_PROFILE?.trim() || (await defaultProfile(env));
  return fallback === undefined ? undefined : readProfile(fallback, env);
}

/** Resolves the connection in the order above; a usage error says what to set when nothing gives one. */
export async function connectionOf(values: Values, io: CliIo): Promise<Connection> {
  const profile = await chosenProfile(values, io.env);
  const flagUrl = typeof values.url === 'string' ? values.url.trim() : undefined;
  const keyFile = typeof values['api-key-file'] === 'string' ? values['api-key-file'] : undefined;
  const bearer = values['bearer-token'] === true;
  const warn = (line: string) => void io.stderr.write(line);
  // Its path is never printed: a user may have typed the key in its place.
  const keyFromFile = (path: string) => readKeyFile(path, 'the --api-key-file file', warn);
  /** Refuses to send a key to a tenant other than the one it came with. */
  const keyFor = (url: string, source: string) => {
    // An unusable --url is reported as such by the client's own check, with where it came from.
    if (flagUrl && keyFile === undefined && URL.canParse(flagUrl) && !sameTenant(flagUrl, url)) {
      throw new UsageError(
        `--url names another tenant than ${source}, whose API key would go with it: pass the key of ${flagUrl} with --api-key-file <path>`,
      );
    }
  };
  if (profile) {
    keyFor(profile.url, `profile ${profile.name}`);
    return {
      baseUrl: flagUrl || profile.url,
      apiKey: keyFile !== undefined ? await keyFromFile(keyFile) : await profile.key(warn),
      authMethod: bearer ? 'bearerToken' : profile.authMethod,
      urlSource: flagUrl ? '--url' : `the url of profile ${profile.name}`,
    };
  }
  const baseUrl = flagUrl || io.env.IMMUTA_URL?.trim();
  if (!baseUrl) {
    throw new UsageError(
      'no Immuta URL: pass --url <url>, set IMMUTA_URL, or choose a profile with --profile <name> (or IMMUTA_PROFILE)',
    );
  }
  const envUrl = io.env.IMMUTA_URL?.trim();
  if (envUrl) keyFor(envUrl, 'IMMUTA_URL');
  const apiKey = keyFile !== undefined ? await keyFromFile(keyFile) : io.env.IMMUTA_API_KEY?.trim();
  if (!apiKey) throw new UsageError('no API key: set IMMUTA_API_KEY, or pass --api-key-file <path>');
  return {
    baseUrl,
    apiKey,
    authMethod: bearer ? 'bearerToken' : 'apiKey',
    urlSource: flagUrl ? '--url' : 'IMMUTA_URL',
  };
}
