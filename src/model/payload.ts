import * as z from 'zod/mini';
import { looseObject, strictObject } from './zod-jit.js';
import { isRedacted } from './redaction.js';

const REDACTED_SECRET_MESSAGE =
  'holds a redaction marker, not a credential: it was copied from a GET response; supply the real value';

/** A credential field: a non-empty string that is not a redaction marker. */
/** @internal */
export const secretSchema = z.string().check(
  z.minLength(1, 'must not be empty'),
  z.refine((value) => !isRedacted(value), REDACTED_SECRET_MESSAGE),
);

const name = z.string().check(z.minLength(1, 'must not be empty'));

const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Why a host is not a bare host name, or undefined when it is one. */
function hostProblem(host: string): string | undefined {
  if (host === '') return 'must not be empty';
  if (host.includes('://')) return 'must be a host name, not a URL: drop the scheme (https://)';
  if (host.includes('/')) return 'must be a host name without a path';
  if (host.includes(':')) return 'must be a host name without a port: put the port in config.port';
  const bare = host.endsWith('.') ? host.slice(0, -1) : host;
  if (bare.length === 0 || bare.length > 253 || !bare.split('.').every((label) => HOST_LABEL.test(label))) {
    return 'must be a host name such as organization.aws.amazon.com';
  }
  return undefined;
}

/** @internal A Redshift host name: a bare name, no scheme, path or port. */
export const hostSchema = z.string().check(
  z.superRefine((value, ctx) => {
    const problem = hostProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

type ObjectSchema = typeof strictObject;
/** What a host field accepts: a host name, or (in a desired-state file) a host name or a reference to one. */
type HostSchema = z.ZodMiniType<string>;

/** Whether Immuta may run queries as other users, and the Redshift role that allows it. */
const impersonationSchemaOf = (object: ObjectSchema) =>
  z.discriminatedUnion('enabled', [
    object({
      /** Impersonation off. */
      enabled: z.literal(false),
    }),
    object({
      /** Impersonation on: Immuta users may query Redshift as other Immuta users. */
      enabled: z.literal(true),
      /** The Redshift role Immuta creates for impersonation, e.g. `immuta_impersonation`. */
      role: z.optional(name),
    }),
  ]);

const oktaFields = {
  /** The Okta user of the system account. A credential: never printed by the SDK. */
  username: secretSchema,
  /** Its Okta password. A credential: never printed by the SDK. */
  password: secretSchema,
  /** The Okta application id, e.g. `Okta`. */
  appId: name,
  /** The Okta identity provider host, e.g. `organization.okta.com`. */
  idpHost: name,
  /** The role to assume, e.g. `admin`. */
  role: name,
};

const connectionFieldsOf = (object: ObjectSchema, host: HostSchema = hostSchema) => ({
  /** The Redshift host name, e.g. `organization.aws.amazon.com`: no scheme, path or port. */
  host,
  /** The Redshift port, 1–65535. Immuta uses 5439 when it is left out. */
  port: z.optional(z.int().check(z.gte(1), z.lte(65535))),
  /** A new, empty database that Immuta will manage and keep its metadata in (e.g. `immuta`). */
  database: name,
  /** An existing database Immuta first connects to, and creates `database` from. */
  initialDatabase: name,
  /** Whether Immuta users may query Redshift as other users. */
  impersonation: z.optional(impersonationSchemaOf(object)),
});

const userPasswordCredentialFields = {
  /** Authenticate the system account with a user name and password. */
  authenticationType: z.literal('userPassword'),
  /** The user of the system account that can manage the database. A credential: never printed by the SDK. */
  username: secretSchema,
  /** Its password. A credential: never printed by the SDK. */
  password: secretSchema,
};

const oktaCredentialFieldsOf = (object: ObjectSchema) => ({
  /** Authenticate the system account through Okta (Immuta's docs: deprecated for Redshift from 2024.3 on). */
  authenticationType: z.literal('okta'),
  /** The Okta credentials. */
  okta: object(oktaFields),
});

/** The authentication types this SDK models; `unknownFields: 'allow'` lets others through. */
export const KNOWN_AUTHENTICATION_TYPES: readonly string[] = ['userPassword', 'okta'];

/**
 * An authentication type this SDK does not model (Immuta documents AWS access-key authentication for
 * Redshift but not its field names): any other non-empty string, with the fields as given.
 */
const otherCredentialFields = {
  authenticationType: name.check(
    z.refine((type) => !KNOWN_AUTHENTICATION_TYPES.includes(type), 'the credential fields of this type are missing'),
  ),
};

const payloadFieldsOf = <Config extends z.ZodMiniType>(config: Config) => ({
  /** Always `'Redshift'`. */
  type: z.literal('Redshift'),
  /** `true`: Immuta sets Redshift up with the credentials given (automatic). `false`: you run Immuta's scripts (manual). */
  autoBootstrap: z.boolean(),
  /** The connection and the credentials of the system account. */
  config,
});

/**
 * @internal The `config` of a Redshift payload: connection settings plus one way to authenticate. A function so
 * the desired-state file can build the same rules with its own host field (which may hold a reference).
 */
export const redshiftConfigSchemaOf = (host: HostSchema = hostSchema) =>
  z.discriminatedUnion('authenticationType', [
    strictObject({ ...connectionFieldsOf(strictObject, host), ...userPasswordCredentialFields }),
    strictObject({ ...connectionFieldsOf(strictObject, host), ...oktaCredentialFieldsOf(strictObject) }),
  ]);

const redshiftConfigSchema = redshiftConfigSchemaOf();

/** The body of every create, update and script request for a Redshift integration. */
export const redshiftPayloadSchema = strictObject(payloadFieldsOf(redshiftConfigSchema));

/** The credentials `DELETE /integrations/{id}` wants for an integration created with `autoBootstrap: true`. */
export const deleteCredentialsSchema = z.discriminatedUnion('authenticationType', [
  strictObject(userPasswordCredentialFields),
  strictObject(oktaCredentialFieldsOf(strictObject)),
]);

const openConfigSchemas = {
  userPassword: looseObject({ ...connectionFieldsOf(looseObject), ...userPasswordCredentialFields }),
  okta: looseObject({ ...connectionFieldsOf(looseObject), ...oktaCredentialFieldsOf(looseObject) }),
  other: looseObject({ ...connectionFieldsOf(looseObject), ...otherCredentialFields }),
};
const openPayloadSchemas = {
  userPassword: looseObject(payloadFieldsOf(openConfigSchemas.userPassword)),
  okta: looseObject(payloadFieldsOf(openConfigSchemas.okta)),
  other: looseObject(payloadFieldsOf(openConfigSchemas.other)),
};
const openDeleteCredentialsSchemas = {
  userPassword: looseObject(userPasswordCredentialFields),
  okta: looseObject(oktaCredentialFieldsOf(looseObject)),
  other: looseObject(otherCredentialFields),
};

/** Which credential rules apply: the known type's, or those of a type this SDK does not model. */
function authenticationOf(credentials: unknown): 'userPassword' | 'okta' | 'other' {
  const type = (credentials as { authenticationType?: unknown } | null | undefined)?.authenticationType;
  return type === 'userPassword' || type === 'okta' ? type : 'other';
}

/**
 * The same rules with unknown keys let through, and unknown authentication types accepted with the
 * connection fields still checked: what `unknownFields: 'allow'` validates against. Chosen by the value's
 * `authenticationType`, so the errors are those of the type the user meant.
 */
export function openPayloadSchemaFor(value: unknown): z.ZodMiniType {
  return openPayloadSchemas[authenticationOf((value as { config?: unknown } | null | undefined)?.config)];
}

/** Delete credentials under `unknownFields: 'allow'`, chosen the same way. */
export function openDeleteCredentialsSchemaFor(value: unknown): z.ZodMiniType {
  return openDeleteCredentialsSchemas[authenticationOf(value)];
}

const CONNECTION_KEYS = Object.keys(connectionFieldsOf(strictObject));
const CREDENTIAL_KEYS = [...new Set([...Object.keys(userPasswordCredentialFields), 'okta'])];

/**
 * The keys each level of a payload knows, by dotted path: the ground for "did you mean …?" and for telling
 * a typo from a deliberate unknown field.
 */
export const KNOWN_PAYLOAD_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(payloadFieldsOf(redshiftConfigSchema)),
  config: [...CONNECTION_KEYS, ...CREDENTIAL_KEYS],
  'config.okta': Object.keys(oktaFields),
  'config.impersonation': ['enabled', 'role'],
};

/** The same for delete credentials. */
export const KNOWN_CREDENTIAL_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': CREDENTIAL_KEYS,
  okta: Object.keys(oktaFields),
};

/** @internal The keys of a config that describe the connection, not the credentials. */
export const CONNECTION_FIELD_NAMES: ReadonlySet<string> = new Set(CONNECTION_KEYS);

/**
 * Whether Immuta may impersonate users in Redshift. `{ enabled: false }`, or
 * `{ enabled: true, role?: string }` where `role` names the impersonation role Immuta creates.
 * @useDeclaredType
 * @group Payloads
 */
export type ImpersonationConfig = NonNullable<RedshiftConfig['impersonation']>;

/**
 * Okta credentials: `{ username, password, appId, idpHost, role }`, all required.
 *
 * @useDeclaredType
 * @group Payloads
 */
export type OktaCredentials = Extract<RedshiftConfig, { authenticationType: 'okta' }>['okta'];

// The named types below are the schemas' own types under a name (an interface that adds nothing, or a union of
// such interfaces): a name TypeScript keeps, so signatures, editors and the API docs say `RedshiftIntegrationPayload`
// instead of spelling the whole object out. `z.infer` stays the single source of every field.

type RedshiftConfigFields = z.infer<typeof redshiftConfigSchema>;

/**
 * A `config` that authenticates with `username` and `password`.
 *
 * @inline
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the schema's type under a name
interface UserPasswordConfig extends Extract<RedshiftConfigFields, { authenticationType: 'userPassword' }> {}

/**
 * A `config` that authenticates through Okta.
 *
 * @inline
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the schema's type under a name
interface OktaConfig extends Extract<RedshiftConfigFields, { authenticationType: 'okta' }> {}

/**
 * The `config` of a Redshift payload. `authenticationType` decides the credential fields:
 * `'userPassword'` needs `username` and `password`; `'okta'` needs the `okta` block.
 *
 * @group Payloads
 */
export type RedshiftConfig = UserPasswordConfig | OktaConfig;

/**
 * What you send to create, update or script a Redshift integration: the exact body of
 * `POST /integrations`, `PUT /integrations/{id}` and the script endpoints.
 *
 * The type rejects an `okta` payload without its `okta` block, a `userPassword` payload without
 * a password, and any `type` other than `'Redshift'`. At run time the client validates it again
 * (host name, port range, unknown keys, redaction markers) and throws `PayloadValidationError`
 * before anything is sent.
 *
 * @example
 * ```ts
 * const payload: RedshiftIntegrationPayload = {
 *   type: 'Redshift',
 *   autoBootstrap: true,
 *   config: {
 *     host: 'organization.aws.amazon.com',
 *     database: 'immuta',
 *     initialDatabase: 'REDSHIFT_SAMPLE_DATA',
 *     authenticationType: 'userPassword',
 *     username: 'taylor@redshift.com',
 *     password: process.env.REDSHIFT_PASSWORD!,
 *   },
 * };
 * ```
 * @group Payloads
 */
export interface RedshiftIntegrationPayload extends z.infer<typeof redshiftPayloadSchema> {
  /** The connection and the credentials of the system account. */
  config: RedshiftConfig;
}

/**
 * The credentials of an integration created with `autoBootstrap: true`, which
 * `DELETE /integrations/{id}` needs to remove what Immuta created in Redshift.
 *
 * @example
 * ```ts
 * await client.delete('123456789', {
 *   authenticationType: 'userPassword',
 *   username: 'taylor@redshift.com',
 *   password: process.env.REDSHIFT_PASSWORD!,
 * });
 * ```
 * @group Payloads
 */
export type DeleteCredentials = UserPasswordDeleteCredentials | OktaDeleteCredentials;

type DeleteCredentialsFields = z.infer<typeof deleteCredentialsSchema>;

/**
 * The credentials of a `userPassword` integration: `{ authenticationType, username, password }`.
 *
 * @inline
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the schema's type under a name
interface UserPasswordDeleteCredentials extends Extract<
  DeleteCredentialsFields,
  { authenticationType: 'userPassword' }
> {}

/**
 * The credentials of an `okta` integration: `{ authenticationType, okta }`.
 *
 * @inline
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the schema's type under a name
interface OktaDeleteCredentials extends Extract<DeleteCredentialsFields, { authenticationType: 'okta' }> {}

/**
 * The credentials `DELETE /integrations/{id}` needs for an integration created with `autoBootstrap: true`,
 * taken from the payload it was created with: its `authenticationType` and credential fields
 * (`username` and `password`, or the `okta` block), without the connection settings.
 *
 * Immuta's guide says to "specify the authenticationType and the credentials you used to configure the
 * integration" but shows no example: that the body is exactly these fields is this SDK's assumption.
 *
 * @example
 * ```ts
 * await client.deleteAndWait(id, deleteCredentialsOf(payload));
 * ```
 *
 * @group Payloads
 */
export function deleteCredentialsOf(payload: RedshiftIntegrationPayload): DeleteCredentials {
  const credentials: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload.config)) {
    if (!CONNECTION_FIELD_NAMES.has(key)) credentials[key] = value;
  }
  return credentials as DeleteCredentials;
}
