/**
 * Which fields hold credentials: the one rule, used wherever the SDK masks data (copies placed in errors,
 * `redactPayload`, credential fields written in text a server sent) and wherever it collects the secrets of a
 * payload to hide them.
 *
 * Two kinds, because they are hidden differently:
 * - **secret fields** (`password`, `okta.password`, `dbPassword`, `apiKey`, `token`, `refresh_token`, any
 *   `…secret…`): their values are secrets, hidden wherever they appear, whole, in every encoding;
 * - **identity fields** (`username`, `userName`, `login`): their values name an account. Immuta masks them in
 *   its answers and so does the SDK, but only where they stand as such a field's value — never as a substring
 *   of other text, where a username `immuta` would blank the database `immuta` too.
 */

/** Secret field names, as a pattern fragment (case-insensitive, bounded so matching stays linear). */
const SECRET_NAME = String.raw`(?:[a-z0-9_]{0,40}(?:password|passwd|secret|private_?key)[a-z0-9_]{0,40}|api_?key|(?:access_?|bearer_?|auth_?|refresh_?|id_?|session_?)?token)`;
/** Identity field names, as a pattern fragment. */
const IDENTITY_NAME = String.raw`(?:user_?name|login)`;

const SECRET_FIELD = new RegExp(`^${SECRET_NAME}$`, 'i');
const CREDENTIAL_FIELD = new RegExp(`^(?:${SECRET_NAME}|${IDENTITY_NAME})$`, 'i');

/** @internal Whether a field's value is a secret (hidden everywhere): `password`, `dbPassword`, `apiKey`, `token`, … */
export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

/** @internal Whether a field holds a credential of either kind: a secret field, or `username`/`login`. */
export function isCredentialField(name: string): boolean {
  return CREDENTIAL_FIELD.test(name);
}

/** @internal Credential field names as a pattern fragment, for finding such fields written in text (`"password": "…"`). */
export const CREDENTIAL_FIELD_PATTERN = `(?:${SECRET_NAME}|${IDENTITY_NAME})`;

/**
 * @internal The values of the secret fields of a payload's config or of delete credentials (the passwords;
 * under `unknownFields: 'allow'` any field named like a secret), at any depth up to 4, so they can be hidden in
 * anything a server says. Usernames are not among them (see above).
 */
export function secretValuesOf(value: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (typeof node !== 'object' || node === null || depth > 3) return;
    for (const [key, field] of Object.entries(node)) {
      if (typeof field === 'string' && isSecretField(key)) found.push(field);
      else walk(field, depth + 1);
    }
  };
  walk(value, 0);
  return found;
}
