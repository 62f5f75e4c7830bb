/**
 * Compile-time checks, run by `npm run typecheck`. Each `@ts-expect-error` fails the typecheck if
 * the line below it stops being an error, so these prove what the types refuse.
 */
import type {
  Integration,
  IntegrationStatus,
  RedshiftIntegrationPayload,
  RedactedValue,
  DeleteCredentials,
} from '../../src/index.js';
import { isRedshiftIntegration } from '../../src/index.js';

const connection = { host: 'organization.aws.amazon.com', database: 'immuta', initialDatabase: 'SAMPLE' };

export const userPassword: RedshiftIntegrationPayload = {
  type: 'Redshift',
  autoBootstrap: true,
  config: { ...connection, authenticationType: 'userPassword', username: 'u', password: 'p' },
};

export const okta: RedshiftIntegrationPayload = {
  type: 'Redshift',
  autoBootstrap: false,
  config: {
    ...connection,
    impersonation: { enabled: true, role: 'immuta_impersonation' },
    authenticationType: 'okta',
    okta: { username: 'u', password: 'p', appId: 'Okta', idpHost: 'organization.okta.com', role: 'admin' },
  },
};

export const oktaWithoutBlock: RedshiftIntegrationPayload = {
  type: 'Redshift',
  autoBootstrap: true,
  // @ts-expect-error okta authentication needs its okta block
  config: { ...connection, authenticationType: 'okta' },
};

export const userPasswordWithoutPassword: RedshiftIntegrationPayload = {
  type: 'Redshift',
  autoBootstrap: true,
  // @ts-expect-error userPassword authentication needs a password
  config: { ...connection, authenticationType: 'userPassword', username: 'u' },
};

export const otherType: RedshiftIntegrationPayload = {
  // @ts-expect-error only Redshift payloads
  type: 'Snowflake',
  autoBootstrap: true,
  config: { ...connection, authenticationType: 'userPassword', username: 'u', password: 'p' },
};

export const impersonationRoleWhenDisabled: RedshiftIntegrationPayload = {
  type: 'Redshift',
  autoBootstrap: true,
  config: {
    ...connection,
    // @ts-expect-error a role only goes with enabled impersonation
    impersonation: { enabled: false, role: 'r' },
    authenticationType: 'userPassword',
    username: 'u',
    password: 'p',
  },
};

// @ts-expect-error delete credentials need the matching credential fields
export const deleteWithoutPassword: DeleteCredentials = { authenticationType: 'userPassword', username: 'u' };

export function narrowing(integration: Integration): RedactedValue | undefined {
  // @ts-expect-error config is not typed before narrowing
  const notYet: string | undefined = integration.config?.password;
  void notYet;
  if (isRedshiftIntegration(integration)) return integration.config?.password;
  return undefined;
}

export function statuses(status: IntegrationStatus): boolean {
  // Known statuses narrow and complete; an unknown one is still a string.
  const known: boolean = status === 'enabled' || status === 'createError';
  const text: string = status;
  return known && text.length > 0;
}
