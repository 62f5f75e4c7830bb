import { ImmutaError } from './base.js';

/*
 * The errors of the cluster side (`immuta-redshift/redshift`): running Immuta's scripts and read queries in
 * Redshift. Every string in them has had `PASSWORD '…'` literals masked and the connection's password and
 * the caller's secrets scrubbed; a `cause` is a summary of the driver's error (its name and code), never the
 * driver's error itself, whose fields may hold the SQL that was sent.
 */

/**
 * Why a connection could not be made (or was lost).
 *
 * @group Errors
 */
export type RedshiftConnectionFailure =
  /** The server refused the user or password (SQLSTATE 28P01 or 28000). */
  | 'authentication'
  /** TLS failed: the server offers none, or its certificate did not verify. */
  | 'tls'
  /** Nothing listens on that host and port (`ECONNREFUSED`). */
  | 'refused'
  /** The host name does not resolve (`ENOTFOUND`, `EAI_AGAIN`). */
  | 'dns'
  /** No answer within the connect timeout. */
  | 'timeout'
  /** The database named does not exist (SQLSTATE 3D000). */
  | 'database'
  /** The server dropped the connection. */
  | 'lost'
  /** Anything else; `code` says more when known. */
  | 'other';

/**
 * A connection to Redshift (or its stand-in) could not be opened: wrong password (`reason: 'authentication'`,
 * `code: '28P01'`), TLS required but not offered or not verifiable (`'tls'`), connection refused, a host that
 * does not resolve, a connect timeout, or a database that does not exist. Nothing ran. The message says why
 * and what to check; `code` is the SQLSTATE or system code when there is one.
 *
 * @example
 * ```ts
 * try {
 *   await runner.runScript({ sql, database: 'dev', step: 'initial-create' });
 * } catch (error) {
 *   if (error instanceof RedshiftConnectionError && error.reason === 'authentication') askForPasswordAgain();
 * }
 * ```
 *
 * @group Errors
 */
export class RedshiftConnectionError extends ImmutaError {
  /** Always `'RedshiftConnectionError'`. */
  override get name(): string {
    return 'RedshiftConnectionError';
  }
  /** The host connected to (for the Data API: the cluster identifier or workgroup). */
  readonly host: string;
  /** The port, when the connection is a TCP one. */
  readonly port: number | undefined;
  /** The database the connection was for. */
  readonly database: string;
  /** Why it failed, as one word. */
  readonly reason: RedshiftConnectionFailure;
  /** The SQLSTATE (`28P01`) or system code (`ECONNREFUSED`) when known. */
  readonly code: string | undefined;

  constructor(
    details: {
      host: string;
      port?: number | undefined;
      database: string;
      reason: RedshiftConnectionFailure;
      code?: string | undefined;
      detail: string;
      advice: string;
    },
    options?: ErrorOptions,
  ) {
    const where = details.port === undefined ? details.host : `${details.host}:${details.port}`;
    const code = details.code ? ` [${details.code}]` : '';
    super(
      `Could not connect to ${where} (database "${details.database}")${code}: ${details.detail}. ${details.advice}`,
      options,
    );
    this.host = details.host;
    this.port = details.port;
    this.database = details.database;
    this.reason = details.reason;
    this.code = details.code;
  }
}

/**
 * Where in a script a statement stands.
 *
 * @group Errors
 */
export interface StatementPosition {
  /** The step the script belongs to (`initial-create`, `create`, `edit`, `delete`, `cleanup`) or a caller's label. */
  readonly step: string;
  /** The database it ran in. */
  readonly database: string;
  /** The statement's 1-based position in the script. */
  readonly statementIndex: number;
  /** The 1-based line of the script the statement starts on. */
  readonly line: number;
  /** How many statements the script holds. */
  readonly total: number;
}

/**
 * One statement of a script failed, so the runner stopped: the statements before it ran and took effect (each
 * ran on its own, in autocommit), the ones after it did not run. Says which statement (`statementIndex`,
 * `line`, its text with passwords masked), what Redshift answered (`code`, the SQLSTATE — undefined through
 * the Data API, which reports text only — and `serverMessage`), how many ran and how many did not, and what to
 * do next.
 *
 * When `connectionLost` is true the connection broke while the statement ran: whether it took effect is
 * unknown, so check before running it again.
 *
 * @example
 * ```ts
 * try {
 *   await runner.runScript({ sql, database: 'immuta', step: 'create' });
 * } catch (error) {
 *   if (error instanceof StatementFailedError) {
 *     console.error(`statement ${error.statementIndex} (line ${error.line}): ${error.code} ${error.serverMessage}`);
 *     console.error(`${error.ran} ran, ${error.notRun} did not`);
 *   }
 * }
 * ```
 *
 * @group Errors
 */
export class StatementFailedError extends ImmutaError {
  /** Always `'StatementFailedError'`. */
  override get name(): string {
    return 'StatementFailedError';
  }
  /** The step of the script. */
  readonly step: string;
  /** The database it ran in. */
  readonly database: string;
  /** The failed statement's 1-based position. */
  readonly statementIndex: number;
  /** The line the failed statement starts on. */
  readonly line: number;
  /** The failed statement, passwords masked, cut to a readable length. */
  readonly statement: string;
  /** Redshift's SQLSTATE (`42P04`), when the protocol carries one. */
  readonly code: string | undefined;
  /** What Redshift said, scrubbed of secrets. */
  readonly serverMessage: string;
  /** How many statements ran and took effect before this one. */
  readonly ran: number;
  /** How many statements did not run: this one (unless its outcome is unknown) and all after it. */
  readonly notRun: number;
  /** How many statements the script holds. */
  readonly total: number;
  /** The connection broke while the statement ran: it may or may not have taken effect. */
  readonly connectionLost: boolean;
  /** What to do next, in words. */
  readonly advice: string;

  constructor(
    details: StatementPosition & {
      statement: string;
      code?: string | undefined;
      serverMessage: string;
      connectionLost?: boolean;
      advice: string;
    },
    options?: ErrorOptions,
  ) {
    const lost = details.connectionLost ?? false;
    const ran = details.statementIndex - 1;
    const after = details.total - details.statementIndex;
    const code = details.code ? ` [${details.code}]` : '';
    const before =
      ran === 0
        ? 'No statement ran before it'
        : ran === 1
          ? 'Statement 1 ran and took effect'
          : `Statements 1–${ran} ran and took effect`;
    const self = lost
      ? `whether statement ${details.statementIndex} took effect is unknown, and the ${after} after it did not run`
      : `statement ${details.statementIndex}${after > 0 ? ` and the ${after} after it` : ''} did not run`;
    super(
      `The ${details.step} script ${lost ? 'lost its connection' : 'failed'} at statement ${details.statementIndex} of ${details.total} ` +
        `(line ${details.line}) in database "${details.database}"${code}: ${details.serverMessage}. ${before}; ${self}. ${details.advice}`,
      options,
    );
    this.step = details.step;
    this.database = details.database;
    this.statementIndex = details.statementIndex;
    this.line = details.line;
    this.statement = details.statement;
    this.code = details.code;
    this.serverMessage = details.serverMessage;
    this.ran = ran;
    this.notRun = lost ? after : after + 1;
    this.total = details.total;
    this.connectionLost = lost;
    this.advice = details.advice;
  }
}

/**
 * A read query (of `preflight`, `verifySetup` or your own `runner.query`) failed. `code` is the SQLSTATE when
 * known; the message holds what the server said, scrubbed.
 *
 * @group Errors
 */
export class QueryFailedError extends ImmutaError {
  /** Always `'QueryFailedError'`. */
  override get name(): string {
    return 'QueryFailedError';
  }
  /** The database the query ran in. */
  readonly database: string;
  /** The SQLSTATE, when the protocol carries one. */
  readonly code: string | undefined;
  /** What the server said, scrubbed of secrets. */
  readonly serverMessage: string;

  constructor(details: { database: string; code?: string | undefined; serverMessage: string }, options?: ErrorOptions) {
    const code = details.code ? ` [${details.code}]` : '';
    super(`A query in database "${details.database}" failed${code}: ${details.serverMessage}`, options);
    this.database = details.database;
    this.code = details.code;
    this.serverMessage = details.serverMessage;
  }
}

/**
 * The caller's `AbortSignal` fired. The runner asked the server to cancel the statement under way
 * (`cancelRequested`) and, where it could tell, whether the server confirmed (`cancelConfirmed`). Nothing
 * after it was sent. `ran` counts the statements that completed before the abort.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 60_000);
 * try {
 *   await runner.runScript({ sql, database: 'immuta', step: 'create' }, { signal: controller.signal });
 * } catch (error) {
 *   if (error instanceof RedshiftAbortedError) console.error(`stopped after ${error.ran} statements`);
 * }
 * ```
 *
 * @group Errors
 */
export class RedshiftAbortedError extends ImmutaError {
  /** Always `'RedshiftAbortedError'`. */
  override get name(): string {
    return 'RedshiftAbortedError';
  }
  /** The step of the script, when a script was running. */
  readonly step: string | undefined;
  /** The database. */
  readonly database: string;
  /** The statement under way when the signal fired, if any. */
  readonly statementIndex: number | undefined;
  /** How many statements completed before the abort. */
  readonly ran: number;
  /** Whether a cancel request was sent for a statement under way. */
  readonly cancelRequested: boolean;
  /** Whether the server confirmed the statement stopped (it answered "canceled" or reported it aborted). */
  readonly cancelConfirmed: boolean;

  constructor(details: {
    step?: string | undefined;
    database: string;
    statementIndex?: number | undefined;
    total?: number | undefined;
    ran: number;
    cancelRequested: boolean;
    cancelConfirmed: boolean;
  }) {
    const what = details.step ? `The ${details.step} script` : 'The query';
    const during =
      details.statementIndex === undefined
        ? ''
        : ` during statement ${details.statementIndex}${details.total === undefined ? '' : ` of ${details.total}`}`;
    const cancel = !details.cancelRequested
      ? 'no statement was running'
      : details.cancelConfirmed
        ? 'the server cancelled the statement under way'
        : 'a cancel request was sent for the statement under way, unconfirmed';
    super(
      `${what} in database "${details.database}" was aborted${during}: ${cancel}; ${details.ran} statement(s) had completed and nothing more was sent`,
    );
    this.step = details.step;
    this.database = details.database;
    this.statementIndex = details.statementIndex;
    this.ran = details.ran;
    this.cancelRequested = details.cancelRequested;
    this.cancelConfirmed = details.cancelConfirmed;
  }
}

/**
 * A statement sent through the Redshift Data API did not finish within the runner's `timeoutMs`. The runner
 * sent `CancelStatement` for it and stopped: like a failure, the statements before it ran, the ones after it
 * did not.
 *
 * @group Errors
 */
export class StatementTimeoutError extends ImmutaError {
  /** Always `'StatementTimeoutError'`. */
  override get name(): string {
    return 'StatementTimeoutError';
  }
  /** The step of the script, or undefined for a read query. */
  readonly step: string | undefined;
  /** The database. */
  readonly database: string;
  /** The statement that did not finish (1-based), for a script. */
  readonly statementIndex: number | undefined;
  /** The time allowed for one statement, in milliseconds. */
  readonly timeoutMs: number;

  constructor(details: {
    step?: string | undefined;
    database: string;
    statementIndex?: number | undefined;
    timeoutMs: number;
  }) {
    const what = details.step ? `Statement ${details.statementIndex ?? '?'} of the ${details.step} script` : 'A query';
    super(
      `${what} in database "${details.database}" did not finish within ${details.timeoutMs} ms; CancelStatement was sent and nothing more was run`,
    );
    this.step = details.step;
    this.database = details.database;
    this.statementIndex = details.statementIndex;
    this.timeoutMs = details.timeoutMs;
  }
}

/**
 * A script was refused before anything ran: a quote, quoted identifier, dollar-quoted body or block comment
 * opens on `line` and is never closed, so where its statements end cannot be told.
 *
 * @group Errors
 */
export class ScriptSyntaxError extends ImmutaError {
  /** Always `'ScriptSyntaxError'`. */
  override get name(): string {
    return 'ScriptSyntaxError';
  }
  /** The line the unclosed construct opens on. */
  readonly line: number;
  /** What is left open: `string`, `escape-string`, `quoted-identifier`, `dollar-quoted` or `block-comment`. */
  readonly construct: string;

  constructor(details: { line: number; construct: string; step?: string | undefined }) {
    const what = details.step ? `The ${details.step} script` : 'The script';
    super(
      `${what} was refused before anything ran: a ${details.construct.replace('-', ' ')} opened on line ${details.line} is never closed`,
    );
    this.line = details.line;
    this.construct = details.construct;
  }
}
