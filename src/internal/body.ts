import { secretValuesOf } from '../model/credential-fields.js';
import type { DeleteCredentials, RedshiftIntegrationPayload } from '../model/payload.js';
import type { BodyFormat } from '../options.js';
import type { RequestBody } from './http/types.js';

/**
 * @internal Serializes a validated value once, as JSON or YAML, noting the secrets it holds. The user's own
 * object is serialized — not the parsed copy — so nothing is added or dropped.
 */
export function encodeBody(value: RedshiftIntegrationPayload | DeleteCredentials, format: BodyFormat): RequestBody {
  const secrets = secretValuesOf('config' in value ? value.config : value);
  return { text: format.serialize(value), contentType: format.contentType, secrets };
}

/** @internal The default body format: JSON, as in every example of Immuta's guide. */
export const jsonBody: BodyFormat = { contentType: 'application/json', serialize: (value) => JSON.stringify(value) };
