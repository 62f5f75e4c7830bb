/**
 * Named profiles, as `aws`, `gh` and `kubectl` users keep them: one file holding each tenant's URL and where its
 * API key comes from.
 *
 * ```yaml
 * # ~/.config/immuta-redshift/profiles.yaml
 * default: dev
 * profiles:
 *   dev:
 *     url: https://dev.immuta.example.com
 *     apiKeyEnv: IMMUTA_DEV_API_KEY          # the key from this environment variable
 *   prod:
 *     url: https://prod.immuta.example.com
 *     apiKeyFile: ~/.secrets/immuta-prod.key # or from this file
 *     authMethod: bearerToken
 * ```
 *
 * A key written in the file itself (`apiKey:`) is read only when the file is private to its owner (no group or
 * other permission bits, owned by the user running the CLI).
 */
import { stat, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDocumentText } from '../yaml/yaml-text.js';
import { UsageError } from './exit-codes.js';
import { readKeyFile } from './key-file.js';

/** One profile, as the file holds it. */
export interface Profile {
  readonly name: string;
  readonly url: string;
  readonly authMethod: 'apiKey' | 'bearerToken';
  /** Where the key comes from, for messages: never the key. */
  readonly keySource: string;
  /** Reads the key; `warn` receives a warning line (a key file others can read). */
  key(warn: (line: string) => void): Promise<string>;
}

/** Where the profiles file is: `$XDG_CONFIG_HOME/immuta-redshift/profiles.yaml`, by default under `~/.config`. */
export function profilesPath(env: Readonly<Record<string, string | undefined>>): string {
  const base = env.XDG_CONFIG_HOME?.trim() || join(env.HOME?.trim() || homedir(), '.config');
  return join(base, 'immuta-redshift', 'profiles.yaml');
}

function expandHome(path: string, env: Readonly<Record<string, string | undefined>>): string {
  return path.startsWith('~/') ? join(env.HOME?.trim() || homedir(), path.slice(2)) : resolve(path);
}

const KEYS = ['url', 'apiKeyEnv', 'apiKeyFile', 'apiKey', 'authMethod'];

/** Reads one profile from the file; a usage error says exactly what is wrong, and never quotes a key. */
export async function readProfile(name: string, env: Readonly<Record<string, string | undefined>>): Promise<Profile> {
  const path = profilesPath(env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `profile ${name} is asked for, but ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): see immuta-redshift --help`,
    );
  }
  const document = parseDocumentText(text, 'profiles file') as { profiles?: Record<string, unknown> } | null;
  const entry = document?.profiles?.[name] as Record<string, unknown> | undefined;
  if (typeof entry !== 'object' || entry === null) {
    const known = Object.keys(document?.profiles ?? {}).filter((each) => /^[\w.-]{1,64}$/.test(each));
    throw new UsageError(`no profile ${name} in ${path}${known.length ? ` (it has: ${known.join(', ')})` : ''}`);
  }
  const unknown = Object.keys(entry).filter((key) => !KEYS.includes(key));
  if (unknown.length > 0) {
    throw new UsageError(
      `profile ${name} in ${path}: unknown keys (${unknown.map((key) => (/^\w{1,40}$/.test(key) ? key : '…')).join(', ')}); known: ${KEYS.join(', ')}`,
    );
  }
  const { url, apiKeyEnv, apiKeyFile, apiKey, authMethod = 'apiKey' } = entry;
  if (typeof url !== 'string' || url.trim() === '') throw new UsageError(`profile ${name} in ${path} needs a url`);
  if (authMethod !== 'apiKey' && authMethod !== 'bearerToken') {
    throw new UsageError(`profile ${name} in ${path}: authMethod must be apiKey or bearerToken`);
  }
  const sources = [apiKeyEnv, apiKeyFile, apiKey].filter((each) => each !== undefined);
  if (sources.length !== 1) {
    throw new UsageError(`profile ${name} in ${path} needs exactly one of apiKeyEnv, apiKeyFile or apiKey`);
  }
  const base = { name, url: url.trim(), authMethod } as const;
  if (typeof apiKeyEnv === 'string') {
    return {
      ...base,
      keySource: `the variable ${apiKeyEnv} (profile ${name})`,
      key: async () => {
        const key = env[apiKeyEnv]?.trim();
        if (!key) throw new UsageError(`profile ${name} reads its key from ${apiKeyEnv}, which is not set`);
        return key;
      },
    };
  }
  if (typeof apiKeyFile === 'string') {
    const file = expandHome(apiKeyFile, env);
    return {
      ...base,
      keySource: `a key file (profile ${name})`,
      key: async (warn) => readKeyFile(file, `the apiKeyFile of profile ${name}`, warn),
    };
  }
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new UsageError(`profile ${name} in ${path}: apiKey must be the key, as text`);
  }
  // A key in the file is read only when nobody else can read the file.
  const info = await stat(path);
  const mine = typeof process.getuid !== 'function' || info.uid === process.getuid();
  if ((info.mode & 0o077) !== 0 || !mine) {
    throw new UsageError(
      `profile ${name} holds its key in ${path}, which others can read: make it private (chmod 600 ${path}), or use apiKeyEnv or apiKeyFile`,
    );
  }
  return { ...base, keySource: `the profiles file (profile ${name})`, key: async () => apiKey.trim() };
}
