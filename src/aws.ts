import type { RedshiftConnectionFailure } from './errors/index.js';

/**
 * Static AWS credentials (for tests, or keys you already hold).
 *
 * @group AWS
 */
export interface AwsCredentials {
  /** The access key id, e.g. `AKIA…`. */
  readonly accessKeyId: string;
  /** The secret access key: hidden in every error. */
  readonly secretAccessKey: string;
  /** The session token of temporary credentials: hidden in every error. */
  readonly sessionToken?: string;
}

/**
 * How an AWS SDK client is made: passed through to its constructor. Leave it all out to use the SDK's own
 * chain (environment, profile, instance role) and region.
 *
 * @group AWS
 */
export interface AwsClientSettings {
  /** The AWS region, e.g. `us-west-2`. */
  readonly region?: string;
  /** Credentials, or a function that resolves them; default: the SDK's provider chain. */
  readonly credentials?: AwsCredentials | (() => Promise<AwsCredentials>);
  /** A different endpoint, e.g. a VPC endpoint, or a local fake in tests. */
  readonly endpoint?: string;
  /** Any other client setting (`maxAttempts`, `requestHandler`, …), passed as is. */
  readonly clientConfig?: Readonly<Record<string, unknown>>;
}

/** @internal The client constructor's configuration. */
export function awsClientConfig(settings: AwsClientSettings): Record<string, unknown> {
  return {
    ...settings.clientConfig,
    ...(settings.region === undefined ? {} : { region: settings.region }),
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
  };
}

/** @internal The secrets among the settings: never shown. */
export function awsSecrets(settings: AwsClientSettings): string[] {
  const credentials = settings.credentials;
  if (credentials === undefined || typeof credentials === 'function') return [];
  return [credentials.secretAccessKey, credentials.sessionToken].filter(
    (value): value is string => typeof value === 'string',
  );
}

const AUTHENTICATION = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'AccessDeniedException',
  'InvalidClientTokenId',
]);

/**
 * @internal Whether an AWS SDK failure means the API could not be used at all (credentials, network) — and
 * then why — rather than that one request was refused.
 */
export function awsConnectionFailure(error: unknown): RedshiftConnectionFailure | undefined {
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: unknown } | null)?.code;
  if (AUTHENTICATION.has(name)) return 'authentication';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ETIMEDOUT' || name === 'TimeoutError') return 'timeout';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'lost';
  return undefined;
}

/** @internal An AWS SDK failure as text: its name and message. */
export function awsFailureText(error: unknown): { name: string; message: string } {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return { name, message };
}
