/**
 * Run as a child process by test/resources.test.ts with one scenario name. It makes a call fail in that
 * way against its own loopback server, closes the server, and then must exit on its own. It prints the
 * error's name and how long the process lived after the failure; a timer or socket left behind would keep
 * it alive for the 60 s poll pause or the never-ending answer.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RedshiftIntegrationClient } from '../../src/index.js';

const scenario = process.argv[2] ?? '';
const answer: Record<string, (response: ServerResponse) => void> = {
  'abort-wait': (response) => reply(response, { id: '1', status: 'creating' }),
  'request-timeout': () => undefined, // never answers
  'failed-wait': (response) => reply(response, { id: '1', status: 'createError' }),
  'wait-timeout': (response) => reply(response, { id: '1', status: 'creating' }),
};

function reply(response: ServerResponse, body: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const server = createServer((_request, response) => answer[scenario]?.(response));
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address() as AddressInfo;
  const client = new RedshiftIntegrationClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'child-key', retry: 0 });
  const slowPolls = { minDelayMs: 60_000, maxDelayMs: 60_000 };
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 300).unref();
  const calls: Record<string, () => Promise<unknown>> = {
    'abort-wait': () => client.waitUntilEnabled('1', { ...slowPolls, signal: controller.signal }),
    'request-timeout': () => client.get('1', { timeoutMs: 300 }),
    'failed-wait': () => client.waitUntilEnabled('1', slowPolls),
    'wait-timeout': () => client.waitUntilEnabled('1', { ...slowPolls, timeoutMs: 300 }),
  };
  const call = calls[scenario] ?? (() => Promise.reject(new Error(`unknown scenario ${scenario}`)));
  const error = await call().catch((caught: unknown) => caught);
  const failedAt = performance.now();
  process.on('exit', () =>
    console.log(
      JSON.stringify({ error: (error as Error).name, livedAfterFailureMs: Math.round(performance.now() - failedAt) }),
    ),
  );
  server.close();
  server.closeAllConnections();
});
