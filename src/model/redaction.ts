/** What this SDK prints wherever it hides a secret: Immuta's own marker. */
export const REDACTED = '<REDACTED>';

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
 *
 * @group Redaction
 */
export function isRedacted(value: unknown): boolean {
  return typeof value === 'string' && REDACTION_MARKERS.has(value.trim());
}
