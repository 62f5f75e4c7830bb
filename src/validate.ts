import type { PayloadCheckOptions } from './options.js';
import { checkDeleteCredentials, checkRedshiftPayload } from './internal/payload-check.js';
import type { DeleteCredentials, RedshiftIntegrationPayload } from './model/payload.js';

/**
 * Checks a value against the Redshift payload rules and returns it typed. Use it to check a
 * payload read from a file or built by hand before any request; the client runs the same check.
 *
 * Rules: `type` is `'Redshift'`; `host` is a bare host name (no scheme, path or port); `port` an
 * integer 1–65535; the credential block matches `authenticationType`; no unknown keys (unless
 * `unknownFields: 'allow'`); no credential holds a redaction marker copied from a GET response.
 *
 * @throws {@link PayloadValidationError} listing each problem with its path; no value is quoted.
 *
 * @example
 * ```ts
 * const payload = validateRedshiftPayload(JSON.parse(await readFile('redshift.json', 'utf8')));
 * // YAML files: parseRedshiftPayload from 'immuta-redshift/yaml'
 * ```
 *
 * @group Payloads
 */
export function validateRedshiftPayload(value: unknown, options?: PayloadCheckOptions): RedshiftIntegrationPayload {
  return checkRedshiftPayload(value, options).value;
}

/**
 * Checks the credentials of `DELETE /integrations/{id}` (an integration created with `autoBootstrap: true`):
 * `authenticationType` with `username` and `password`, or with the `okta` block. A whole config or payload
 * passed by mistake is refused with a pointer to {@link deleteCredentialsOf}.
 *
 * @throws {@link PayloadValidationError} listing each problem with its path; no value is quoted.
 *
 * @group Payloads
 */
export function validateDeleteCredentials(value: unknown, options?: PayloadCheckOptions): DeleteCredentials {
  return checkDeleteCredentials(value, options).value;
}
