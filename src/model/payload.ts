import * as z from 'zod/mini';
import { isRedacted } from './redaction.js';

const REDACTED_SECRET_MESSAGE =
  'holds a redaction marker, not a credential: it was copied from a GET response; supply the real value';

/** A credential field: a non-empty string that is not a redaction marker. */
const secret = z.string().check(
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

const host = z.string().check(
  z.superRefine((value, ctx) => {
    const problem = hostProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
);

/** Whether Immuta may run queries as other users, and the Redshift role that allows it. */
const impersonationSchema = z.discriminatedUnion('enabled', [
  z.strictObject({
    /** Impersonation off. */
    enabled: z.literal(false),
  }),
  z.strictObject({
    /** Impersonation on: Immuta users may query Redshift as other Immuta users. */
    enabled: z.literal(true),
    /** The Redshift role Immuta creates for impersonation, e.g. `immuta_impersonation`. */
    role: z.optional(name),
  }),
]);

/** Okta credentials of the system account (deprecated for Redshift from Immuta 2024.3 on). */
const oktaCredentialsSchema = z.strictObject({
  /** The Okta user of the system account. A credential: never printed by the SDK. */
  username: secret,
  /** Its Okta password. A credential: never printed by the SDK. */
  password: secret,
  /** The Okta application id, e.g. `Okta`. */
  appId: name,
  /** The Okta identity provider host, e.g. `organization.okta.com`. */
  idpHost: name,
  /** The role to assume, e.g. `admin`. */
  role: name,
});

const connectionFields = {
  /** The Redshift host name, e.g. `organization.aws.amazon.com`: no scheme, path or port. */
  host,
  /** The Redshift port, 1–65535. Immuta uses 5439 when it is left out. */
  port: z.optional(z.int().check(z.gte(1), z.lte(65535))),
  /** A new, empty database that Immuta will manage and keep its metadata in (e.g. `immuta`). */
  database: name,
  /** An existing database Immuta first connects to, and creates `database` from. */
  initialDatabase: name,
  /** Whether Immuta users may query Redshift as other users. */
  impersonation: z.optional(impersonationSchema),
};

const userPasswordCredentialFields = {
  /** Authenticate the system account with a user name and password. */
  authenticationType: z.literal('userPassword'),
  /** The user of the system account that can manage the database. A credential: never printed by the SDK. */
  username: secret,
  /** Its password. A credential: never printed by the SDK. */
  password: secret,
};

const oktaCredentialFields = {
  /** Authenticate the system account through Okta (deprecated for Redshift from Immuta 2024.3 on). */
  authenticationType: z.literal('okta'),
  /** The Okta credentials. */
  okta: oktaCredentialsSchema,
};

/** The `config` of a Redshift payload: connection settings plus one way to authenticate. */
const redshiftConfigSchema = z.discriminatedUnion('authenticationType', [
  z.strictObject({ ...connectionFields, ...userPasswordCredentialFields }),
  z.strictObject({ ...connectionFields, ...oktaCredentialFields }),
]);

/** The body of every create, update and script request for a Redshift integration. */
export const redshiftPayloadSchema = z.strictObject({
  /** Always `'Redshift'`. */
  type: z.literal('Redshift'),
  /** `true`: Immuta sets Redshift up with the credentials given (automatic). `false`: you run Immuta's scripts (manual). */
  autoBootstrap: z.boolean(),
  /** The connection and the credentials of the system account. */
  config: redshiftConfigSchema,
});

/** The credentials `DELETE /integrations/{id}` wants for an integration created with `autoBootstrap: true`. */
export const deleteCredentialsSchema = z.discriminatedUnion('authenticationType', [
  z.strictObject(userPasswordCredentialFields),
  z.strictObject(oktaCredentialFields),
]);

/**
 * Whether Immuta may impersonate users in Redshift. `{ enabled: false }`, or
 * `{ enabled: true, role?: string }` where `role` names the impersonation role Immuta creates.
 * @useDeclaredType
 */
export type ImpersonationConfig = z.infer<typeof impersonationSchema>;

/**
 * Okta credentials: `{ username, password, appId, idpHost, role }`, all required.
 *
 * @useDeclaredType
 */
export type OktaCredentials = z.infer<typeof oktaCredentialsSchema>;

/**
 * The `config` of a Redshift payload. `authenticationType` decides the credential fields:
 * `'userPassword'` needs `username` and `password`; `'okta'` needs the `okta` block.
 * @useDeclaredType
 */
export type RedshiftConfig = z.infer<typeof redshiftConfigSchema>;

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
 * @useDeclaredType
 */
export type RedshiftIntegrationPayload = z.infer<typeof redshiftPayloadSchema>;

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
 * @useDeclaredType
 */
export type DeleteCredentials = z.infer<typeof deleteCredentialsSchema>;

/**
 * The secrets of a payload or delete body — the passwords — so they can be scrubbed from anything the server
 * says. Usernames are not among them: they are identifiers (often equal to a database name), masked only as
 * whole `username` field values, never blanked inside free text.
 */
export function secretsOf(value: DeleteCredentials | RedshiftConfig): string[] {
  return value.authenticationType === 'okta' ? [value.okta.password] : [value.password];
}
