import type { SplitOptions } from './split.js';
import type { ScriptStep } from '../model/script-steps.js';

/**
 * One of Immuta's scripts, and where to run it.
 *
 * @group Running scripts
 */
export interface ScriptInput {
  /** The script as Immuta returned it: one or more statements. */
  readonly sql: string;
  /** The database to run it in: see {@link databaseFor}. */
  readonly database: string;
  /** Which script it is (or any label of yours): it names the script in errors and events. */
  readonly step: ScriptStep | (string & {});
}

/**
 * What a runner reports about each statement as it goes. Its `text` has secrets masked.
 *
 * @group Running scripts
 */
export interface StatementEvent {
  /** `start` before it is sent, `done` when it succeeded, `failed` when it did not (the run then stops). */
  readonly phase: 'start' | 'done' | 'failed';
  /** The script's step. */
  readonly step: string;
  /** The database it runs in. */
  readonly database: string;
  /** Its 1-based position in the script. */
  readonly index: number;
  /** How many statements the script holds. */
  readonly total: number;
  /** The line it starts on. */
  readonly line: number;
  /** The statement, `PASSWORD '…'` literals masked and the known secrets scrubbed, cut to a readable length. */
  readonly text: string;
  /** For `done` and `failed`: how long it took, in milliseconds. */
  readonly durationMs?: number;
  /** For `done`: the rows it touched or returned, when the server says. */
  readonly rowCount?: number;
}

/**
 * Per-run options of {@link RedshiftRunner.runScript}.
 *
 * @group Running scripts
 */
export interface RunScriptOptions {
  /** Stops the run: the statement under way is cancelled on the server and the run rejects with `RedshiftAbortedError`. */
  readonly signal?: AbortSignal;
  /** Called before and after each statement. An exception thrown by it is ignored. */
  readonly onStatement?: (event: StatementEvent) => void;
  /** More secrets to hide in errors and events (the runner already hides its password and `PASSWORD '…'` literals). */
  readonly secrets?: readonly string[];
}

/**
 * One statement that ran.
 *
 * @group Running scripts
 */
export interface StatementRun {
  /** Its 1-based position. */
  readonly index: number;
  /** The line it starts on. */
  readonly line: number;
  /** The rows it touched or returned, when the server says. */
  readonly rowCount: number | undefined;
  /** How long it took, in milliseconds. */
  readonly durationMs: number;
}

/**
 * What a script run did: every statement ran, in order. (A failure rejects instead.)
 *
 * @group Running scripts
 */
export interface ScriptRunResult {
  /** The script's step. */
  readonly step: string;
  /** The database it ran in. */
  readonly database: string;
  /** How many statements the script held, and ran. */
  readonly total: number;
  /** Each statement, in order. */
  readonly statements: readonly StatementRun[];
}

/**
 * A value for a `$1`, `$2`, … placeholder of {@link RedshiftRunner.query}.
 *
 * @group Runners
 */
export type QueryParameter = string | number | boolean | null;

/**
 * The rows a read query returned, as objects keyed by column name.
 *
 * @group Runners
 */
export interface QueryResult<Row> {
  /** The rows, in the order returned. */
  readonly rows: Row[];
}

/**
 * Options of {@link RedshiftRunner.query}.
 *
 * @group Runners
 */
export interface QueryOptions {
  /** Cancels the query (on the server too); it then rejects with `RedshiftAbortedError`. */
  readonly signal?: AbortSignal;
}

/**
 * Runs Immuta's scripts and read queries in Redshift: the one interface of the wire-protocol runner
 * ({@link createWireRunner}) and the Data API runner ({@link createDataApiRunner}).
 *
 * @example
 * ```ts
 * const runner = createWireRunner({ host, user, password });
 * try {
 *   const sql = await client.scripts.initialCreate(payload);
 *   await runner.runScript({ sql, database: databaseFor('initial-create', payload), step: 'initial-create' });
 * } finally {
 *   await runner.close();
 * }
 * ```
 *
 * @group Runners
 */
export interface RedshiftRunner {
  /** Which kind of runner this is. */
  readonly kind: 'wire' | 'data-api';

  /**
   * Runs one script in `database`: splits it into statements ({@link splitSqlScript}) and runs each **on its
   * own, in autocommit** — never the whole string at once, since `CREATE DATABASE` and `DROP DATABASE` cannot
   * run inside a transaction. Stops at the first failure.
   *
   * @throws {@link ScriptSyntaxError} before anything runs, when a quote or comment is never closed.
   * @throws {@link RedshiftConnectionError} when no connection could be made (nothing ran).
   * @throws {@link StatementFailedError} when a statement failed: what ran, what did not, the SQLSTATE, what to do.
   * @throws {@link RedshiftAbortedError} when `signal` fired.
   * @throws {@link StatementTimeoutError} (Data API) when a statement did not finish in time.
   */
  runScript(script: ScriptInput, options?: RunScriptOptions): Promise<ScriptRunResult>;

  /**
   * Runs one read query in `database`, with `$1`, `$2`, … placeholders bound to `params`, and returns its rows.
   * For checks (`preflight`, `verifySetup`) and your own look-ups; one statement only.
   *
   * @throws {@link RedshiftConnectionError}, {@link QueryFailedError}, {@link RedshiftAbortedError}.
   */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    database: string,
    sql: string,
    params?: readonly QueryParameter[],
    options?: QueryOptions,
  ): Promise<QueryResult<Row>>;

  /** Closes every connection the runner opened (or the API client). Safe to call twice. */
  close(): Promise<void>;
}

/**
 * What `preflight` and `verifySetup` need of a runner: read queries only.
 *
 * @group Runners
 */
export type QueryRunner = Pick<RedshiftRunner, 'query'>;

/**
 * Options both runners take.
 *
 * @group Runners
 */
export interface RunnerCommonOptions {
  /** Secrets to hide in every error and event, besides the runner's own password. */
  readonly secrets?: readonly string[];
  /** How scripts are split: see {@link SplitOptions}. */
  readonly split?: SplitOptions;
}
