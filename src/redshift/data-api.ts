import type * as RedshiftData from '@aws-sdk/client-redshift-data';
import { QueryFailedError, RedshiftAbortedError, StatementTimeoutError } from '../errors/redshift.js';
import { awsClientConfig, awsConnectionFailure, awsFailureText, awsSecrets } from '../aws.js';
import { checkDataApiOptions, dataApiConnectionError, type DataApiRunnerOptions } from './data-api-options.js';
import { systemClock } from '../internal/clock.js';
import type { Clock } from '../options.js';
import { loadOptional } from '../internal/optional-package.js';
import { toNamedParameters } from './parameters.js';
import { poll } from './poll.js';
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
import { rowsOf } from './data-api-rows.js';

type Sdk = typeof RedshiftData;
type Api = { readonly sdk: Sdk; readonly client: InstanceType<Sdk['RedshiftDataClient']> };
type Described = RedshiftData.DescribeStatementCommandOutput;

const PACKAGE = '@aws-sdk/client-redshift-data';
const FINAL = new Set(['FINISHED', 'FAILED', 'ABORTED']);

/**
 * The Data API runner: each statement is one `ExecuteStatement` (the API takes exactly one statement) with
 * `Database` set per call, then `DescribeStatement` is polled on the injectable clock until it is FINISHED,
 * FAILED or ABORTED. Each statement commits on success, like autocommit. On abort or timeout the runner sends
 * `CancelStatement` and reports what the statement's final status was.
 *
 * Each statement runs in a session of its own: a `SET` in a script does not carry over to the next statement.
 * The Data API reports failures as text only, so `StatementFailedError.code` is undefined here.
 */
class DataApiRunner implements RedshiftRunner {
  readonly kind = 'data-api' as const;
  readonly #options: DataApiRunnerOptions;
  readonly #redactor: Redactor;
  readonly #clock: Clock;
  readonly #cancelTimeoutMs: number;
  #api: Promise<Api> | undefined;

  constructor(options: DataApiRunnerOptions) {
    checkDataApiOptions(options);
    this.#options = options;
    this.#redactor = new Redactor([...awsSecrets(options), ...(options.secrets ?? [])]);
    this.#clock = options.clock ?? systemClock;
    this.#cancelTimeoutMs = options.cancelTimeoutMs ?? 5_000;
  }

  async runScript(script: ScriptInput, options: RunScriptOptions = {}): Promise<ScriptRunResult> {
    const statements = statementsOf(script, this.#options.split);
    const { step, database } = script;
    if (statements.length === 0) return { step, database, total: 0, statements: [] };
    const api = await this.#load();
    return runStatements(
      script,
      statements,
      async (statement, signal) =>
        this.#run(api, database, statement.text, [], signal, {
          first: statement.index === 1,
          name: `immuta-redshift ${step} ${statement.index}/${statements.length}`,
        }),
      this.#redactor,
      options,
    );
  }

  async query<Row extends Record<string, unknown> = Record<string, unknown>>(
    database: string,
    sql: string,
    params: readonly QueryParameter[] = [],
    options: QueryOptions = {},
  ): Promise<QueryResult<Row>> {
    const api = await this.#load();
    const outcome = await this.#run(api, database, sql, params, options.signal, {
      first: true,
      name: 'immuta-redshift query',
    });
    if (outcome.ok) return { rows: outcome.hasResultSet ? ((await this.#rows(api, outcome.id)) as Row[]) : [] };
    if (outcome.kind === 'aborted') {
      throw new RedshiftAbortedError({
        database,
        ran: 0,
        cancelRequested: outcome.cancelRequested,
        cancelConfirmed: outcome.cancelConfirmed,
      });
    }
    if (outcome.kind === 'timeout') throw new StatementTimeoutError({ database, timeoutMs: outcome.timeoutMs });
    throw new QueryFailedError(
      { database, code: outcome.code, serverMessage: this.#redactor.withSqlOf(sql).text(outcome.message) },
      { cause: causeSummary(outcome.cause) },
    );
  }

  async close(): Promise<void> {
    const api = this.#api;
    this.#api = undefined;
    if (api) (await api.catch(() => undefined))?.client.destroy();
  }

  /** The SDK module and a client, made once. */
  #load(): Promise<Api> {
    this.#api ??= (async () => {
      const load = this.#options.loadSdk ?? (() => import('@aws-sdk/client-redshift-data'));
      const sdk = await loadOptional<Sdk>(PACKAGE, 'The Redshift Data API runner', load);
      return { sdk, client: new sdk.RedshiftDataClient(awsClientConfig(this.#options)) };
    })();
    const loading = this.#api;
    loading.catch(() => {
      if (this.#api === loading) this.#api = undefined;
    });
    return loading;
  }

  /** Who runs the statement, where. */
  #target(): Pick<RedshiftData.ExecuteStatementInput, 'ClusterIdentifier' | 'WorkgroupName' | 'SecretArn' | 'DbUser'> {
    const { clusterIdentifier, workgroupName, secretArn, dbUser } = this.#options;
    return {
      ...(clusterIdentifier === undefined ? {} : { ClusterIdentifier: clusterIdentifier }),
      ...(workgroupName === undefined ? {} : { WorkgroupName: workgroupName }),
      ...(secretArn === undefined ? {} : { SecretArn: secretArn }),
      ...(dbUser === undefined ? {} : { DbUser: dbUser }),
    };
  }

  /** Runs one statement to its end (or cancels it); resolves how it ended. */
  async #run(
    api: Api,
    database: string,
    sql: string,
    params: readonly QueryParameter[],
    signal: AbortSignal | undefined,
    context: { first: boolean; name: string },
  ): Promise<StatementOutcome & { id?: string; hasResultSet?: boolean }> {
    const { sdk, client } = api;
    const named = toNamedParameters(sql, params);
    let id: string;
    try {
      const started = await client.send(
        new sdk.ExecuteStatementCommand({
          ...this.#target(),
          Database: database,
          Sql: named.sql,
          StatementName: context.name,
          ...(named.parameters.length === 0 ? {} : { Parameters: named.parameters }),
        }),
        { abortSignal: signal },
      );
      if (started.Id === undefined) throw new Error('ExecuteStatement returned no Id');
      id = started.Id;
    } catch (error) {
      if (signal?.aborted)
        return { ok: false, kind: 'aborted', cancelRequested: false, cancelConfirmed: false, completed: false };
      const reason = awsConnectionFailure(error);
      if (reason !== undefined && context.first)
        throw dataApiConnectionError(error, reason, database, this.#options, this.#redactor);
      return this.#failed(error, reason !== undefined);
    }

    let ended;
    try {
      ended = await poll<Described>(
        async () => {
          const described = await client.send(new sdk.DescribeStatementCommand({ Id: id }), { abortSignal: signal });
          return FINAL.has(described.Status ?? '') ? described : undefined;
        },
        this.#clock,
        this.#options.poll,
        signal,
      );
    } catch (error) {
      // The statement was submitted: without its status, whether it took effect is unknown.
      return this.#failed(error, true);
    }
    if (ended.state === 'aborted') {
      const cancel = await this.#cancel(api, id);
      return {
        ok: false,
        kind: 'aborted',
        cancelRequested: cancel.requested,
        cancelConfirmed: cancel.status === 'ABORTED',
        completed: cancel.status === 'FINISHED',
      };
    }
    if (ended.state === 'timeout') {
      await this.#cancel(api, id);
      return { ok: false, kind: 'timeout', timeoutMs: this.#options.poll?.timeoutMs ?? 15 * 60_000 };
    }
    const described = ended.value;
    if (described.Status === 'FINISHED') {
      const rows = described.ResultRows;
      return {
        ok: true,
        rowCount: rows !== undefined && rows >= 0 ? rows : undefined,
        id,
        hasResultSet: described.HasResultSet === true,
      };
    }
    const message =
      described.Status === 'ABORTED'
        ? 'the statement was aborted outside this runner (a CancelStatement from elsewhere, or the cluster)'
        : (described.Error ?? 'the statement failed and the Data API gave no reason').replace(/^ERROR:\s*/, '');
    return {
      ok: false,
      kind: 'failed',
      code: undefined,
      message,
      connectionLost: false,
      cause: { name: `Statement${described.Status ?? ''}` },
    };
  }

  /** Sends CancelStatement, then reads the statement's final status; both within the cancel bound. */
  async #cancel({ sdk, client }: Api, id: string): Promise<{ requested: boolean; status: string | undefined }> {
    const bound = AbortSignal.timeout(this.#cancelTimeoutMs);
    let requested = false;
    try {
      await client.send(new sdk.CancelStatementCommand({ Id: id }), { abortSignal: bound });
      requested = true;
    } catch {
      // Too late (it finished) or unreachable: the status read below tells which.
    }
    try {
      const settled = await poll<Described>(
        async () => {
          const described = await client.send(new sdk.DescribeStatementCommand({ Id: id }), { abortSignal: bound });
          return FINAL.has(described.Status ?? '') ? described : undefined;
        },
        this.#clock,
        { ...this.#options.poll, timeoutMs: this.#cancelTimeoutMs },
        bound,
      );
      return { requested, status: settled.state === 'done' ? settled.value.Status : undefined };
    } catch {
      return { requested, status: undefined };
    }
  }

  /** Every page of a finished query's result, as objects keyed by column name. */
  async #rows({ sdk, client }: Api, id: string | undefined): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new sdk.GetStatementResultCommand({ Id: id, ...(token ? { NextToken: token } : {}) }),
      );
      rows.push(...rowsOf(page.ColumnMetadata ?? [], page.Records ?? []));
      token = page.NextToken;
    } while (token);
    return rows;
  }

  #failed(error: unknown, connectionLost: boolean): StatementOutcome {
    const { name, message } = awsFailureText(error);
    return { ok: false, kind: 'failed', code: undefined, message: `${name}: ${message}`, connectionLost, cause: error };
  }
}

/**
 * Creates a runner on the Redshift Data API (HTTPS, no network path to the cluster needed), with
 * `@aws-sdk/client-redshift-data` — an optional peer dependency, loaded on first use.
 *
 * @throws {@link ConfigurationError} unless exactly one of `clusterIdentifier` / `workgroupName` is given, or
 * for both `secretArn` and `dbUser`.
 * @throws {@link OptionalPackageMissingError} (from the first call) when `@aws-sdk/client-redshift-data` is not
 * installed: `npm install @aws-sdk/client-redshift-data`.
 *
 * @example
 * ```ts
 * const runner = createDataApiRunner({
 *   clusterIdentifier: 'examplecluster',
 *   secretArn: 'arn:aws:secretsmanager:us-west-2:123456789012:secret:redshift-admin',
 *   region: 'us-west-2',
 * });
 * await runner.runScript({ sql, database: databaseFor('create', payload), step: 'create' });
 * await runner.close();
 * ```
 *
 * @group Runners
 */
export function createDataApiRunner(options: DataApiRunnerOptions): RedshiftRunner {
  return new DataApiRunner(options);
}
