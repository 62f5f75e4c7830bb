/**
 * Run as a child process by test/resources.test.ts: waits on an integration that never settles, aborts
 * the wait, closes its server, and then must exit on its own. It prints how long the process lived after
 * the abort; a timer or socket left behind would keep it alive for the full 60 s poll pause.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RedshiftIntegrationClient, RequestAbortedError } from '../../src/index.js';

const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ id: '1', status: 'creating' }));
});
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address() as AddressInfo;
  const client = new RedshiftIntegrationClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'child-key' });
  const controller = new AbortController();
  let abortedAt = 0;
  process.on('exit', () =>
    console.log(JSON.stringify({ livedAfterAbortMs: Math.round(performance.now() - abortedAt) })),
  );
  setTimeout(() => {
    abortedAt = performance.now();
    controller.abort();
  }, 300);
  const outcome = await client
    .waitUntilEnabled('1', { signal: controller.signal, minDelayMs: 60_000, maxDelayMs: 60_000 })
    .catch((error: unknown) => error);
  console.log(JSON.stringify({ aborted: outcome instanceof RequestAbortedError }));
  server.close();
  server.closeAllConnections();
});
