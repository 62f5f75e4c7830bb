import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeImmuta, FakeNetworkFailure } from './fake-immuta.js';
import type { FakeImmuta, FakeImmutaOptions } from './types.js';

/**
 * Options of {@link startFakeImmutaServer}.
 *
 * @group HTTP server
 */
export interface FakeImmutaServerOptions extends Omit<FakeImmutaOptions, 'baseUrl'> {
  /** The port to listen on. Default 0: a free one, chosen by the system. */
  port?: number;
  /** The interface to listen on. Default `127.0.0.1` (loopback only). */
  host?: string;
  /** A path prefix the fake answers below, e.g. `/immuta` (as behind a reverse proxy). Default: none. */
  basePath?: string;
  /** A fake to serve, for sharing state with in-process code. Default: a new one from the other options. */
  fake?: FakeImmuta;
}

/**
 * A running fake Immuta.
 *
 * @group HTTP server
 */
export interface FakeImmutaServer {
  /** Its base URL, e.g. `http://127.0.0.1:49152` (with the base path, if any): pass it as `baseUrl` or `IMMUTA_URL`. */
  readonly url: string;
  /** The fake behind it: inspect `integrations`, inject failures with `fail`. */
  readonly fake: FakeImmuta;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

async function toRequest(message: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const each of Array.isArray(value) ? value : [value]) headers.append(name, each);
  }
  const method = message.method ?? 'GET';
  const hasBody = chunks.length > 0 && method !== 'GET' && method !== 'HEAD';
  return new Request(new URL(message.url ?? '/', origin), {
    method,
    headers,
    signal,
    ...(hasBody && { body: Buffer.concat(chunks) }),
  });
}

async function answer(fake: FakeImmuta, origin: string, message: IncomingMessage, reply: ServerResponse) {
  // A client that hangs up cancels what the fake is doing for it (an injected slow answer).
  const gone = new AbortController();
  reply.on('close', () => gone.abort());
  let response: Response;
  try {
    response = await fake.fetch(await toRequest(message, origin, gone.signal));
  } catch (error) {
    if (error instanceof FakeNetworkFailure || gone.signal.aborted) {
      message.socket.destroy(); // an injected network failure: drop the connection without an answer
      return;
    }
    throw error;
  }
  reply.writeHead(response.status, Object.fromEntries(response.headers));
  reply.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Serves a fake Immuta ({@link createFakeImmuta}) over real HTTP on loopback, for tests of scripts, CLIs or
 * programs in other languages. Needs nothing but this package. Port 0 (the default) picks a free port.
 *
 * @example
 * ```ts
 * const server = await startFakeImmutaServer();
 * const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'test-key' });
 * // … run the code under test …
 * await server.close();
 * ```
 *
 * @group HTTP server
 */
export async function startFakeImmutaServer(options: FakeImmutaServerOptions = {}): Promise<FakeImmutaServer> {
  const { port = 0, host = '127.0.0.1', basePath = '', fake: given, ...fakeOptions } = options;
  const prefix = basePath === '' ? '' : `/${basePath.replace(/^\/+|\/+$/g, '')}`;
  const fake = given ?? createFakeImmuta({ ...fakeOptions, ...(prefix && { baseUrl: prefix }) });
  let origin = '';
  const server = createServer((message, reply) => {
    answer(fake, origin, message, reply).catch(() => {
      if (!reply.headersSent) reply.writeHead(500, { 'content-type': 'application/json' });
      reply.end(JSON.stringify({ statusCode: 500, error: 'Internal Server Error', message: 'The fake failed.' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${hostname}:${address.port}`;
  return {
    url: `${origin}${prefix}`,
    fake,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
