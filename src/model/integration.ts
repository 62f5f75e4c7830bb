import * as z from 'zod/mini';
import { type looseObject, stripObject } from './zod-jit.js';
import type { KnownIntegrationStatus } from './statuses.js';

/**
 * A credential as Immuta returns it: masked (`"<REDACTED>"`), never the real value.
 * Typed apart from `string` so a reader of a response type sees it is not a usable secret.
 */
export const redactedValueSchema = z.string().brand<'RedactedValue'>();

/**
 * A credential as Immuta returns it in a response: a masked marker such as `"<REDACTED>"`.
 *
 * @useDeclaredType
 * @group Redaction
 */
export type RedactedValue = z.infer<typeof redactedValueSchema>;

/**
 * An integration id as the API knows it: a string (`"123456789"`) or a number.
 *
 * @group Integrations
 */
export type IntegrationId = string | number;

/**
 * An integration's status: one of the documented values, or a newer one this SDK does not know yet (Immuta
 * may add statuses; an unknown one never breaks parsing). Any string parses; the type keeps the documented
 * values, plus `string & {}` so editors still complete them. (One check instead of a union of an enum and a
 * string: the same values pass, at a fraction of the cost in a list of thousands.)
 */
const integrationStatusSchema = z.custom<IntegrationStatus>(
  (value) => typeof value === 'string',
  'expected a status string',
);

/**
 * An integration's status. Transient: `creating`, `editing`, `deleting`, `migrating`.
 * Success: `enabled`. Failures: `createError`, `editError`, `deleteError`, `migrateError`,
 * `recurringValidationError` (enabled, but the periodic check fails). Terminal: `deleted`,
 * `disabled` (force-disabled). Any other string is a status newer than this SDK.
 * @group Integrations
 */
export type IntegrationStatus = KnownIntegrationStatus | (string & {});

/**
 * The object schemas of responses: typed as `looseObject` — unknown fields are part of the types, since the
 * SDK hands them out — but run as zod's stripping object parser, which does not copy them and is faster. The
 * SDK validates with these schemas and then hands out the input itself, unknown fields and all
 * (`decodeWith` in response.ts), never zod's copy; so no response schema may transform a value.
 */
const responseObject = stripObject as unknown as typeof looseObject;

/**
 * Ids are documented as numbers and shown as strings: both are accepted, and the SDK always hands out a
 * string (the decoding turns a numeric id into one).
 */
const idSchema = z.custom<string>(
  (id) => (typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id)),
  'expected an id: a non-empty string or a number',
);

const validationTestSchema = responseObject({
  /** What was checked, e.g. `Initial Validation: Basic Connection Test`. */
  name: z.string(),
  /** `passed`, `failed`, `warning` or `skipped`. */
  status: z.string(),
  /** Whatever the check returned: any JSON (`[null]`, `[]`, `[{"1":1}]` in Immuta's examples). */
  result: z.optional(z.unknown()),
  /** When a test fails, Immuta's context and guidance: what went wrong and how to fix it. */
  message: z.optional(z.string()),
});

/** The checks Immuta ran against the integration, and their overall result. */
const validationResultsSchema = responseObject({
  /** `passed`, `failed`, `warning` or `skipped`. */
  status: z.string(),
  /** Each check and its outcome. */
  validationTests: z.optional(z.array(validationTestSchema)),
});

// The response types are the schemas' own types under a name (interfaces), so that signatures, editors and the
// API docs show `IntegrationOperation` rather than the whole object; a field whose type has a name of its own is
// restated with that name. `z.infer` stays the single source of every field.

/**
 * One validation check: its name, `passed` / `failed` / `warning` / `skipped`, any result data, and — when it
 * failed — Immuta's `message` with context and guidance.
 *
 * @group Integrations
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the schema's type under a name
export interface ValidationTest extends z.infer<typeof validationTestSchema> {}

/**
 * The outcome of Immuta's validation checks on an integration.
 *
 * @group Integrations
 */
export interface ValidationResults extends z.infer<typeof validationResultsSchema> {
  /** Each check and its outcome. */
  validationTests?: ValidationTest[];
}

const responseFields = {
  /** The integration's id, always a string (the server may send a number). */
  id: idSchema,
  /** Where the integration is in its lifecycle: see {@link IntegrationStatus}. */
  status: integrationStatusSchema,
  /** Immuta's validation checks and their outcome. */
  validationResults: z.optional(validationResultsSchema),
};

/**
 * What `POST`, `PUT` and `DELETE /integrations` answer at once — `{ id, status, validationResults }` —
 * while the work goes on in the background (`creating`, `editing`, `deleting`).
 */
export const integrationOperationSchema = responseObject(responseFields);

/**
 * The immediate answer to a create, update or delete. Poll with `waitUntilEnabled` for the outcome.
 *
 * @group Integrations
 */
export interface IntegrationOperation extends z.infer<typeof integrationOperationSchema> {
  /** Immuta's validation checks and their outcome. */
  validationResults?: ValidationResults;
}

const redshiftResponseConfigSchema = responseObject({
  /** The Redshift host name. */
  host: z.optional(z.string()),
  /** The Redshift port (Immuta reports 5439 when none was given). */
  port: z.optional(z.number()),
  /** The database Immuta manages. */
  database: z.optional(z.string()),
  /** The database Immuta first connected to. */
  initialDatabase: z.optional(z.string()),
  /** Whether impersonation is on, and its role. */
  impersonation: z.optional(
    responseObject({
      /** Impersonation on or off. */
      enabled: z.boolean(),
      /** The impersonation role. */
      role: z.optional(z.string()),
    }),
  ),
  /** `userPassword` or `okta`. */
  authenticationType: z.optional(z.string()),
  /** Masked by the server: `"<REDACTED>"`. */
  username: z.optional(redactedValueSchema),
  /** Masked by the server: `"<REDACTED>"`. */
  password: z.optional(redactedValueSchema),
  /** The Okta settings, credentials masked. */
  okta: z.optional(
    responseObject({
      /** Masked by the server. */
      username: z.optional(redactedValueSchema),
      /** Masked by the server. */
      password: z.optional(redactedValueSchema),
      /** The Okta application id. */
      appId: z.optional(z.string()),
      /** The Okta identity provider host. */
      idpHost: z.optional(z.string()),
      /** The Okta role. */
      role: z.optional(z.string()),
    }),
  ),
});

/** A Redshift integration as Immuta returns it. Credentials come back masked. */
const redshiftIntegrationSchema = responseObject({
  ...responseFields,
  /** `'Redshift'`. */
  type: z.literal('Redshift'),
  /** Whether it was set up automatically (`true`) or with scripts (`false`). */
  autoBootstrap: z.optional(z.boolean()),
  /** Its configuration; credentials are masked. */
  config: z.optional(redshiftResponseConfigSchema),
});

/** An integration of any other type (Snowflake, Databricks, …), passed through untouched. */
const otherIntegrationSchema = responseObject({
  ...responseFields,
  /** The integration type: `Snowflake`, `Databricks`, … */
  type: z.optional(z.string()),
  /** Whether it was set up automatically. */
  autoBootstrap: z.optional(z.boolean()),
  /** Its configuration, as the server sent it. */
  config: z.optional(responseObject({})),
});

/**
 * The `config` of a Redshift integration as returned: credential fields are {@link RedactedValue}s.
 *
 * @group Integrations
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the schema's type under a name
export interface RedshiftIntegrationConfig extends z.infer<typeof redshiftResponseConfigSchema> {}

/**
 * A Redshift integration as returned by `get` and `list`.
 *
 * @group Integrations
 */
export interface RedshiftIntegration extends z.infer<typeof redshiftIntegrationSchema> {
  /** Immuta's validation checks and their outcome. */
  validationResults?: ValidationResults;
  /** Its configuration; credentials are masked. */
  config?: RedshiftIntegrationConfig;
}

/**
 * An integration of another type (Snowflake, Databricks, …): its fields are kept as sent.
 *
 * @group Integrations
 */
export interface OtherIntegration extends z.infer<typeof otherIntegrationSchema> {
  /** Immuta's validation checks and their outcome. */
  validationResults?: ValidationResults;
}

/**
 * An integration as returned by `GET /integrations` and `GET /integrations/{id}`.
 * Only `id` and `status` are guaranteed; fields the SDK does not know are kept.
 * Narrow to the Redshift variant with {@link isRedshiftIntegration}.
 *
 * @group Integrations
 */
export type Integration = RedshiftIntegration | OtherIntegration;

/**
 * Picks the schema by `type`: a Redshift integration must match the Redshift shape (a broken one
 * is reported, not passed off as "other"), everything else passes through.
 */
export function integrationSchemaFor(value: unknown): z.ZodMiniType<Integration> {
  const isRedshift = typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Redshift';
  return isRedshift ? redshiftIntegrationSchema : otherIntegrationSchema;
}

/** Items of a list that did not match their schema, returned as received: never narrowed to Redshift. */
const unvalidated = new WeakSet<object>();

/** @internal Marks a list item that failed its schema, so {@link isRedshiftIntegration} is false for it. */
export function markUnvalidated(item: unknown): void {
  if (typeof item === 'object' && item !== null) unvalidated.add(item);
}

/**
 * Narrows an {@link Integration} to a {@link RedshiftIntegration}, so `config` is typed. False for an item
 * of `list()` that did not match the documented shape (it is returned as received, and its fields cannot
 * be trusted to have their types).
 *
 * @example
 * ```ts
 * for (const integration of await client.list()) {
 *   if (isRedshiftIntegration(integration)) console.log(integration.config?.host);
 * }
 * ```
 *
 * @group Integrations
 */
export function isRedshiftIntegration(integration: Integration): integration is RedshiftIntegration {
  return (
    typeof integration === 'object' &&
    integration !== null &&
    integration.type === 'Redshift' &&
    !unvalidated.has(integration)
  );
}

/**
 * What `GET /integrations/{id}/status` answers. The body is not documented: the SDK accepts an
 * object with `status`, a JSON string or plain text, and always hands out an object with `status`.
 */
export const integrationStatusInfoSchema = responseObject({
  /** The integration's id, when the server sends it. */
  id: z.optional(idSchema),
  /** Its status. */
  status: integrationStatusSchema,
  /** Its validation results, when the server sends them. */
  validationResults: z.optional(validationResultsSchema),
});

/**
 * The status of one integration, as `getStatus` returns it; any other fields the server sends are kept.
 *
 * @group Integrations
 */
export interface IntegrationStatusInfo extends z.infer<typeof integrationStatusInfoSchema> {
  /** Its validation results, when the server sends them. */
  validationResults?: ValidationResults;
}

/**
 * What `POST /integrations/{id}/regenerate` answers. Undocumented: kept as sent (an empty body is `{}`),
 * with `id` normalized to a string when present.
 */
export const regenerateResultSchema = responseObject({
  /** The integration's id, when the server sends it. */
  id: z.optional(idSchema),
});

/**
 * The answer to `regenerateApiKey`, as the server sent it.
 *
 * @group Integrations
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the schema's type under a name
export interface RegenerateResult extends z.infer<typeof regenerateResultSchema> {}

/** Immuta's error body: `{ statusCode, error, message }`. Other fields are dropped: they are never needed and could echo a request. */
export const immutaErrorBodySchema = z.object({
  /** The HTTP status, repeated. */
  statusCode: z.optional(z.number()),
  /** The status's name, e.g. `Not Found`. */
  error: z.optional(z.string()),
  /** What went wrong, e.g. `No Integration found with ID 5.` */
  message: z.optional(z.string()),
});

/**
 * Immuta's error body, e.g. `{ statusCode: 404, error: 'Not Found', message: 'No Integration found with ID 5.' }`.
 *
 * @group Errors
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the schema's type under a name
export interface ImmutaErrorBody extends z.infer<typeof immutaErrorBodySchema> {}
