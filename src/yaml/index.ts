/**
 * `immuta-redshift/yaml`: payload and credentials files in YAML (or JSON), and YAML request bodies. A
 * separate entry so that the `yaml` parser is never part of the main entry's import graph: apps that only
 * speak JSON do not ship it.
 *
 * @groupDescription References
 * Exported here too for convenience; documented in the main entry.
 *
 * @module immuta-redshift/yaml
 * @packageDocumentation
 */
import { PayloadValidationError } from '../errors/index.js';
import type { DeleteCredentials, RedshiftIntegrationPayload } from '../model/payload.js';
import type { BodyFormat, PayloadCheckOptions } from '../options.js';
import { validateDeleteCredentials, validateRedshiftPayload } from '../validate.js';
import { parseDocumentText, toYaml } from './yaml-text.js';

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
 * Reads a Redshift payload from YAML or JSON text (a file's contents, stdin; bytes are read as UTF-8) and
 * validates it as `validateRedshiftPayload` does. Documents over 1 MiB, alias bombs and duplicate keys are
 * refused.
 *
 * @throws {@link immuta-redshift!PayloadValidationError | PayloadValidationError} for a syntax error (its issue's path names the line and column; a
 * JSON document gets a JSON error), an invalid payload, or input that is neither text nor bytes.
 *
 * @example
 * ```ts
 * import { parseRedshiftPayload } from 'immuta-redshift/yaml';
 *
 * const payload = await parseRedshiftPayload(await readFile('redshift.yaml'));
 * await client.create(payload);
 * ```
 *
 * @group Reading files
 */
export async function parseRedshiftPayload(
  text: string | Uint8Array,
  options?: PayloadCheckOptions,
): Promise<RedshiftIntegrationPayload> {
  const subject = 'payload document';
  return validateRedshiftPayload(parseDocumentText(documentText(text, subject), subject), options);
}

/**
 * Reads the credentials of `DELETE /integrations/{id}` (for an integration created with
 * `autoBootstrap: true`) from YAML or JSON text, and validates them as `validateDeleteCredentials` does.
 *
 * @throws {@link immuta-redshift!PayloadValidationError | PayloadValidationError} for a syntax error, invalid credentials, or input that is neither
 * text nor bytes.
 *
 * @example
 * ```ts
 * import { parseDeleteCredentials } from 'immuta-redshift/yaml';
 *
 * await client.delete(id, await parseDeleteCredentials(await readFile('credentials.yaml')));
 * ```
 *
 * @group Reading files
 */
export async function parseDeleteCredentials(
  text: string | Uint8Array,
  options?: PayloadCheckOptions,
): Promise<DeleteCredentials> {
  const subject = 'delete credentials document';
  return validateDeleteCredentials(parseDocumentText(documentText(text, subject), subject), options);
}

/**
 * Sends payloads as YAML (`Content-Type: application/yaml`), which Immuta's guide says the API accepts
 * (it does not name the media type: `application/yaml` is this SDK's choice).
 *
 * @example
 * ```ts
 * import { yamlBody } from 'immuta-redshift/yaml';
 *
 * const client = new RedshiftIntegrationClient({ bodyFormat: yamlBody });
 * ```
 *
 * @group Sending YAML
 */
export const yamlBody: BodyFormat = { contentType: 'application/yaml', serialize: toYaml };

export type { PayloadCheckOptions };
