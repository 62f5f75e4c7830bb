import { ConfigurationError, ImmutaError } from '../errors/index.js';
import { count, isSignal } from '../internal/check.js';
import type { Integration } from '../model/integration.js';
import { resolveWaitOptions, type WaitOptions } from '../wait.js';
import { runItem } from './item.js';
import { basisOf, type Plan, type PlanAction, type PlanItem } from './plan.js';
import type { ConfigPort } from './port.js';
import type { RunScriptRequest, ScriptStep, ScriptToRun } from './steps.js';

export type { RunScriptRequest, ScriptStep, ScriptToRun };

/** How one item of an apply ended. */
export type ApplyOutcome = 'done' | 'failed' | 'skipped';

/** One entry's result. */
export interface ApplyItemResult {
  /** The entry's name. */
  readonly name: string;
  /** What the plan said to do. */
  readonly action: Exclude<PlanAction, 'unmanaged'>;
  /** `done`: the integration is as the entry says. `failed`: see `error`. `skipped`: see `reason` (and `scripts`). */
  readonly outcome: ApplyOutcome;
  /** The integration's id, once known. */
  readonly id?: string;
  /** The integration as last read, credentials masked. */
  readonly integration?: Integration;
  /** Why the item failed; an {@link ImmutaError}, scrubbed like every error of the SDK. */
  readonly error?: ImmutaError;
  /** A manual entry's scripts, to run by hand (then apply again with `scriptsRan`); or a failed setup's cleanup. */
  readonly scripts?: readonly ScriptToRun[];
  /** Why it was skipped, or what to do next. */
  readonly reason?: string;
}

/** What `client.apply` did, one result per entry (file order). */
export interface ApplyResult {
  /** One result per entry, in file order (unmanaged integrations are not among them). */
  readonly items: readonly ApplyItemResult[];
  /** No item failed (some may have been skipped, waiting for their scripts). */
  readonly ok: boolean;
}

/** An item started: apply is about to read it again and act. */
export interface ApplyStartEvent {
  /** `'start'`. */
  readonly type: 'start';
  /** The entry's name. */
  readonly name: string;
  /** What apply does with it. */
  readonly action: PlanAction;
  /** The integration's id, when it exists. */
  readonly id?: string;
}

/** An item's integration reached a new status while apply waited for it. */
export interface ApplyStatusEvent {
  /** `'status'`. */
  readonly type: 'status';
  /** The entry's name. */
  readonly name: string;
  /** The integration's id. */
  readonly id: string;
  /** Its new status. */
  readonly status: string;
}

/** A manual entry's script was generated, and run by `runScript` (or kept for you to run). */
export interface ApplyScriptEvent {
  /** `'script'`. */
  readonly type: 'script';
  /** The entry's name. */
  readonly name: string;
  /** Which script. */
  readonly step: ScriptStep;
  /** Whether `runScript` ran it (false: it is in the item's `scripts`, to run by hand). */
  readonly ran: boolean;
}

/** An item ended. */
export interface ApplyEndEvent {
  /** `'end'`. */
  readonly type: 'end';
  /** The entry's name. */
  readonly name: string;
  /** What apply did with it. */
  readonly action: PlanAction;
  /** How it ended. */
  readonly outcome: ApplyOutcome;
  /** The integration's id, when known. */
  readonly id?: string;
}

/** What happens during an apply, for progress output: items start, change status, run scripts and end. */
export type ApplyEvent = ApplyStartEvent | ApplyStatusEvent | ApplyScriptEvent | ApplyEndEvent;

/** Options of `client.apply`. */
export interface ApplyOptions {
  /** How many items run at once. Default 4, from 1 to 64. */
  concurrency?: number;
  /** Cancels the apply: requests stop, items not yet started are `skipped`. */
  signal?: AbortSignal;
  /** Called as items start, change status, run scripts and end. An error it throws is logged and ignored. */
  onEvent?: (event: ApplyEvent) => void;
  /**
   * Runs a manual entry's script where it belongs, e.g. with a Redshift driver; apply goes on once it
   * resolves. Without it, manual items are `skipped` with their scripts in the result.
   */
  runScript?: (script: RunScriptRequest) => Promise<void> | void;
  /** Entries whose scripts you ran by hand after an apply skipped them: apply finishes them. */
  scriptsRan?: readonly string[];
  /** Stop starting items after the first failure (those left are `skipped`). Default false. */
  failFast?: boolean;
  /** When given a desired state rather than a plan: plan with this (see `PlanOptions`). */
  rotateCredentials?: boolean;
  /** The waits for each item: `timeoutMs` (default 15 minutes each), `minDelayMs`, `maxDelayMs`. */
  wait?: Omit<WaitOptions, 'until' | 'signal' | 'onPoll'>;
}

function checkOptions(options: ApplyOptions) {
  if (typeof options !== 'object')
    throw new ConfigurationError('apply options must be an object', { option: 'options' });
  if (options.signal !== undefined && !isSignal(options.signal)) {
    throw new ConfigurationError('signal must be an AbortSignal', { option: 'signal' });
  }
  for (const name of ['onEvent', 'runScript'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new ConfigurationError(`${name} must be a function`, { option: name });
    }
  }
  const scriptsRan = options.scriptsRan ?? [];
  if (!Array.isArray(scriptsRan) || !scriptsRan.every((name) => typeof name === 'string')) {
    throw new ConfigurationError('scriptsRan must be a list of entry names', { option: 'scriptsRan' });
  }
  resolveWaitOptions(options.wait); // a bad wait option fails before anything is sent
  return { concurrency: count('concurrency', options.concurrency, 4, 1, 64), scriptsRan: new Set(scriptsRan) };
}

/** @internal `client.apply`. */
export async function applyPlan(port: ConfigPort, plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const basis = basisOf(plan);
  if (!basis) throw new ConfigurationError('expected a Plan from client.plan, or a DesiredState', { option: 'plan' });
  const { concurrency, scriptsRan } = checkOptions(options);
  for (const name of scriptsRan) {
    if (!basis.entries.has(name))
      throw new ConfigurationError(
        `scriptsRan names ${JSON.stringify(name.slice(0, 100))}, which is no entry of the plan`,
        { option: 'scriptsRan' },
      );
  }
  const emit = (event: ApplyEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      port.log.warn('onEvent threw; apply goes on', {});
    }
  };
  const items = plan.items.filter((item) => item.action !== 'unmanaged');
  const results: ApplyItemResult[] = new Array(items.length);
  let next = 0;
  let stopped = false;

  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index] as PlanItem & { action: ApplyItemResult['action'] };
      if (stopped || options.signal?.aborted) {
        const reason = options.signal?.aborted ? 'interrupted before it started' : 'failFast: an earlier item failed';
        results[index] = {
          name: item.name,
          action: item.action,
          outcome: 'skipped',
          reason,
          ...(item.id !== undefined && { id: item.id }),
        };
        emit({ type: 'end', name: item.name, action: item.action, outcome: 'skipped' });
        continue;
      }
      // runItem turns every failure into a failed result; anything that still escapes does too, so no worker
      // goes on sending after apply has settled.
      const result = await runItem(port, basis, item, { ...options, scriptsRan }, emit).catch(
        (error: unknown): ApplyItemResult => ({
          name: item.name,
          action: item.action,
          outcome: 'failed',
          error: new ImmutaError(`${item.name}: unexpected failure; its error is the cause`, { cause: error }),
        }),
      );
      results[index] = result;
      emit({
        type: 'end',
        name: item.name,
        action: item.action,
        outcome: result.outcome,
        ...(result.id !== undefined && { id: result.id }),
      });
      if (result.outcome === 'failed' && options.failFast) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return { items: results, ok: results.every((result) => result.outcome !== 'failed') };
}
