// Responses are bounded while they stream: a hostile server cannot exhaust memory. Real sockets only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedshiftIntegrationClient, ResponseTooLargeError } from '../../src/index.js';
import { json, programmableServer } from '../support/http-server.js';
import { rejectionOf } from '../support/rejection.js';

let server: Awaited<ReturnType<typeof programmableServer>>;
beforeAll(async () => {
  server = await programmableServer();
});
afterAll(() => server.close());

const LIMIT = 64 * 1024;
const client = () =>
  new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'k', maxResponseBytes: LIMIT, retry: 2 });

describe('maxResponseBytes', () => {
  it('refuses a body whose declared length is over the limit, at once and without a retry', async () => {
    let written = 0;
    server.behave((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * LIMIT) });
      const chunk = Buffer.alloc(1024, 0x20);
      const pump = setInterval(() => {
        if (response.destroyed) return clearInterval(pump);
        response.write(chunk);
        written += chunk.length;
      }, 1);
      response.on('close', () => clearInterval(pump));
    });
    const error = (await rejectionOf(() => client().list())) as ResponseTooLargeError;
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.limitBytes).toBe(LIMIT);
    expect(error.message).toMatch(/GET \/integrations: the response is larger than 65536 bytes/);
    expect(server.requests).toBe(1);
    expect(written).toBeLessThan(10 * LIMIT);
  });

  it('stops reading an undeclared (chunked) body once it passes the limit, and drops the connection', async () => {
    let closed = false;
    let written = 0;
    server.behave((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('[');
      const chunk = Buffer.from(`${JSON.stringify({ id: '1', status: 'enabled' })},`.repeat(50));
      const pump = setInterval(() => {
        if (response.destroyed) return clearInterval(pump);
        response.write(chunk);
        written += chunk.length;
      }, 1);
      response.on('close', () => {
        closed = true;
        clearInterval(pump);
      });
    });
    const error = await rejectionOf(() => client().get(1));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(server.requests).toBe(1);
    await expect.poll(() => closed).toBe(true);
    // Memory stays bounded: the client read little more than its limit before it hung up.
    expect(written).toBeLessThan(40 * LIMIT);
  });

  it('bounds error bodies too', async () => {
    server.behave((_request, response) => json(response, 500, { message: 'x'.repeat(2 * LIMIT) }));
    expect(await rejectionOf(() => client().list())).toBeInstanceOf(ResponseTooLargeError);
    expect(server.requests).toBe(1); // a 500 is retried; an oversized answer is not
  });

  it('lets a list of 5,000 integrations through with the default limit', async () => {
    const item = {
      id: '1',
      status: 'enabled',
      type: 'Redshift',
      autoBootstrap: true,
      validationResults: {
        status: 'passed',
        validationTests: [
          { name: 'Initial Validation: Basic Connection Test', result: [null], status: 'passed' },
          { name: 'Validate Automatic Bootstrap: Immuta Database Does Not Exist', result: [], status: 'passed' },
        ],
      },
      config: {
        host: 'organization.aws.amazon.com',
        database: 'immuta',
        initialDatabase: 'REDSHIFT_SAMPLE_DATA',
        port: 5439,
        impersonation: { enabled: true, role: 'immuta_impersonation' },
        authenticationType: 'userPassword',
        username: '<REDACTED>',
        password: '<REDACTED>',
      },
    };
    server.behave((_request, response) =>
      json(
        response,
        200,
        Array.from({ length: 5000 }, (_, i) => ({ ...item, id: String(i) })),
      ),
    );
    const list = await new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'k' }).list();
    expect(list).toHaveLength(5000);
  });
});
