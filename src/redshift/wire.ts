import type { Client as PgClient, QueryResult as PgQueryResult } from 'pg';
import { QueryFailedError, RedshiftAbortedError } from '../errors/redshift.js';
import { onAbort, raceAbort } from '../internal/abort.js';
import { causeSummary, Redactor } from './redact.js';
import { runStatements, type StatementOutcome, statementsOf } from './run-script.js';
import type {
  QueryOptions,
  QueryParameter,
  QueryResult,
  RedshiftRunner,
  RunScriptOptions,
  ScriptInput,
  ScriptRunResult,
} from './runner.js';
import type { SplitOptions } from './split.js';
import { connectionError, isConnectionLoss } from './wire-errors.js';
import {
  passwordOf,
  type ResolvedWireOptions,
  resolveWireOptions,
  tlsSettings,
  type WireConnectionOptions,
} from './wire-options.js';

/** One open session, bound to one database. */
interface Session {
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
 * The wire-protocol runner (PostgreSQL's protocol, which Redshift speaks), on `node-postgres`.
 *
 * - One connection per database, opened when first needed and kept until {@link RedshiftRunner.close};
 *   a connection that saw a failure, an abort or a loss is dropped and the next call opens a fresh one (a
 *   session left inside a failed transaction would refuse everything after).
 * - Before a script runs, this runner closes its idle connections to **other** databases, so a
 *   `DROP DATABASE` in the script is not blocked by the runner's own session (SQLSTATE 55006).
 * - TLS is on and verified by default (`sslmode: 'verify-full'`).
 * - Abort: `client.query` cannot be cancelled, so the runner opens a second, short-lived connection as the
 *   same user and runs `SELECT pg_cancel_backend(pid)` for the session's server process — what Redshift and
 *   PostgreSQL both document for cancelling one's own query. It then waits up to `cancelTimeoutMs` for the
 *   statement to stop (SQLSTATE 57014 confirms it) and drops the connection either way.
 * - Session state a script sets (`SET search_path …`) stays on that database's connection for later calls,
 *   as it would in one `psql` session.
 */
class WireRunner implements RedshiftRunner {
  readonly kind = 'wire' as const;
  readonly #options: ResolvedWireOptions;
  readonly #split: SplitOptions | undefined;
  /** Per database: the session being opened or open (`session` is set once it is). */
  readonly #slots = new Map<string, { readonly pending: Promise<Session>; session?: Session }>();
  #redactor: Redactor;
  #password: Promise<string | undefined> | undefined;

  constructor(options: WireConnectionOptions) {
    this.#options = resolveWireOptions(options);
    this.#split = options.split;
    this.#redactor = new Redactor([options.password, ...(options.secrets ?? [])]);
  }

  async runScript(script: ScriptInput, options: RunScriptOptions = {}): Promise<ScriptRunResult> {
    const statements = statementsOf(script, this.#split);
    const { step, database } = script;
    const total = statements.length;
    if (total === 0) return { step, database, total, statements: [] };
    await this.#closeIdleExcept(database);
    const session = await this.#session(
      database,
      options.signal,
      () => new RedshiftAbortedError({ step, database, ran: 0, total, cancelRequested: false, cancelConfirmed: false }),
    );
    session.busy += 1;
    try {
      return await runStatements(
        script,
        statements,
        async (statement, signal) =>
          this.#outcome(session, await this.#execute(session, statement.text, undefined, signal)),
        this.#redactor,
        options,
      );
    } finally {
      session.busy -= 1;
    }
  }

  async query<Row extends Record<string, unknown> = Record<string, unknown>>(
    database: string,
    sql: string,
    params: readonly QueryParameter[] = [],
    options: QueryOptions = {},
  ): Promise<QueryResult<Row>> {
    const aborted = (cancelRequested = false, cancelConfirmed = false) =>
      new RedshiftAbortedError({ database, ran: 0, cancelRequested, cancelConfirmed });
    const session = await this.#session(database, options.signal, () => aborted());
    session.busy += 1;
    try {
      const outcome = this.#outcome(session, await this.#execute(session, sql, [...params], options.signal));
      if (outcome.ok) return { rows: outcome.rows as Row[] };
      if (outcome.kind === 'aborted') throw aborted(outcome.cancelRequested, outcome.cancelConfirmed);
      if (outcome.kind === 'timeout') throw aborted();
      const redactor = this.#redactor.withSqlOf(sql);
      throw new QueryFailedError(
        { database, code: outcome.code, serverMessage: redactor.text(outcome.message) },
        { cause: causeSummary(outcome.cause) },
      );
    } finally {
      session.busy -= 1;
    }
  }

  async close(): Promise<void> {
    const slots = [...this.#slots.values()];
    this.#slots.clear();
    await Promise.all(slots.map(async ({ pending }) => this.#end(await pending.catch(() => undefined))));
  }

  /** A failed outcome drops its session: it must not be reused. */
  #outcome<T extends StatementOutcome>(session: Session, outcome: T): T {
    if (!outcome.ok) this.#drop(session);
    return outcome;
  }

  /** The open session for `database`, opening it if needed; `onAborted` builds the error for an abort meanwhile. */
  async #session(database: string, signal: AbortSignal | undefined, onAborted: () => Error): Promise<Session> {
    if (signal?.aborted) throw onAborted();
    let slot = this.#slots.get(database);
    if (slot?.session?.broken) {
      this.#drop(slot.session);
      slot = undefined;
    }
    if (!slot) {
      const opening = { pending: this.#open(database) } as { readonly pending: Promise<Session>; session?: Session };
      this.#slots.set(database, opening);
      opening.pending.then(
        (session) => {
          opening.session = session;
        },
        () => {
          if (this.#slots.get(database) === opening) this.#slots.delete(database);
        },
      );
      slot = opening;
    }
    return raceAbort(slot.pending, signal, onAborted);
  }

  async #open(database: string): Promise<Session> {
    const { Client } = await loadDriver();
    const options = this.#options;
    const password = await (this.#password ??= passwordOf(options));
    if (options.passwordFile !== undefined && password !== undefined) this.#redactor = this.#redactor.with([password]);
    const client = new Client({
      host: options.host,
      port: options.port,
      user: options.user,
      password: password ?? '',
      database,
      ssl: tlsSettings(options),
      connectionTimeoutMillis: options.connectTimeoutMs,
      application_name: options.applicationName,
      keepAlive: true,
    });
    const session: Session = { client, database, pid: undefined, broken: false, busy: 0, tail: Promise.resolve() };
    // An idle connection the server drops emits 'error' on the client: unhandled, it would crash the process.
    client.on('error', () => this.#drop(session));
    try {
      await client.connect();
    } catch (error) {
      client.end().catch(() => undefined);
      throw connectionError(error, { ...options, database }, this.#redactor);
    }
    session.pid = (client as unknown as { processID?: number | null }).processID ?? undefined;
    return session;
  }

  /** Runs one statement; on abort, cancels it on the server and reports how that went. */
  async #execute(
    session: Session,
    text: string,
    values: unknown[] | undefined,
    signal: AbortSignal | undefined,
  ): Promise<StatementOutcome & { rows?: unknown[] }> {
    // One query at a time per session (pg 9 drops its own queue): the next waits for this one to settle.
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
      return await this.#executeNow(session, text, values, signal);
    } finally {
      release();
    }
  }

  async #executeNow(
    session: Session,
    text: string,
    values: unknown[] | undefined,
    signal: AbortSignal | undefined,
  ): Promise<StatementOutcome & { rows?: unknown[] }> {
    // With values, the extended protocol: one statement only, as `query` promises.
    const config = values === undefined ? { text } : { text, values, queryMode: 'extended' };
    const settled: Promise<Settled> = session.client.query(config).then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    if (signal === undefined) return this.#settledOutcome(await settled);
    let stop = () => {};
    const aborted = new Promise<'aborted'>((resolve) => {
      stop = onAbort(signal, () => resolve('aborted'));
    });
    const first = await Promise.race([settled, aborted]);
    stop();
    if (first !== 'aborted') return this.#settledOutcome(first);

    session.broken = true;
    const cancelRequested = await this.#cancel(session);
    const wait = timeout(this.#options.cancelTimeoutMs);
    const after = await Promise.race([settled, wait.promise]);
    wait.clear();
    if (after === 'timeout')
      return { ok: false, kind: 'aborted', cancelRequested, cancelConfirmed: false, completed: false };
    if (after.ok) return { ok: false, kind: 'aborted', cancelRequested, cancelConfirmed: false, completed: true };
    const code = (after.error as { code?: unknown }).code;
    return { ok: false, kind: 'aborted', cancelRequested, cancelConfirmed: code === '57014', completed: false };
  }

  #settledOutcome(settled: Settled): StatementOutcome & { rows?: unknown[] } {
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

  /** Asks the server, from a second connection, to cancel what `session` runs. Resolves whether it was asked. */
  async #cancel(session: Session): Promise<boolean> {
    if (session.pid === undefined) return false;
    const wait = timeout(this.#options.cancelTimeoutMs);
    let canceller: Session | undefined;
    const attempt = (async () => {
      canceller = await this.#open(session.database);
      await canceller.client.query('SELECT pg_cancel_backend($1)', [session.pid]);
      return true;
    })().catch(() => false);
    const sent = await Promise.race([attempt, wait.promise]);
    wait.clear();
    // The canceller is closed whatever happened, once its attempt settles.
    void attempt.then(() => this.#end(canceller));
    return sent === true;
  }

  /** Forgets a session and closes it in the background. */
  #drop(session: Session): void {
    session.broken = true;
    if (this.#slots.get(session.database)?.session === session) this.#slots.delete(session.database);
    void this.#end(session);
  }

  /** Closes a session, within the cancel bound (`end` destroys the socket of a session with a query under way). */
  async #end(session: Session | undefined): Promise<void> {
    if (!session) return;
    const wait = timeout(this.#options.cancelTimeoutMs);
    await Promise.race([session.client.end().catch(() => undefined), wait.promise]);
    wait.clear();
  }

  /** Closes idle sessions to databases other than `database`, so none of them blocks a DROP DATABASE. */
  async #closeIdleExcept(database: string): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const [name, slot] of this.#slots) {
      if (name === database || !slot.session || slot.session.busy > 0) continue;
      this.#slots.delete(name);
      closing.push(this.#end(slot.session));
    }
    await Promise.all(closing);
  }
}

/**
 * Creates a runner that speaks Redshift's wire protocol (PostgreSQL's) with `node-postgres`, which is loaded
 * on first use. Nothing connects until the first call.
 *
 * @throws {@link ConfigurationError} for a missing host or user, a port out of range, an unknown `sslmode`,
 * or both `password` and `passwordFile`.
 *
 * @example
 * ```ts
 * const runner = createWireRunner({
 *   host: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
 *   user: 'admin',
 *   passwordFile: '/run/secrets/redshift',
 * });
 * try {
 *   await runner.runScript({ sql, database: 'dev', step: 'initial-create' }, { onStatement: console.log });
 * } finally {
 *   await runner.close();
 * }
 * ```
 */
export function createWireRunner(options: WireConnectionOptions): RedshiftRunner {
  return new WireRunner(options);
}
