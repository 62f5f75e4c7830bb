/**
 * The desired-state file's rules, as one zod schema: the loader checks a file with it before resolving any
 * reference, and the JSON Schema that editors use is generated from it (json-schema.ts), so an editor and
 * the loader agree on what a file may hold.
 */
import * as z from 'zod/mini';
import { hostSchema, redshiftConfigSchemaOf } from '../model/payload.js';
import { strictObject } from '../model/zod-jit.js';

/** A `${env:NAME}` or `${file:PATH}` reference somewhere in a string, not escaped as `$${`. */
export const REFERENCE_PATTERN = '(?<!\\$)\\$\\{(?:env|file|aws-secretsmanager):[^}]+\\}';

/** A string holding at least one reference: what a host field may be before references are resolved. */
export const referenceText = z
  .string()
  .check(
    z.regex(
      new RegExp(REFERENCE_PATTERN),
      'must be a host name, or hold a ${env:…}, ${file:…} or ${aws-secretsmanager:…} reference',
    ),
  );

/** A tenant's URL: http or https, a host (and port), perhaps a path prefix; no credentials, query or fragment. */
export const TENANT_PATTERN = '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#@:]+(?::[0-9]{1,5})?(?:/[^\\s?#]*)?$';

/** Entry names: what a person types on a command line and a file name can hold. */
export const ENTRY_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$';

const entryName = z
  .string()
  .check(
    z.regex(
      new RegExp(ENTRY_NAME_PATTERN),
      'entry names are 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit',
    ),
  );

/** One entry: a Redshift payload (`type` may be left out) and whether the integration should exist. */
export const desiredIntegrationSchema = strictObject({
  /** `present` (default): the integration should exist as described. `absent`: delete it if it exists. */
  state: z.optional(z.enum(['present', 'absent'])),
  /** Always `'Redshift'`; may be left out. */
  type: z.optional(z.literal('Redshift')),
  /** `true`: Immuta sets Redshift up with the credentials given. `false`: you run Immuta's scripts. */
  autoBootstrap: z.boolean(),
  /** The connection and the system account's credentials; any string may be a `${env:…}` / `${file:…}` reference. */
  config: redshiftConfigSchemaOf(z.union([hostSchema, referenceText])),
});

/** The whole file. */
export const desiredStateDocumentSchema = strictObject({
  /** The JSON Schema of the file, for editors of JSON files; ignored by the loader. */
  $schema: z.optional(z.string()),
  /** A note for people (a JSON file's comment: `export -o json` lists the variables here); ignored by the loader. */
  $comment: z.optional(z.string()),
  /**
   * The Immuta URL this file is meant for (`https://immuta.example.com`): plan and apply refuse to run
   * against any other tenant. Compared on scheme, host (any case), port and path prefix; a trailing slash
   * does not count.
   */
  tenant: z.optional(
    z.string().check(z.regex(new RegExp(TENANT_PATTERN), 'must be an http(s) URL, e.g. https://immuta.example.com')),
  ),
  /** The integrations you want, by a name of your choosing (Immuta does not store it). */
  integrations: z.record(entryName, desiredIntegrationSchema),
});

/**
 * One entry of a desired-state file, as written: a Redshift payload (`type` optional) plus `state`. Strings
 * may hold `${env:NAME}` and `${file:PATH}` references.
 *
 * @group Desired state
 */
// An interface, not an alias of `z.infer`: a name TypeScript keeps, so signatures and the API docs show it.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the schema's type under a name
export interface DesiredIntegration extends z.infer<typeof desiredIntegrationSchema> {}

/**
 * A desired-state file, as written: `{ integrations: { <name>: DesiredIntegration } }`, references unresolved.
 *
 * @group Desired state
 */
export interface DesiredStateDocument extends z.infer<typeof desiredStateDocumentSchema> {
  /** The integrations you want, by a name of your choosing (Immuta does not store it). */
  integrations: Record<string, DesiredIntegration>;
}
