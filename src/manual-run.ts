/**
 * The manual workflows run end to end: each script fetched from Immuta, run in Redshift by a runner where it
 * belongs, then the request to Immuta, then the wait — stopping at the first failure with what to do next.
 */
import { isImmutaError, ManualRunError, type ManualRunStage } from './errors/index.js';
import type { Integration } from './model/integration.js';
import { databaseFor, type ScriptStep } from './model/script-steps.js';
import type { RedshiftIntegrationPayload } from './model/payload.js';
import type { WaitOptions } from './wait.js';
import { ALREADY_EXISTS } from './internal/sql-states.js';

/**
 * What runs a script in Redshift: statement by statement, in the database given. The runners of
 * `immuta-redshift/redshift` (`createWireRunner`, `createDataApiRunner`) are such; so is anything with this method.
 *
 * @group Manual setup
 */
export interface ScriptRunner {
  /** Runs `sql` in `database`, resolving once every statement ran, rejecting at the first that failed. */
  runScript(
    script: { sql: string; database: string; step: ScriptStep },
    options?: { signal?: AbortSignal },
  ): Promise<unknown>;
}

/**
 * One stage of a manual run, as it starts: for progress output.
 *
 * @group Manual setup
 */
export interface ManualRunEvent {
  /** The stage. */
  readonly stage: ManualRunStage;
  /** For a script: the database it runs in. */
  readonly database?: string;
}

/**
 * Options of a manual workflow's `run()`: the runner, where each script runs, and the wait's options.
 *
 * @group Manual setup
 */
export interface ManualRunOptions extends Omit<WaitOptions, 'until'> {
  /** Runs each script in Redshift: a runner from `immuta-redshift/redshift`, or your own. */
  redshift: ScriptRunner;
  /** Where a step's script runs, instead of `databaseFor`'s rule: e.g. `{ edit: 'dev' }`. */
  databases?: Partial<Record<ScriptStep, string>>;
  /** Called as each stage starts. */
  onStage?: (event: ManualRunEvent) => void;
}

/** @internal What a run does at each stage: fetch a script, make a request, wait. */
export interface RunPlan {
  /** The payload whose databases the scripts run in. */
  readonly payload:
    RedshiftIntegrationPayload | (() => Promise<{ config: { database: string; initialDatabase: string } }>);
  /** The scripts, in order, each fetched just before it runs. */
  readonly scripts: readonly { step: ScriptStep; fetch: (options: { signal?: AbortSignal }) => Promise<string> }[];
  /** The request to Immuta once the scripts ran; resolves with the integration's id. */
  readonly request: { stage: ManualRunStage; send: (options: { signal?: AbortSignal }) => Promise<string> };
  /** Waits for the outcome. */
  readonly wait: (id: string, options: Omit<WaitOptions, 'until'>) => Promise<Integration>;
  /** What to do next when a stage fails, given the integration's id once known. */
  readonly next: (stage: ManualRunStage, id: string | undefined, cause: unknown) => string;
}

/** @internal Runs a plan: each script where it belongs, the request, the wait; a `ManualRunError` at the first failure. */
export async function runManual(plan: RunPlan, options: ManualRunOptions): Promise<Integration> {
  const { redshift, databases = {}, onStage, ...waitOptions } = options;
  const signal = waitOptions.signal;
  const given = signal ? { signal } : {};
  let id: string | undefined;
  let stage: ManualRunStage = plan.scripts[0]?.step ?? plan.request.stage;
  try {
    const payload = typeof plan.payload === 'function' ? await plan.payload() : plan.payload;
    for (const { step, fetch } of plan.scripts) {
      stage = step;
      const database = databaseFor(step, payload, databases);
      onStage?.({ stage: step, database });
      const sql = await fetch(given);
      await redshift.runScript({ sql, database, step }, given);
    }
    stage = plan.request.stage;
    onStage?.({ stage });
    id = await plan.request.send(given);
    stage = 'wait';
    onStage?.({ stage });
    return await plan.wait(id, waitOptions);
  } catch (error) {
    throw new ManualRunError({ stoppedAt: stage, integrationId: id, next: plan.next(stage, id, error) }, error);
  }
}

/**
 * @internal Whether a script stopped because what it creates is there already (SQLSTATE 42P04 duplicate
 * database, 42P06 schema, 42710 object, 42723 function; the Data API reports no SQLSTATE, its wording tells):
 * left by an earlier run, which the cleanup script removes.
 */
export function leftByEarlierRun(cause: unknown): boolean {
  if (!isImmutaError(cause) || cause.name !== 'StatementFailedError') return false;
  const { code, serverMessage } = cause as unknown as { code?: unknown; serverMessage?: unknown };
  if (typeof code === 'string') return ALREADY_EXISTS.includes(code);
  return typeof serverMessage === 'string' && /already exists/i.test(serverMessage);
}

/**
 * @internal Whether a failed script step left Redshift as it was: nothing of the script took effect. Judged by
 * the SDK's errors' names and fields (not their classes, which the main entry's bundle need not carry): a
 * statement that failed first, an abort before or during the first statement that the server confirmed, a
 * connection that never opened, a missing driver, a script that did not parse, a script Immuta did not hand
 * out. Anything else — a statement that ran, a lost connection, your own runner's error — may have changed
 * something.
 */
export function tookNoEffect(cause: unknown): boolean {
  if (!isImmutaError(cause)) return false;
  const fields = cause as unknown as {
    ran?: unknown;
    connectionLost?: unknown;
    cancelRequested?: unknown;
    cancelConfirmed?: unknown;
  };
  switch (cause.name) {
    case 'StatementFailedError':
      return fields.ran === 0 && fields.connectionLost !== true;
    case 'RedshiftAbortedError':
      return fields.ran === 0 && (fields.cancelConfirmed === true || fields.cancelRequested !== true);
    case 'StatementTimeoutError':
      return false;
    default:
      return !('ran' in cause);
  }
}
