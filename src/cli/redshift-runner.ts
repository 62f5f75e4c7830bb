/**
 * How the CLI reaches Redshift, for preflight, setup, verify and apply's scripts: over the wire protocol to the
 * payload's own host and port with its own `userPassword` account, unless flags or libpq's environment variables
 * say otherwise — flags first, then `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGSSLMODE`, then the payload —
 * or through the Redshift Data API with `--data-api`.
 */
import { readFile } from 'node:fs/promises';
import type { RedshiftRunner, SslMode } from '../redshift/index.js';
import type { Values } from './argv.js';
import { UsageError } from './exit-codes.js';
import type { CliIo } from './types.js';

const SSL_MODES: readonly SslMode[] = ['verify-full', 'require', 'disable'];

function sslModeOf(values: Values, env: CliIo['env']): SslMode | undefined {
  const given = typeof values.sslmode === 'string' ? values.sslmode : env.PGSSLMODE?.trim() || undefined;
  if (given === undefined) return undefined;
  if (!SSL_MODES.includes(given as SslMode)) {
    throw new UsageError(
      `--sslmode (or PGSSLMODE) takes ${SSL_MODES.join(', ')}; TLS is verified (verify-full) by default`,
    );
  }
  return given as SslMode;
}

/** `--redshift-port` or `PGPORT`, as a port number. */
function portOf(values: Values, env: CliIo['env']): number | undefined {
  const given = typeof values['redshift-port'] === 'string' ? values['redshift-port'] : env.PGPORT?.trim() || undefined;
  if (given === undefined) return undefined;
  const port = Number(given);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError('--redshift-port (or PGPORT) must be a port number');
  return port;
}

/** The Data API runner: `--cluster-identifier` or `--workgroup-name`, `--secret-arn` or `--db-user`. */
async function dataApiRunner(values: Values, io: CliIo, secret: (value: string) => void): Promise<RedshiftRunner> {
  const text = (name: 'cluster-identifier' | 'workgroup-name' | 'secret-arn' | 'db-user' | 'region') =>
    typeof values[name] === 'string' ? (values[name] as string) : undefined;
  const clusterIdentifier = text('cluster-identifier');
  const workgroupName = text('workgroup-name');
  if ((clusterIdentifier === undefined) === (workgroupName === undefined)) {
    throw new UsageError(
      '--data-api needs --cluster-identifier <id> (a provisioned cluster) or --workgroup-name <name> (Serverless)',
    );
  }
  const { env } = io;
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  if (secretAccessKey) secret(secretAccessKey);
  if (env.AWS_SESSION_TOKEN) secret(env.AWS_SESSION_TOKEN);
  const region = text('region') ?? (env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || undefined);
  const endpoint = env.AWS_ENDPOINT_URL_REDSHIFT_DATA?.trim() || env.AWS_ENDPOINT_URL?.trim() || undefined;
  // Asked for before anything starts, so a setup does not stop halfway for want of it.
  const { loadOptional } = await import('../internal/optional-package.js');
  await loadOptional('@aws-sdk/client-redshift-data', '--data-api', () => import('@aws-sdk/client-redshift-data'));
  const { createDataApiRunner } = await import('../redshift/index.js');
  return createDataApiRunner({
    ...(clusterIdentifier !== undefined && { clusterIdentifier }),
    ...(workgroupName !== undefined && { workgroupName }),
    ...(text('secret-arn') !== undefined && { secretArn: text('secret-arn') }),
    ...(text('db-user') !== undefined && { dbUser: text('db-user') }),
    ...(region !== undefined && { region }),
    ...(endpoint !== undefined && { endpoint }),
    // The environment's keys, as the standard AWS chain would read them from the process's.
    ...(accessKeyId &&
      secretAccessKey && {
        credentials: {
          accessKeyId,
          secretAccessKey,
          ...(env.AWS_SESSION_TOKEN && { sessionToken: env.AWS_SESSION_TOKEN }),
        },
      }),
  } as Parameters<typeof createDataApiRunner>[0]);
}

/** Where a runner connects by default: a payload, or an integration's configuration as Immuta reports it. */
export interface ConnectionSource {
  /** A payload file (default), or an integration as Immuta reports it, which never holds its credentials. */
  readonly from?: 'payload' | 'integration';
  readonly config: {
    readonly host: string;
    readonly port?: number | undefined;
    readonly authenticationType: string;
    /** With `userPassword`: the account, unless flags or the environment name another. */
    readonly username?: string | undefined;
    /** Absent when unknown (an integration read from Immuta has it redacted). */
    readonly password?: string | undefined;
  };
}

/**
 * A runner for `payload`'s cluster, as the flags, the environment and the payload say. Every password it uses is
 * handed to `secret`, so the CLI's output hides it.
 */
export async function redshiftRunner(
  values: Values,
  io: CliIo,
  payload: ConnectionSource,
  secret: (value: string) => void,
): Promise<RedshiftRunner> {
  if (values['data-api'] === true) return dataApiRunner(values, io, secret);
  const { env } = io;
  const { config } = payload;
  const fromPayload = config.authenticationType === 'userPassword' ? config : undefined;
  const user =
    (typeof values['redshift-user'] === 'string' ? values['redshift-user'] : undefined) ??
    (env.PGUSER?.trim() || fromPayload?.username);
  const passwordFile =
    typeof values['redshift-password-file'] === 'string' ? values['redshift-password-file'] : undefined;
  let password = passwordFile === undefined ? env.PGPASSWORD || fromPayload?.password : undefined;
  if (passwordFile !== undefined) {
    password = await readFile(passwordFile, 'utf8').then(
      (text) => text.replace(/\r?\n$/, ''),
      (error: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read the --redshift-password-file file (${error.code ?? 'error'})`);
      },
    );
  }
  if (user === undefined || !password) {
    const account = 'pass --redshift-user <user> and --redshift-password-file <path> (or set PGUSER and PGPASSWORD)';
    throw new UsageError(
      payload.from === 'integration'
        ? `Immuta does not return the integration's credentials: ${account}, or -f <payload-file>`
        : config.authenticationType !== 'userPassword'
          ? `the payload's ${config.authenticationType} account cannot log in to the database itself: ${account}`
          : user === undefined
            ? `no Redshift user: give one in the payload, PGUSER or --redshift-user <user>`
            : 'no Redshift password: give one in the payload, PGPASSWORD or --redshift-password-file <path>',
    );
  }
  secret(password);
  const host =
    (typeof values['redshift-host'] === 'string' ? values['redshift-host'] : undefined) ??
    (env.PGHOST?.trim() || config.host);
  const port = portOf(values, env) ?? config.port ?? 5439;
  const sslmode = sslModeOf(values, env);
  const { createWireRunner } = await import('../redshift/index.js');
  return createWireRunner({ host, port, user, password, ...(sslmode !== undefined && { sslmode }) });
}
