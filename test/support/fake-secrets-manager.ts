import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for AWS Secrets Manager's JSON protocol, enough for `GetSecretValue`: the real AWS SDK
 * client reaches it through its `endpoint` option, with static test credentials. Records each call.
 */
export async function fakeSecretsManager(secrets: Record<string, string>) {
  const calls: { target: string; secretId: string }[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const { SecretId: secretId } = JSON.parse(body || '{}') as { SecretId: string };
      calls.push({ target, secretId });
      const reply = (status: number, value: object) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(value));
      };
      if (target !== 'secretsmanager.GetSecretValue') return reply(400, { __type: 'UnknownOperationException' });
      const secret = secrets[secretId];
      if (secret === undefined) {
        return reply(400, {
          __type: 'ResourceNotFoundException',
          message: `Secrets Manager can't find the specified secret ${secretId}.`,
        });
      }
      return reply(200, {
        ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${secretId}`,
        Name: secretId,
        SecretString: secret,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
