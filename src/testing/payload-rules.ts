/**
 * The fake's own reading of a payload, written from Immuta's guide — not the SDK's validator, so the fake and
 * the client can disagree and a test can see it. What the guide shows is required; what it leaves open (keys it
 * does not list, authentication types whose fields it does not give, such as AWS access keys) is let through,
 * as the fake cannot know whether a tenant refuses it.
 */

/** A payload as the fake keeps it: the fields it reads, the rest as sent. */
export interface FakePayload {
  readonly type: 'Redshift';
  readonly autoBootstrap: boolean;
  readonly config: Record<string, unknown> & {
    host: string;
    database: string;
    initialDatabase: string;
    authenticationType: string;
    port?: number;
  };
}

type Record_ = Record<string, unknown>;

const isObject = (value: unknown): value is Record_ =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** The credential fields each documented authentication type needs, by path. */
function credentialProblems(credentials: Record_, at: string): string[] {
  const problems: string[] = [];
  const type = credentials.authenticationType;
  if (!isText(type)) return [`${at}authenticationType is required`];
  if (type === 'userPassword') {
    for (const field of ['username', 'password']) {
      if (!isText(credentials[field])) problems.push(`${at}${field} is required for userPassword`);
    }
  } else if (type === 'okta') {
    const okta = credentials.okta;
    if (!isObject(okta)) return [`${at}okta is required for okta`];
    for (const field of ['username', 'password', 'appId', 'idpHost', 'role']) {
      if (!isText(okta[field])) problems.push(`${at}okta.${field} is required`);
    }
  }
  return problems;
}

/** Why a body is not a Redshift payload, or the payload. */
export function readPayload(value: unknown): FakePayload | { problems: string[] } {
  if (!isObject(value)) return { problems: ['the body must be an object'] };
  const problems: string[] = [];
  if (value.type !== 'Redshift') problems.push('type must be Redshift');
  if (typeof value.autoBootstrap !== 'boolean') problems.push('autoBootstrap must be true or false');
  const config = value.config;
  if (!isObject(config)) return { problems: [...problems, 'config is required'] };
  for (const field of ['host', 'database', 'initialDatabase']) {
    if (!isText(config[field])) problems.push(`config.${field} is required`);
  }
  if (isText(config.host) && /[/:\s]/.test(config.host)) problems.push('config.host must be a host name');
  const port = config.port;
  if (port !== undefined && !(Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65535)) {
    problems.push('config.port must be a port number');
  }
  const impersonation = config.impersonation;
  if (impersonation !== undefined && !(isObject(impersonation) && typeof impersonation.enabled === 'boolean')) {
    problems.push('config.impersonation.enabled must be true or false');
  }
  problems.push(...credentialProblems(config, 'config.'));
  return problems.length > 0 ? { problems } : (value as unknown as FakePayload);
}

/** Why delete credentials do not fit an integration of `authenticationType`, or undefined when they do. */
export function credentialsProblem(value: unknown, authenticationType: unknown): string | undefined {
  if (!isObject(value)) return 'the body must be an object';
  if (value.authenticationType !== authenticationType) return 'authenticationType differs';
  return credentialProblems(value, '')[0];
}
