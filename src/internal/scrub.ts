import { REDACTED } from '../model/redaction.js';

/**
 * Replaces every occurrence of each secret in `text` with `[REDACTED]`. Used on everything the
 * server says before it goes into an error, because a server may echo what it was sent.
 * Longer secrets go first so a secret that contains another is hidden whole.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) out = out.split(secret).join(REDACTED);
  }
  return out;
}
