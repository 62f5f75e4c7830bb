import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';

/** PostgreSQL's SSLRequest code (1234 5679). */
const SSL_REQUEST = 80877103;

/**
 * A loopback server that accepts PostgreSQL's SSLRequest and completes a TLS handshake with a self-signed
 * certificate (made with `openssl` for the test), then closes once the client sends its startup message. It
 * records whether a startup message arrived over TLS — the message that, in a real exchange, precedes the
 * password — so a test can tell "refused at the certificate" from "went past TLS".
 */
export async function startFakeTlsServer() {
  const dir = mkdtempSync(join(tmpdir(), 'fake-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=not-the-cluster.example',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const key = readFileSync(join(dir, 'key.pem'));
  const cert = readFileSync(join(dir, 'cert.pem'));
  rmSync(dir, { recursive: true, force: true });
  let startupsOverTls = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (request) => {
      if (request.length < 8 || request.readInt32BE(4) !== SSL_REQUEST) return socket.destroy();
      socket.write('S');
      const secure = new TLSSocket(socket, { isServer: true, key, cert });
      secure.on('error', () => socket.destroy());
      secure.once('data', () => {
        startupsOverTls += 1;
        secure.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    /** How many clients got past the handshake and sent their startup message. */
    get startupsOverTls() {
      return startupsOverTls;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
