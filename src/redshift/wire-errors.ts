import { RedshiftConnectionError, type RedshiftConnectionFailure } from '../errors/redshift.js';
import { causeSummary, type Redactor } from './redact.js';

/** What a driver or socket error carries that is safe to read: its code and message. */
function partsOf(error: unknown): { code: string | undefined; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { code: typeof code === 'string' ? code : undefined, message };
}

const TLS_CODES =
  /^(?:ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|CERT_|HOSTNAME_MISMATCH)/;

/** Whether a SQLSTATE or socket error means the connection itself is gone, not just the statement. */
export function isConnectionLoss(error: unknown): boolean {
  const { code, message } = partsOf(error);
  if (code !== undefined && /^(?:08|57P0[1-3])/.test(code)) return true;
  if (code !== undefined && ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED'].includes(code)) return true;
  return /Connection terminated|connection ended|Client has encountered a connection error/i.test(message);
}

/** @internal Why a connection attempt failed, as one word. */
export function connectionFailureOf(error: unknown): RedshiftConnectionFailure {
  const { code, message } = partsOf(error);
  if (code === '28P01' || code === '28000' || /^SASL:|client password must be/i.test(message)) return 'authentication';
  if (code === '3D000') return 'database';
  if ((code !== undefined && TLS_CODES.test(code)) || /\bSSL\b|\bTLS\b|certificate/i.test(message)) return 'tls';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'dns';
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return 'timeout';
  if (isConnectionLoss(error)) return 'lost';
  return 'other';
}

/** What to do about each kind of connection failure. */
function adviceFor(reason: RedshiftConnectionFailure, target: ConnectionTarget, message: string): string {
  switch (reason) {
    case 'authentication':
      return `Check the user "${target.user}" and its password (a password file must hold the password alone); a server that insists on TLS refuses a connection made without it (sslmode: 'disable')`;
    case 'tls':
      return /does not support SSL/i.test(message)
        ? "The server offers no TLS; Redshift always does, so check the host and port. Only for a local stand-in without TLS, pass sslmode: 'disable'"
        : `The server's certificate did not verify for "${target.host}": connect with the cluster's own endpoint name (not an IP address or alias), or pass its CA in \`ca\`; sslmode: 'require' skips the check and is not recommended`;
    case 'refused':
      return 'Nothing accepts connections there: check the port (Redshift listens on 5439), that the cluster is available, and that its security group admits this machine';
    case 'dns':
      return 'The host name does not resolve: check it is the cluster endpoint, e.g. examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com, without scheme or port';
    case 'timeout':
      return `No answer within ${target.connectTimeoutMs} ms: check the network path (VPC, security group, "publicly accessible") or raise connectTimeoutMs`;
    case 'database':
      return `Check the name: initialDatabase must already exist; database is created by the initial-create script, so the create script runs after it`;
    case 'lost':
      return 'The server closed the connection while it was being set up: check the server is up and not refusing new sessions, then try again';
    default:
      return 'Check the host, port, user and TLS settings';
  }
}

/** @internal Where a connection was going. */
export interface ConnectionTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly connectTimeoutMs: number;
}

/** @internal A failed connection attempt as the SDK's error: why, the code, what to do; messages redacted. */
export function connectionError(error: unknown, target: ConnectionTarget, redactor: Redactor): RedshiftConnectionError {
  const { code, message } = partsOf(error);
  const reason = connectionFailureOf(error);
  return new RedshiftConnectionError(
    {
      host: target.host,
      port: target.port,
      database: target.database,
      reason,
      code,
      detail: redactor.text(message.replace(/\.$/, '')),
      advice: adviceFor(reason, target, message),
    },
    { cause: causeSummary(error) },
  );
}
