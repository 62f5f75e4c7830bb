/**
 * Reading an API key from a file, for `--api-key-file` and a profile's `apiKeyFile`: one trimmed line, not
 * empty. A file other users can read draws a warning rather than a refusal (ssh refuses such a private key,
 * but CI jobs often write secrets with a umask of 022; the inline `apiKey` of a profiles file is refused).
 */
import { readFile, stat } from 'node:fs/promises';
import { UsageError } from './exit-codes.js';

/**
 * The key in `path`. `named` is how messages name the file: never by its path when a user may have typed the
 * key in its place. `warn` receives one line when others can read the file.
 */
export async function readKeyFile(path: string, named: string, warn: (line: string) => void): Promise<string> {
  const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${named} (${error.code ?? 'error'})`);
  });
  const key = text.trim();
  if (key === '') throw new UsageError(`${named} is empty`);
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    warn(`warning: other users can read ${named}, which holds an API key: make it private (chmod 600)\n`);
  }
  return key;
}
