import { QueryFailedError, RedshiftAbortedError } from '../errors/redshift.js';
import { raceAbort } from '../internal/abort.js';
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
import {
  passwordOf,
  type ResolvedWireOptions,
  resolveWireOptions,
  type WireConnectionOptions,
} from './wire-options.js';
import { endSession, execute, openSession, type Session, type SessionContext } from './wire-session.js';

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
    // PGPASSWORD is what pg falls back to without a password: hidden too.
    this.#redactor = new Redactor([options.password, process.env.PGPASSWORD, ...(options.secrets ?? [])]);
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
          this.#outcome(session, await execute(session, statement.text, undefined, signal, this.#context)),
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
      const outcome = this.#outcome(session, await execute(session, sql, [...params], options.signal, this.#context));
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

  /** Opens a session to `database` (reading the password file once). */
  async #open(database: string): Promise<Session> {
    const options = this.#options;
    const password = await (this.#password ??= passwordOf(options));
    if (options.passwordFile !== undefined && password !== undefined) this.#redactor = this.#redactor.with([password]);
    return openSession(options, database, password, this.#redactor, (session) => this.#drop(session));
  }

  /** What running a statement needs: the cancel bound, and a way to open the cancelling connection. */
  get #context(): SessionContext {
    return { cancelTimeoutMs: this.#options.cancelTimeoutMs, open: (database) => this.#open(database) };
  }

  #end(session: Session | undefined): Promise<void> {
    return endSession(session, this.#options.cancelTimeoutMs);
  }

  /** Forgets a session and closes it in the background. */
  #drop(session: Session): void {
    session.broken = true;
    if (this.#slots.get(session.database)?.session === session) this.#slots.delete(session.database);
    void this.#end(session);
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
 *
 * @group Runners
 */
export function createWireRunner(options: WireConnectionOptions): RedshiftRunner {
  return new WireRunner(options);
}
