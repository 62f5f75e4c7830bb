import * as z from 'zod/mini';
import { copyJson, REDACTED } from '../internal/copy-json.js';

export { REDACTED };

/**
 * The markers Immuta (and copies of its output) use in place of a credential.
 * The Redshift guide shows `<REDACTED>`, the Databricks example `REDACTED`; `[REDACTED]` is what many log
 * pipelines print (and what this SDK printed before 0.2).
 */
const REDACTION_MARKERS: ReadonlySet<string> = new Set(['<REDACTED>', 'REDACTED', '[REDACTED]']);

/**
 * Tells whether a value is one of the markers Immuta sends in place of a credential
 * (`<REDACTED>`, `REDACTED`, `[REDACTED]`), ignoring surrounding white space.
 *
 * A payload built from a `get()` response carries such markers instead of the real credentials;
 * the SDK refuses to send them.
 *
 * @example
 * ```ts
 * const integration = await client.get('123456789');
 * if (isRedshiftIntegration(integration) && isRedacted(integration.config?.password)) {
 *   // ask the user for the real password before updating
 * }
 * ```
 */
export function isRedacted(value: unknown): boolean {
  return typeof value === 'string' && REDACTION_MARKERS.has(value.trim());
}

/**
 * A credential as Immuta returns it: masked (`"<REDACTED>"`), never the real value.
 * Typed apart from `string` so a reader of a response type sees it is not a usable secret.
 */
export const redactedValueSchema = z.string().brand<'RedactedValue'>();

/**
 * A credential as Immuta returns it in a response: a masked marker such as `"<REDACTED>"`.
 *
 * @useDeclaredType
 */
export type RedactedValue = z.infer<typeof redactedValueSchema>;

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
 */
export function redactPayload<T>(value: T): T {
  return copyJson(value) as T;
}
