// Only ImmutaErrors escape, and only as rejected promises: any nesting depth, any input type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrationFailedError, PayloadValidationError, RedshiftIntegrationClient } from '../../src/index.js';
import { parseDeleteCredentials, parseRedshiftPayload } from '../../src/yaml/index.js';
import { programmableServer } from '../support/http-server.js';
import { rejectionOf } from '../support/rejection.js';
import { readFileSync } from 'node:fs';

let server: Awaited<ReturnType<typeof programmableServer>>;
beforeAll(async () => {
  server = await programmableServer();
});
afterAll(() => server.close());

describe('deeply nested answers', () => {
  it('a failed wait whose integration nests 4,000 levels deep is an IntegrationFailedError', async () => {
    const deep = `${'{"a":'.repeat(4000)}1${'}'.repeat(4000)}`;
    server.behave((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        `{"id":"1","status":"createError","validationResults":{"status":"failed","validationTests":[{"name":"t","status":"failed","result":${deep}}]}}`,
      );
    });
    const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'k' });
    const error = await rejectionOf(() => client.waitUntilEnabled(1, { minDelayMs: 1 }));
    expect(error).toBeInstanceOf(IntegrationFailedError);
    expect(() => JSON.stringify(error)).not.toThrow();
  });
});

describe('the parse helpers take text or bytes, and refuse anything else with a PayloadValidationError', () => {
  const yaml = readFileSync(new URL('../fixtures/payload-auto-userpassword.json', import.meta.url));

  it('reads a Buffer (readFile without an encoding) as UTF-8', async () => {
    expect((await parseRedshiftPayload(yaml)).config.host).toBe('organization.aws.amazon.com');
    expect((await parseRedshiftPayload(new Uint8Array(yaml))).type).toBe('Redshift');
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an object', { type: 'Redshift' }],
  ])('refuses %s', async (_name, input) => {
    for (const parse of [parseRedshiftPayload, parseDeleteCredentials]) {
      const error = await rejectionOf(() => parse(input as never));
      expect(error).toBeInstanceOf(PayloadValidationError);
    }
  });
});
