import type { Client as PgClient, QueryResult as PgQueryResult } from 'pg';
import { onAbort } from '../internal/abort.js';
import type { Redactor } from './redact.js';
import type { StatementOutcome } from './run-script.js';
import { connectionError, isConnectionLoss } from './wire-errors.js';
import { type ResolvedWireOptions, tlsSettings } from './wire-options.js';

/** @internal One open session, bound to one database. */
export interface Session {
  readonly client: PgClient;
  readonly database: string;
  /** The server process serving it, from the protocol's BackendKeyData: what a cancel names. */
  pid: number | undefined;
  /** Set once the session must not be used again (an error, an abort, a lost connection). */
  broken: boolean;
  /** How many calls are using it now: idle sessions to other databases are closed before a script. */
  busy: number;
  /** Settles when the last query queued on it has: each query waits for the one before. */
  tail: Promise<void>;
}

/** @internal What running a statement needs besides its session: a way to open the cancelling connection. */
export interface SessionContext {
  readonly cancelTimeoutMs: number;
  open(database: string): Promise<Session>;
}

/** The outcome of one statement, with its rows for a query. */
export type SessionOutcome = StatementOutcome & { rows?: unknown[] };

/** `pg` is loaded on first use only, so importing the entry costs nothing. */
let driver: Promise<typeof import('pg')> | undefined;
const loadDriver = () => (driver ??= import('pg'));

/** Resolves after `ms` (never keeping the process alive), with `'timeout'`. */
function timeout(ms: number): { promise: Promise<'timeout'>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
    timer.unref();
  });
  return { promise, clear: () => clearTimeout(timer) };
}

type Settled = { ok: true; result: PgQueryResult } | { ok: false; error: unknown };

/**
 * @internal Opens a session to `database`. `onLost` is called if the server drops it later (unhandled, the
 * client's 'error' event would crash the process).
 * @throws {@link RedshiftConnectionError} saying why it could not connect.
 */
export async function openSession(
  options: ResolvedWireOptions,
  database: string,
  password: string | undefined,
  redactor: Redactor,
  onLost: (session: Session) => void,
): Promise<Session> {
  const { Client } = await loadDriver();
  const client = new Client({
    host: options.host,
    port: options.port,
    user: options.user,
    // Without one, pg falls back to PGPASSWORD or ~/.pgpass, as libpq does.
    ...(password === undefined ? {} : { password }),
    database,
    ssl: tlsSettings(options),
    connectionTimeoutMillis: options.connectTimeoutMs,
    application_name: options.applicationName,
    keepAlive: true,
  });
  const session: Session = { client, database, pid: undefined, broken: false, busy: 0, tail: Promise.resolve() };
  client.on('error', () => onLost(session));
  try {
    await client.connect();
  } catch (error) {
    client.end().catch(() => undefined);
    throw connectionError(error, { ...options, database }, redactor);
  }
  session.pid = (client as unknown as { processID?: number | null }).processID ?? undefined;
  return session;
}

/** @internal Closes a session within `boundMs` (`end` destroys the socket of a session with a query under way). */
export async function endSession(session: Session | undefined, boundMs: number): Promise<void> {
  if (!session) return;
  const wait = timeout(boundMs);
  await Promise.race([session.client.end().catch(() => undefined), wait.promise]);
  wait.clear();
}

/**
 * @internal Runs one statement on `session`, after the ones queued before it (pg 9 drops its own queue). On
 * abort, cancels it on the server and reports how that went.
 */
export async function execute(
  session: Session,
  text: string,
  values: unknown[] | undefined,
  signal: AbortSignal | undefined,
  context: SessionContext,
): Promise<SessionOutcome> {
  const previous = session.tail;
  let release = () => {};
  const mine = new Promise<void>((resolve) => (release = resolve));
  session.tail = previous.then(() => mine);
  try {
    if (signal === undefined) {
      await previous;
    } else {
      let stop = () => {};
      const aborted = new Promise<'aborted'>((resolve) => (stop = onAbort(signal, () => resolve('aborted'))));
      const turn = await Promise.race([previous.then(() => 'ready' as const), aborted]);
      stop();
      if (turn === 'aborted') {
        return { ok: false, kind: 'aborted', cancelRequested: false, cancelConfirmed: false, completed: false };
      }
    }
    return await executeNow(session, text, values, signal, context);
  } finally {
    release();
  }
}

async function executeNow(
  session: Session,
  text: string,
  values: unknown[] | undefined,
  signal: AbortSignal | undefined,
  context: SessionContext,
): Promise<SessionOutcome> {
  // With values, the extended protocol: one statement only, as `query` promises.
  const config = values === undefined ? { text } : { text, values, queryMode: 'extended' };
  const settled: Promise<Settled> = session.client.query(config).then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (signal === undefined) return settledOutcome(await settled);
  let stop = () => {};
  const aborted = new Promise<'aborted'>((resolve) => {
    stop = onAbort(signal, () => resolve('aborted'));
  });
  const first = await Promise.race([settled, aborted]);
  stop();
  if (first !== 'aborted') return settledOutcome(first);

  session.broken = true;
  const cancelRequested = await cancel(session, context);
  const wait = timeout(context.cancelTimeoutMs);
  const after = await Promise.race([settled, wait.promise]);
  wait.clear();
  if (after === 'timeout') {
    return { ok: false, kind: 'aborted', cancelRequested, cancelConfirmed: false, completed: false };
  }
  if (after.ok) return { ok: false, kind: 'aborted', cancelRequested, cancelConfirmed: false, completed: true };
  const code = (after.error as { code?: unknown }).code;
  return { ok: false, kind: 'aborted', cancelRequested, cancelConfirmed: code === '57014', completed: false };
}

function settledOutcome(settled: Settled): SessionOutcome {
  if (settled.ok) return { ok: true, rowCount: settled.result.rowCount ?? undefined, rows: settled.result.rows };
  const code = (settled.error as { code?: unknown }).code;
  return {
    ok: false,
    kind: 'failed',
    code: typeof code === 'string' ? code : undefined,
    message: settled.error instanceof Error ? settled.error.message : String(settled.error),
    connectionLost: isConnectionLoss(settled.error),
    cause: settled.error,
  };
}

/**
 * Asks the server, from a second short-lived connection as the same user, to cancel what `session` runs:
 * `SELECT pg_cancel_backend(pid)`, documented by Redshift and PostgreSQL for cancelling one's own query.
 * Resolves whether the request was made within the cancel bound.
 */
async function cancel(session: Session, context: SessionContext): Promise<boolean> {
  if (session.pid === undefined) return false;
  const wait = timeout(context.cancelTimeoutMs);
  let canceller: Session | undefined;
  const attempt = (async () => {
    canceller = await context.open(session.database);
    await canceller.client.query('SELECT pg_cancel_backend($1)', [session.pid]);
    return true;
  })().catch(() => false);
  const sent = await Promise.race([attempt, wait.promise]);
  wait.clear();
  // The canceller is closed whatever happened, once its attempt settles.
  void attempt.then(() => endSession(canceller, context.cancelTimeoutMs));
  return sent === true;
}
