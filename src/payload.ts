import type * as z from 'zod/mini';
import { PayloadValidationError } from './errors/index.js';
import type { RequestBody } from './http.js';
import { safeParse, toValidationIssues } from './model/issues.js';
import {
  secretsOf,
  type DeleteCredentials,
  deleteCredentialsSchema,
  type RedshiftIntegrationPayload,
  redshiftPayloadSchema,
} from './model/payload.js';

function check<T>(schema: z.ZodMiniType<T>, value: unknown, subject: string): T {
  const result = safeParse(schema, value);
  if (!result.success) throw new PayloadValidationError(toValidationIssues(result.error.issues), subject);
  return result.data;
}

/**
 * Checks a value against the Redshift payload rules and returns it typed. Use it to check a
 * payload read from a file or built by hand before any request; the client runs the same check.
 *
 * Rules: `type` is `'Redshift'`; `host` is a bare host name (no scheme, path or port); `port` an
 * integer 1–65535; the credential block matches `authenticationType`; no unknown keys; no credential
 * holds a redaction marker copied from a GET response.
 *
 * @throws {@link PayloadValidationError} listing each problem with its path; no value is quoted.
 *
 * @example
 * ```ts
 * const payload = validateRedshiftPayload(JSON.parse(await readFile('redshift.json', 'utf8')));
 * ```
 */
export function validateRedshiftPayload(value: unknown): RedshiftIntegrationPayload {
  return check(redshiftPayloadSchema, value, 'Redshift integration payload');
}

/** @internal Checks the credentials of `DELETE /integrations/{id}`. */
export function validateDeleteCredentials(value: unknown): DeleteCredentials {
  return check(deleteCredentialsSchema, value, 'delete credentials');
}

/**
 * Reads a Redshift payload from YAML or JSON text (a file's contents, stdin; bytes are read as UTF-8) and
 * validates it.
 * Loads the YAML parser on first use. Documents over 1 MiB, alias bombs and duplicate keys are refused.
 *
 * @throws {@link PayloadValidationError} for a syntax error (its issue's path names the line and
 * column) or an invalid payload.
 *
 * @example
 * ```ts
 * const payload = await parseRedshiftPayload(await readFile('redshift.yaml', 'utf8'));
 * await client.create(payload);
 * ```
 */
export async function parseRedshiftPayload(text: string | Uint8Array): Promise<RedshiftIntegrationPayload> {
  const { parseDocumentText } = await import('./yaml.js');
  return validateRedshiftPayload(parseDocumentText(documentText(text, 'payload document'), 'payload document'));
}

/**
 * Reads the credentials of `DELETE /integrations/{id}` (for an integration created with
 * `autoBootstrap: true`) from YAML or JSON text, and validates them.
 *
 * @throws {@link PayloadValidationError} for a syntax error or invalid credentials.
 *
 * @example
 * ```ts
 * await client.delete(id, await parseDeleteCredentials(await readFile('credentials.yaml', 'utf8')));
 * ```
 */
export async function parseDeleteCredentials(text: string | Uint8Array): Promise<DeleteCredentials> {
  const { parseDocumentText } = await import('./yaml.js');
  const subject = 'delete credentials document';
  return validateDeleteCredentials(parseDocumentText(documentText(text, subject), subject));
}

/** A document as text: a string as is, bytes (a file read without an encoding) as UTF-8, anything else refused. */
function documentText(input: unknown, subject: string): string {
  if (typeof input === 'string') return input;
  if (input instanceof Uint8Array) return new TextDecoder().decode(input);
  throw new PayloadValidationError(
    [
      {
        path: '(root)',
        message: `expected the document as text or bytes, found ${input === null ? 'null' : typeof input}`,
      },
    ],
    subject,
  );
}

/**
 * @internal Serializes a validated value once, as JSON or YAML, noting the credentials it holds.
 * The user's own object is serialized — not the parsed copy — so nothing is added or dropped.
 */
export async function encodeBody(
  value: RedshiftIntegrationPayload | DeleteCredentials,
  format: 'json' | 'yaml',
): Promise<RequestBody> {
  const secrets = secretsOf('config' in value ? value.config : value);
  if (format === 'yaml') {
    const { toYaml } = await import('./yaml.js');
    return { text: toYaml(value), contentType: 'application/yaml', secrets };
  }
  return { text: JSON.stringify(value), contentType: 'application/json', secrets };
}
