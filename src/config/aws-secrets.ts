/**
 * Reading secrets from AWS Secrets Manager for `${aws-secretsmanager:…}` references. The AWS SDK client is an
 * optional peer dependency, loaded only when a file holds such a reference; region and credentials come from the
 * standard AWS chain (environment, shared config and credentials files, SSO, instance and container roles) unless
 * the options say otherwise.
 */

/** Where and as whom AWS is reached. Every field is optional: the standard AWS chain fills in what is left out. */
export interface AwsOptions {
  /** The region, e.g. `us-east-1`. Default: the chain's (`AWS_REGION`, the shared config's profile, …). */
  region?: string;
  /** Another endpoint, e.g. a VPC endpoint or a local stand-in. Default: AWS's for the region. */
  endpoint?: string;
  /** Credentials to use instead of the chain's. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** The package to install for `${aws-secretsmanager:…}`: named in the error when it is missing. */
const PACKAGE = '@aws-sdk/client-secrets-manager';

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
export function secretsReader(options: AwsOptions = {}): (secretId: string) => Promise<string> {
  const fetched = new Map<string, Promise<string>>();
  let client: Promise<{
    module: SecretsManagerModule;
    instance: InstanceType<SecretsManagerModule['SecretsManagerClient']>;
  }>;
  const connect = () =>
    (client ??= (import(PACKAGE) as Promise<SecretsManagerModule>).then(
      (module) => ({
        module,
        instance: new module.SecretsManagerClient({
          ...(options.region !== undefined && { region: options.region }),
          ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
          ...(options.credentials !== undefined && { credentials: options.credentials }),
        }),
      }),
      () => {
        throw new Error(`reading it needs the AWS SDK client: npm install ${PACKAGE}`);
      },
    ));
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
