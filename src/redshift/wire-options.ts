import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import { ConfigurationError } from '../errors/base.js';
import type { RunnerCommonOptions } from './runner.js';

/**
 * How the wire runner protects the connection, in libpq's words:
 * - `verify-full` (the default): TLS, the server's certificate verified against Node's CA store (or `ca`) and
 *   its name checked against `host`. Redshift's certificates are publicly trusted, so this works as is.
 * - `require`: TLS without verifying the certificate — encrypted, but open to a machine in the middle. Only
 *   when chosen explicitly.
 * - `disable`: no TLS, for a local stand-in (PostgreSQL on 127.0.0.1). Redshift's temporary IAM credentials
 *   need TLS.
 *
 * @group Runners
 */
export type SslMode = 'verify-full' | 'require' | 'disable';

/**
 * Where and how the wire runner connects: one connection per database, opened when first needed.
 *
 * @group Runners
 */
export interface WireConnectionOptions extends RunnerCommonOptions {
  /** The cluster's endpoint, e.g. `examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com`. */
  readonly host: string;
  /** Default 5439, Redshift's port. */
  readonly port?: number;
  /** The database user. */
  readonly user: string;
  /** Its password. Give this or `passwordFile`, not both. */
  readonly password?: string;
  /** A file holding the password (a trailing line break is ignored), read when a connection opens. */
  readonly passwordFile?: string;
  /** TLS: `verify-full` by default. See {@link SslMode}. */
  readonly sslmode?: SslMode;
  /** Certificate authorities to trust instead of Node's store, for `verify-full` (PEM). */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /** How long opening a connection may take, in milliseconds. Default 10 000. */
  readonly connectTimeoutMs?: number;
  /**
   * After an abort, how long to wait for the server to confirm the cancelled statement stopped before dropping
   * the connection, in milliseconds. Default 5 000.
   */
  readonly cancelTimeoutMs?: number;
  /** Sent as `application_name`, so the sessions are recognisable in `pg_stat_activity` / `stv_sessions`. Default `immuta-redshift`. */
  readonly applicationName?: string;
}

/** @internal The options with defaults applied and checked. */
export interface ResolvedWireOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string | undefined;
  readonly passwordFile: string | undefined;
  readonly sslmode: SslMode;
  readonly ca: TlsOptions['ca'];
  readonly connectTimeoutMs: number;
  readonly cancelTimeoutMs: number;
  readonly applicationName: string;
}

const SSL_MODES: readonly string[] = ['verify-full', 'require', 'disable'];

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0 || value > 2 ** 31 - 1) {
    throw new ConfigurationError(`${name} must be a whole number of milliseconds above 0`, { option: name });
  }
  return value;
}

/**
 * @internal Checks the options and applies the defaults.
 * @throws {@link ConfigurationError} naming the option at fault.
 */
export function resolveWireOptions(options: WireConnectionOptions): ResolvedWireOptions {
  if (typeof options.host !== 'string' || options.host.trim() === '') {
    throw new ConfigurationError(
      'host must be the cluster endpoint, e.g. examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
      { option: 'host' },
    );
  }
  if (typeof options.user !== 'string' || options.user === '') {
    throw new ConfigurationError('user must name the database user', { option: 'user' });
  }
  if (options.password !== undefined && options.passwordFile !== undefined) {
    throw new ConfigurationError('give password or passwordFile, not both', { option: 'passwordFile' });
  }
  const port = options.port ?? 5439;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ConfigurationError('port must be a whole number from 1 to 65535 (Redshift: 5439)', { option: 'port' });
  }
  const sslmode = options.sslmode ?? 'verify-full';
  if (!SSL_MODES.includes(sslmode)) {
    throw new ConfigurationError(`sslmode must be one of ${SSL_MODES.join(', ')}`, { option: 'sslmode' });
  }
  return {
    host: options.host.trim(),
    port,
    user: options.user,
    password: options.password,
    passwordFile: options.passwordFile,
    sslmode,
    ca: options.ca as TlsOptions['ca'],
    connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs, 10_000),
    cancelTimeoutMs: positive('cancelTimeoutMs', options.cancelTimeoutMs, 5_000),
    applicationName: options.applicationName ?? 'immuta-redshift',
  };
}

/**
 * @internal The `ssl` setting handed to `pg`, always explicit: never left to `pg`'s defaults or to an
 * `sslmode` in a connection string, whose meaning `pg` is about to change.
 */
export function tlsSettings(options: ResolvedWireOptions): false | TlsOptions {
  if (options.sslmode === 'disable') return false;
  if (options.sslmode === 'require') return { rejectUnauthorized: false };
  return {
    rejectUnauthorized: true,
    // Server Name Indication and the identity check use the host name; an IP address has none to send.
    ...(isIP(options.host) === 0 ? { servername: options.host } : {}),
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  };
}

/** @internal The password to connect with: given, read from its file, or none. */
export async function passwordOf(options: ResolvedWireOptions): Promise<string | undefined> {
  if (options.passwordFile === undefined) return options.password;
  try {
    return (await readFile(options.passwordFile, 'utf8')).replace(/\r?\n$/, '');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigurationError(
      `passwordFile could not be read${typeof code === 'string' ? ` (${code})` : ''}: check the path and its permissions`,
      { option: 'passwordFile' },
    );
  }
}
