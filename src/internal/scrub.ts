import { REDACTED, redactPayload } from '../model/redaction.js';

/**
 * Replaces every occurrence of each secret in `text` with `[REDACTED]`. Used on everything the
 * server says before it goes into an error, because a server may echo what it was sent — so the
 * JSON-escaped form of a secret (a password holding `"` or `\`, echoed from a JSON body) is hidden too.
 * Longer forms go first so a secret that contains another is hidden whole.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  const forms = secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]);
  let out = text;
  for (const form of [...new Set(forms)].sort((a, b) => b.length - a.length)) {
    if (form.length > 0) out = out.split(form).join(REDACTED);
  }
  return out;
}

/**
 * A deep copy of `value` with every secret hidden inside every string, and every `username` /
 * `password` field masked: for data from the server that ends up inside an error.
 */
export function sanitize<T>(value: T, secrets: readonly string[]): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return scrub(node, secrets);
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(Object.entries(node).map(([key, field]) => [key, walk(field)]));
  };
  return redactPayload(walk(value) as T);
}
