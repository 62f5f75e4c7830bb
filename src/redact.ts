import { copyJson } from './internal/copy-json.js';
import { scrub } from './internal/scrub.js';

/**
 * Hides secrets in text you are about to print — a status or a message a server sent, a line of your own
 * output — the way the SDK hides them in its errors and log lines: each secret in its raw form and in every
 * encoding a careless server might echo (JSON, URL and HTML escapes, base64, folded lines), and the value of
 * every credential field written in the text (`"password": "…"`, `username: …`), each replaced by
 * `<REDACTED>`. Secrets shorter than 8 characters are hidden only where they stand alone, so they cannot
 * blank pieces of ordinary words. The exact rules are in docs/reliability.md.
 *
 * @example
 * ```ts
 * await client.createAndWait(payload, {
 *   onPoll: (each) => console.log(redactSecrets(`status: ${each.status}`, [apiKey, password])),
 * });
 * ```
 *
 * @group Redaction
 */
export function redactSecrets(
  text: string,
  secrets: readonly string[],
  options: {
    /**
     * Whether credential fields written in the text (`"password": "…"`) have their values masked too. Default
     * true. Turn it off for text that holds your own messages about such fields (`password: is required`).
     */
    credentialFields?: boolean;
  } = {},
): string {
  return scrub(String(text), secrets, { fields: options.credentialFields ?? true });
}

/**
 * Returns a copy of a payload (or delete credentials, or any config-shaped object) with every credential
 * — `username`, `password` and `token`, those inside `okta` included — replaced by `<REDACTED>`, as Immuta
 * masks them, for printing or logging. The input is not changed. Safe on any input: values nested deeper
 * than 64 levels (or in a cycle) are replaced by a note.
 *
 * @example
 * ```ts
 * console.log(JSON.stringify(redactPayload(payload), null, 2)); // "password": "<REDACTED>"
 * ```
 *
 * @group Redaction
 */
export function redactPayload<T>(value: T): T {
  return copyJson(value) as T;
}
