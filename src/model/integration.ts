import * as z from 'zod';
import { redactedValueSchema } from './redaction.js';

/** The statuses Immuta documents for an integration. */
export const KNOWN_INTEGRATION_STATUSES = [
  'creating',
  'editing',
  'deleting',
  'migrating',
  'enabled',
  'createError',
  'editError',
  'deleteError',
  'migrateError',
  'recurringValidationError',
  'deleted',
  'disabled',
] as const;

const knownStatusSchema = z.enum(KNOWN_INTEGRATION_STATUSES);

/**
 * Any other string: a status newer than this SDK. Typed `string & {}` so editors still complete the
 * known values in a union with it.
 */
const otherStatusSchema = z.custom<string & {}>((value) => typeof value === 'string', 'expected a status string');

/**
 * An integration's status: one of the documented values, or a newer one this SDK does not know
 * yet (Immuta may add statuses; an unknown one never breaks parsing).
 */
export const integrationStatusSchema = z.union([knownStatusSchema, otherStatusSchema]);

/** One of the twelve statuses Immuta documents. */
export type KnownIntegrationStatus = z.infer<typeof knownStatusSchema>;

/**
 * An integration's status. Transient: `creating`, `editing`, `deleting`, `migrating`.
 * Success: `enabled`. Failures: `createError`, `editError`, `deleteError`, `migrateError`,
 * `recurringValidationError` (enabled, but the periodic check fails). Terminal: `deleted`,
 * `disabled` (force-disabled). Any other string is a status newer than this SDK.
 */
export type IntegrationStatus = z.infer<typeof integrationStatusSchema>;

/** Ids are documented as numbers and shown as strings; the SDK always hands out strings. */
const idSchema = z.union([z.string().min(1), z.number()]).transform((id) => String(id));

const validationTestSchema = z.looseObject({
  name: z.string(),
  status: z.string(),
  /** Whatever the check returned: any JSON (`[null]`, `[]`, `[{"1":1}]` in Immuta's examples). */
  result: z.unknown().optional(),
});

/** The checks Immuta ran against the integration, and their overall result. */
export const validationResultsSchema = z.looseObject({
  /** `passed`, `failed`, `warning` or `skipped`. */
  status: z.string(),
  validationTests: z.array(validationTestSchema).optional(),
});

/** One validation check: its name, `passed` / `failed` / `warning` / `skipped`, and any result data. */
export type ValidationTest = z.infer<typeof validationTestSchema>;

/** The outcome of Immuta's validation checks on an integration. */
export type ValidationResults = z.infer<typeof validationResultsSchema>;

const responseFields = {
  id: idSchema,
  status: integrationStatusSchema,
  validationResults: validationResultsSchema.optional(),
};

/**
 * What `POST`, `PUT` and `DELETE /integrations` answer at once — `{ id, status, validationResults }` —
 * while the work goes on in the background (`creating`, `editing`, `deleting`).
 */
export const integrationOperationSchema = z.looseObject(responseFields);

/** The immediate answer to a create, update or delete. Poll with `waitUntilEnabled` for the outcome. */
export type IntegrationOperation = z.infer<typeof integrationOperationSchema>;

const redshiftResponseConfigSchema = z.looseObject({
  host: z.string().optional(),
  port: z.number().optional(),
  database: z.string().optional(),
  initialDatabase: z.string().optional(),
  impersonation: z.looseObject({ enabled: z.boolean(), role: z.string().optional() }).optional(),
  authenticationType: z.string().optional(),
  username: redactedValueSchema.optional(),
  password: redactedValueSchema.optional(),
  okta: z
    .looseObject({
      username: redactedValueSchema.optional(),
      password: redactedValueSchema.optional(),
      appId: z.string().optional(),
      idpHost: z.string().optional(),
      role: z.string().optional(),
    })
    .optional(),
});

/** A Redshift integration as Immuta returns it. Credentials come back masked. */
export const redshiftIntegrationSchema = z.looseObject({
  ...responseFields,
  type: z.literal('Redshift'),
  autoBootstrap: z.boolean().optional(),
  config: redshiftResponseConfigSchema.optional(),
});

/** An integration of any other type (Snowflake, Databricks, …), passed through untouched. */
export const otherIntegrationSchema = z.looseObject({
  ...responseFields,
  type: z.string().optional(),
  autoBootstrap: z.boolean().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
});

/** The `config` of a Redshift integration as returned: credential fields are {@link RedactedValue}s. */
export type RedshiftIntegrationConfig = z.infer<typeof redshiftResponseConfigSchema>;

/** A Redshift integration as returned by `get` and `list`. */
export type RedshiftIntegration = z.infer<typeof redshiftIntegrationSchema>;

/** An integration of another type (Snowflake, Databricks, …): its fields are kept as sent. */
export type OtherIntegration = z.infer<typeof otherIntegrationSchema>;

/**
 * An integration as returned by `GET /integrations` and `GET /integrations/{id}`.
 * Only `id` and `status` are guaranteed; fields the SDK does not know are kept.
 * Narrow to the Redshift variant with {@link isRedshiftIntegration}.
 */
export type Integration = RedshiftIntegration | OtherIntegration;

/**
 * Picks the schema by `type`: a Redshift integration must match the Redshift shape (a broken one
 * is reported, not passed off as "other"), everything else passes through.
 */
export function integrationSchemaFor(value: unknown): z.ZodType<Integration> {
  const isRedshift = typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Redshift';
  return isRedshift ? redshiftIntegrationSchema : otherIntegrationSchema;
}

/**
 * Narrows an {@link Integration} to a {@link RedshiftIntegration}, so `config` is typed.
 *
 * @example
 * ```ts
 * for (const integration of await client.list()) {
 *   if (isRedshiftIntegration(integration)) console.log(integration.config?.host);
 * }
 * ```
 */
export function isRedshiftIntegration(integration: Integration): integration is RedshiftIntegration {
  return integration.type === 'Redshift';
}

/**
 * What `GET /integrations/{id}/status` answers. The body is not documented: the SDK accepts an
 * object with `status`, a JSON string or plain text, and always hands out an object with `status`.
 */
export const integrationStatusInfoSchema = z.looseObject({
  id: idSchema.optional(),
  status: integrationStatusSchema,
  validationResults: validationResultsSchema.optional(),
});

/** The status of one integration, as `getStatus` returns it; any other fields the server sends are kept. */
export type IntegrationStatusInfo = z.infer<typeof integrationStatusInfoSchema>;

/**
 * What `POST /integrations/{id}/regenerate` answers. Undocumented: kept as sent (an empty body is `{}`),
 * with `id` normalized to a string when present.
 */
export const regenerateResultSchema = z.looseObject({ id: idSchema.optional() });

/** The answer to `regenerateApiKey`, as the server sent it. */
export type RegenerateResult = z.infer<typeof regenerateResultSchema>;

/** Immuta's error body: `{ statusCode, error, message }`. Other fields are dropped: they are never needed and could echo a request. */
export const immutaErrorBodySchema = z.object({
  statusCode: z.number().optional(),
  error: z.string().optional(),
  message: z.string().optional(),
});

/** Immuta's error body, e.g. `{ statusCode: 404, error: 'Not Found', message: 'No Integration found with ID 5.' }`. */
export type ImmutaErrorBody = z.infer<typeof immutaErrorBodySchema>;
