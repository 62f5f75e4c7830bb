/**
 * Reading secrets from AWS Secrets Manager for `${aws-secretsmanager:…}` references. The AWS SDK client is an
 * optional peer dependency, loaded only when a file holds such a reference; region and credentials come from the
 * standard AWS chain (environment, shared config and credentials files, SSO, instance and container roles) unless
 * the options say otherwise.
 */
import { type AwsClientSettings, awsClientConfig } from '../aws.js';
import { loadOptional } from '../internal/optional-package.js';

/** The package to install for `${aws-secretsmanager:…}`: named in the error when it is missing. */
const PACKAGE = '@aws-sdk/client-secrets-manager';

/** What this module uses of the AWS SDK's Secrets Manager client. */
interface SecretsManagerModule {
  SecretsManagerClient: new (config: object) => { send(command: object): Promise<unknown>; destroy(): void };
  GetSecretValueCommand: new (input: { SecretId: string }) => object;
}

/** The AWS error's kind only (`ResourceNotFoundException`, `AccessDeniedException`, …): never its message. */
function kindOf(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && /^\w{1,80}$/.test(name) ? name : 'an error';
}

/**
 * @internal A reader of secrets by id, for one load: each secret is fetched once however many references name it
 * (`#username` and `#password` of one secret: one call). Errors say what went wrong in AWS's terms, never a value.
 */
export function secretsReader(settings: AwsClientSettings = {}): (secretId: string) => Promise<string> {
  const fetched = new Map<string, Promise<string>>();
  let client: Promise<{
    module: SecretsManagerModule;
    instance: InstanceType<SecretsManagerModule['SecretsManagerClient']>;
  }>;
  const connect = () =>
    (client ??= loadOptional<SecretsManagerModule>(
      PACKAGE,
      'An ${aws-secretsmanager:…} reference',
      () => import(PACKAGE),
    ).then((module) => ({ module, instance: new module.SecretsManagerClient(awsClientConfig(settings)) })));
  return (secretId) => {
    const known = fetched.get(secretId);
    if (known) return known;
    const reading = connect().then(async ({ module, instance }) => {
      let answer: { SecretString?: unknown; SecretBinary?: unknown };
      try {
        answer = (await instance.send(new module.GetSecretValueCommand({ SecretId: secretId }))) as typeof answer;
      } catch (error) {
        throw new Error(`AWS Secrets Manager refused it (${kindOf(error)})`);
      }
      if (typeof answer.SecretString === 'string') return answer.SecretString;
      if (answer.SecretBinary instanceof Uint8Array) return new TextDecoder().decode(answer.SecretBinary);
      throw new Error('the secret holds no value');
    });
    fetched.set(secretId, reading);
    return reading;
  };
}
