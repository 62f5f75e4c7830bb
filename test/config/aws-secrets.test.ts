// ${aws-secretsmanager:…} references, read with the real AWS SDK client from a loopback stand-in of AWS Secrets
// Manager: lazily, once per secret, never shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PayloadValidationError } from '../../src/index.js';
import { apply, type AwsClientSettings, loadDesiredState, plan } from '../../src/config/index.js';
import { fakeSecretsManager } from '../support/fake-secrets-manager.js';
import { expectNoCanary, useTenant } from './support.js';

const tenant = useTenant();
const PASSWORD = 'aws-canary-password-51c0';
let aws: Awaited<ReturnType<typeof fakeSecretsManager>>;
let options: AwsClientSettings;

beforeAll(async () => {
  aws = await fakeSecretsManager({
    'prod/redshift': JSON.stringify({ username: 'svc_immuta', password: PASSWORD, port: 5439 }),
    'prod/plain-password': PASSWORD,
  });
  options = {
    region: 'us-east-1',
    endpoint: aws.endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret-access-key' },
  };
});
afterAll(() => aws.close());

const file = (username: string, password: string) => `integrations:
  analytics:
    autoBootstrap: true
    config:
      host: analytics.abc123.us-east-1.redshift.amazonaws.com
      database: immuta
      initialDatabase: dev
      authenticationType: userPassword
      username: ${username}
      password: ${password}
`;

describe('${aws-secretsmanager:SECRET_ID#key}', () => {
  it('reads the key of a JSON secret, once per secret, only when apply sends it', async () => {
    aws.calls.length = 0;
    const desired = await loadDesiredState(
      file('${aws-secretsmanager:prod/redshift#username}', '${aws-secretsmanager:prod/redshift#password}'),
      { aws: options },
    );
    const changes = await plan(tenant.client, desired);
    // A plan never calls AWS: it needs no AWS access, as it needs no password.
    expect(aws.calls).toEqual([]);
    expect(changes.items[0]?.action).toBe('create');

    const result = await apply(tenant.client, changes, tenant.fast);
    expect(result.ok).toBe(true);
    expect(aws.calls).toEqual([{ target: 'secretsmanager.GetSecretValue', secretId: 'prod/redshift' }]);
    const [created] = [...tenant.server.fake.integrations.values()].filter((each) => each.type === 'Redshift');
    expect(created?.config).toMatchObject({ username: 'svc_immuta', password: PASSWORD });
    expectNoCanary(JSON.stringify([changes, result]));
    expect(JSON.stringify([changes, result])).not.toContain(PASSWORD);
  });

  it('reads a plain-text secret whole when the reference has no #', async () => {
    const desired = await loadDesiredState(file('svc', '${aws-secretsmanager:prod/plain-password}'), { aws: options });
    expect((await apply(tenant.client, desired, tenant.fast)).ok).toBe(true);
    const [created] = [...tenant.server.fake.integrations.values()].filter((each) => each.type === 'Redshift');
    expect(created?.config.password).toBe(PASSWORD);
  });

  it('refuses before any write when a secret or its key is missing, naming the reference and AWS’s error only', async () => {
    const desired = await loadDesiredState(
      file('${aws-secretsmanager:prod/redshift#user}', '${aws-secretsmanager:prod/missing#password}'),
      { aws: options },
    );
    const error = (await apply(tenant.client, desired, tenant.fast).catch((e: unknown) => e)) as PayloadValidationError;
    expect(error).toBeInstanceOf(PayloadValidationError);
    expect(error.issues.map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'integrations.analytics.config.username: ${aws-secretsmanager:prod/redshift#user}: the secret has no text at user',
      'integrations.analytics.config.password: ${aws-secretsmanager:prod/missing#password}: AWS Secrets Manager refused it (ResourceNotFoundException)',
    ]);
    expect(JSON.stringify(error)).not.toContain(PASSWORD);
    expect(tenant.writes()).toEqual([]);
  });

  it('is a reference the file schema knows, in a host too, resolved at load there', async () => {
    const desired = await loadDesiredState(
      file('u', 'p').replace(
        'host: analytics.abc123.us-east-1.redshift.amazonaws.com',
        'host: ${aws-secretsmanager:prod/host}',
      ),
      { aws: options },
    ).catch((e: unknown) => e);
    expect((desired as PayloadValidationError).issues[0]?.message).toBe(
      '${aws-secretsmanager:prod/host}: AWS Secrets Manager refused it (ResourceNotFoundException)',
    );
  });
});
