import {
  RedshiftAbortedError,
  ScriptSyntaxError,
  StatementFailedError,
  StatementTimeoutError,
} from '../errors/redshift.js';
import { adviceFor, lostConnectionAdvice } from './advice.js';
import { causeSummary, type Redactor } from './redact.js';
import type { RunScriptOptions, ScriptInput, ScriptRunResult, StatementEvent, StatementRun } from './runner.js';
import { type SplitOptions, type SqlStatement, splitSqlScript } from './split.js';

/** @internal How one statement ended, as a runner's driver saw it. */
export type StatementOutcome =
  | { readonly ok: true; readonly rowCount: number | undefined }
  | {
      readonly ok: false;
      readonly kind: 'failed';
      readonly code: string | undefined;
      /** The server's message, raw: the loop redacts it. */
      readonly message: string;
      readonly connectionLost: boolean;
      readonly cause: unknown;
    }
  | {
      readonly ok: false;
      readonly kind: 'aborted';
      readonly cancelRequested: boolean;
      readonly cancelConfirmed: boolean;
      /** The statement finished before the cancel reached it: it ran. */
      readonly completed: boolean;
    }
  | { readonly ok: false; readonly kind: 'timeout'; readonly timeoutMs: number };

/** @internal Runs one statement in the script's database. Throws only `RedshiftConnectionError` (nothing ran). */
export type StatementExecutor = (statement: SqlStatement, signal: AbortSignal | undefined) => Promise<StatementOutcome>;

/** @internal The split statements of a script, or `ScriptSyntaxError` naming the step. */
export function statementsOf(script: ScriptInput, split: SplitOptions | undefined): SqlStatement[] {
  try {
    return splitSqlScript(script.sql, split);
  } catch (error) {
    if (error instanceof ScriptSyntaxError) {
      throw new ScriptSyntaxError({ line: error.line, construct: error.construct, step: script.step });
    }
    throw error;
  }
}

/**
 * @internal The loop both runners share: each statement on its own, in order, stopping at the first failure,
 * with events before and after each and every failure turned into the SDK's error for its place in the script.
 */
export async function runStatements(
  script: ScriptInput,
  statements: readonly SqlStatement[],
  execute: StatementExecutor,
  redactor: Redactor,
  options: RunScriptOptions = {},
): Promise<ScriptRunResult> {
  const { step, database } = script;
  const total = statements.length;
  const redact = redactor.with(options.secrets ?? []);
  const shown = (statement: SqlStatement) => redact.withSqlOf(statement.text).statement(statement.text);
  const emit = (statement: SqlStatement, phase: StatementEvent['phase'], extra: Partial<StatementEvent> = {}) => {
    if (!options.onStatement) return;
    const event: StatementEvent = {
      phase,
      step,
      database,
      index: statement.index,
      total,
      line: statement.line,
      text: shown(statement),
      ...extra,
    };
    try {
      options.onStatement(event);
    } catch {
      // A throwing listener must not change what the run does.
    }
  };
  const runs: StatementRun[] = [];
  for (const statement of statements) {
    if (options.signal?.aborted) {
      throw new RedshiftAbortedError({
        step,
        database,
        ran: runs.length,
        total,
        cancelRequested: false,
        cancelConfirmed: false,
      });
    }
    emit(statement, 'start');
    const started = performance.now();
    const outcome = await execute(statement, options.signal);
    const durationMs = performance.now() - started;
    if (outcome.ok) {
      runs.push({ index: statement.index, line: statement.line, rowCount: outcome.rowCount, durationMs });
      emit(statement, 'done', {
        durationMs,
        ...(outcome.rowCount === undefined ? {} : { rowCount: outcome.rowCount }),
      });
      continue;
    }
    emit(statement, 'failed', { durationMs });
    const place = { step, database, statementIndex: statement.index, line: statement.line, total };
    if (outcome.kind === 'aborted') {
      throw new RedshiftAbortedError({
        ...place,
        ran: runs.length + (outcome.completed ? 1 : 0),
        cancelRequested: outcome.cancelRequested,
        cancelConfirmed: outcome.cancelConfirmed,
      });
    }
    if (outcome.kind === 'timeout') {
      throw new StatementTimeoutError({
        step,
        database,
        statementIndex: statement.index,
        timeoutMs: outcome.timeoutMs,
      });
    }
    const serverMessage = redact.withSqlOf(statement.text).text(outcome.message);
    throw new StatementFailedError(
      {
        ...place,
        statement: shown(statement),
        code: outcome.code,
        serverMessage,
        connectionLost: outcome.connectionLost,
        advice: outcome.connectionLost ? lostConnectionAdvice(place) : adviceFor(place, outcome.code, outcome.message),
      },
      { cause: causeSummary(outcome.cause) },
    );
  }
  return { step, database, total, statements: runs };
}
