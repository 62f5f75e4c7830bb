import * as z from 'zod/mini';
import { hostSchema, redshiftPayloadSchema, secretSchema } from '../model/payload.js';
import { desiredStateDocumentSchema } from './file-schema.js';

/**
 * The host rule as a pattern: labels of letters, digits and inner hyphens (1–63 each), 253 characters at most
 * without the optional trailing dot — what `hostProblem` in the payload rules checks in code.
 */
const HOST_PATTERN =
  '^(?=.{1,253}\\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$';

/** A redaction marker copied from a GET answer, which the payload rules refuse as a credential. */
const REDACTED_PATTERN = '^\\s*(?:<REDACTED>|REDACTED|\\[REDACTED\\])\\s*$';

/**
 * A JSON Schema document, as a plain object.
 *
 * @group JSON Schema
 */
export type JsonSchema = Record<string, unknown>;

/**
 * zod's JSON Schema of `schema`, with the rules zod keeps in code (refinements) written out as patterns, so
 * an editor checks what the SDK checks.
 */
function jsonSchemaOf(schema: z.ZodMiniType, title: string, description: string): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    unrepresentable: 'any',
    override: (context) => {
      const json = context.jsonSchema as JsonSchema;
      if (context.zodSchema === hostSchema) json.pattern = HOST_PATTERN;
      if (context.zodSchema === secretSchema) json.not = { pattern: REDACTED_PATTERN };
    },
  }) as JsonSchema;
  const { $schema, ...rest } = generated;
  return { $schema, title, description, ...rest };
}

/**
 * The JSON Schema (draft 2020-12) of a desired-state file, generated from the zod schema the loader checks
 * files with. Shipped as `immuta-redshift/schemas/desired-state.schema.json`; printed by
 * `immuta-redshift schema`. An editor that uses it accepts what `loadDesiredState` accepts before references
 * are resolved (a host may then be a reference; resolved values are checked by the loader).
 *
 * @group JSON Schema
 */
export function desiredStateJsonSchema(): JsonSchema {
  return jsonSchemaOf(
    desiredStateDocumentSchema,
    'immuta-redshift desired state',
    'Redshift integrations to keep on an Immuta tenant with immuta-redshift plan / apply. String values may hold ${env:NAME} and ${file:PATH} references ($${ is a literal ${).',
  );
}

/**
 * The JSON Schema (draft 2020-12) of one Redshift integration payload — the body of create, update and the
 * script endpoints — generated from the zod schema the client validates payloads with. Shipped as
 * `immuta-redshift/schemas/payload.schema.json`; printed by `immuta-redshift schema --payload`.
 *
 * @group JSON Schema
 */
export function payloadJsonSchema(): JsonSchema {
  return jsonSchemaOf(
    redshiftPayloadSchema,
    'Immuta Redshift integration payload',
    'The body of POST /integrations, PUT /integrations/{id} and the script endpoints, for a Redshift integration.',
  );
}
