import {
  ConfigurationError,
  ImmutaError,
  PayloadValidationError,
  PlanStaleError,
  type RedshiftIntegrationClient,
  type RedshiftIntegrationPayload,
  type ValidationIssue,
} from '../index.js';
import { count, isSignal } from '../internal/check.js';
import { secretValuesOf } from '../model/credential-fields.js';
import { resolveWaitOptions } from '../wait.js';
import { type ActionItem, runItem } from './apply-item.js';
import { basisOf, digest, loadedState, Plan, plan, type PlanBasis } from './plan.js';
import { isFailedManualSetup } from './plan-item.js';
import { credentialsOf, type DesiredState } from './state.js';
import { checkTenant } from './tenant.js';
import type { ApplyItemResult, ApplyOptions, ApplyResult, PlanData } from './types.js';

function checkOptions(options: ApplyOptions) {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError('apply options must be an object', { option: 'options' });
  }
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

/** Whether a value is a plan read back from JSON. */
function isPlanData(value: unknown): value is PlanData {
  const basis = (value as { basis?: { format?: unknown } } | null)?.basis;
  return typeof value === 'object' && value !== null && Array.isArray((value as PlanData).items) && basis?.format === 1;
}

/**
 * The plan to carry out: one made in this process as it is; a desired state planned now; a saved plan planned
 * again and refused unless nothing it shows has changed since it was made.
 */
async function planToApply(
  client: RedshiftIntegrationClient,
  given: Plan | PlanData | DesiredState,
  options: ApplyOptions,
): Promise<Plan> {
  if (given instanceof Plan) return given;
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  if (!isPlanData(given)) {
    return plan(client, given, { rotateCredentials: options.rotateCredentials === true, ...signal });
  }
  const desired = options.desired;
  if (desired === undefined) {
    throw new ConfigurationError(
      'a saved plan holds no credentials: pass the desired state it was made from as the `desired` option',
      { option: 'desired' },
    );
  }
  loadedState(desired);
  if (given.basis.desired !== digest(desired.document)) {
    throw new ConfigurationError('the desired state is not the one the plan was made from: plan again', {
      option: 'desired',
    });
  }
  checkTenant({ tenant: given.basis.tenant } as DesiredState, client.baseUrl);
  const fresh = await plan(client, desired, { rotateCredentials: given.basis.rotateCredentials, ...signal });
  const now = fresh.toJSON();
  for (const item of now.items) {
    const before = given.items.find((each) => each.name === item.name);
    const changed =
      before === undefined ||
      JSON.stringify(before) !== JSON.stringify(item) ||
      given.basis.seen[item.name] !== now.basis.seen[item.name];
    if (changed) {
      throw new PlanStaleError(item.name, item.id, [
        before === undefined ? 'it is new since the plan' : `the plan said ${before.action}, it is now ${item.action}`,
      ]);
    }
  }
  return fresh;
}

/** Whether an item sends the entry's credentials (in a payload or a delete body) or asks for scripts with them. */
function needsCredentials(item: ActionItem, basis: PlanBasis, runsScripts: boolean): boolean {
  if (item.action === 'create' || item.action === 'update') return true;
  if (item.action !== 'delete') return false;
  const entry = basis.entries.get(item.name);
  const seen = basis.seen.get(item.name);
  // A manual delete sends none, but `runScript` is handed the payload to reach the cluster with.
  return entry?.template.autoBootstrap === true || runsScripts || isFailedManualSetup(seen?.status, false);
}

/**
 * Makes the tenant match a plan — made by {@link plan}, or saved as JSON and read back (then with
 * `options.desired`) — or a desired state, which is planned first. Before its first write it resolves the
 * credential references of every entry it writes, and refuses (nothing sent) while one has no value. Items run
 * `concurrency` at a time (default 4): create → wait `enabled`; update → wait `enabled`; delete → wait
 * `deleted`. Each item is read again first, and refused with `PlanStaleError` if its status or non-secret config
 * changed since the plan. A create whose outcome is unknown (the connection dropped after sending) is settled by
 * reading the tenant for the entry's key and adopting what is there — the create is never sent twice. Manual
 * entries run their scripts through `runScript`, or are `skipped` with their scripts in the result; a failed
 * manual setup is cleaned up (its cleanup script), deleted (no body) and set up again, as the guide says.
 *
 * Resolves with one result per entry even when items fail (`outcome: 'failed'`, with the `error`); applying
 * again right after a successful apply changes nothing (`changed: false`).
 *
 * @throws {@link immuta-redshift!PayloadValidationError | PayloadValidationError} before any write when a
 * credential reference of an entry to write has no value, naming the entry, the field and the reference.
 * @throws {@link immuta-redshift!ConfigurationError | ConfigurationError} for a bad option, another tenant than
 * the file's, a saved plan without its desired state, or a desired state other than the saved plan's.
 * @throws {@link immuta-redshift!PlanStaleError | PlanStaleError} when a saved plan no longer matches the tenant.
 * @throws {@link immuta-redshift!PlanError | PlanError} and the read errors of {@link plan}, when given a state.
 *
 * @example
 * ```ts
 * import { apply, loadDesiredState } from 'immuta-redshift/config';
 *
 * const result = await apply(client, await loadDesiredState(text), {
 *   onEvent: (event) => console.error(event),
 *   runScript: ({ sql, database }) => runInRedshift(database, sql),
 * });
 * if (!result.ok) process.exitCode = 1;
 * ```
 *
 * @group Apply
 */
export async function apply(
  client: RedshiftIntegrationClient,
  planOrDesired: Plan | PlanData | DesiredState,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const given = options ?? {};
  const { concurrency, scriptsRan } = checkOptions(given);
  const chosen = await planToApply(client, planOrDesired, given);
  const basis = basisOf(chosen) as PlanBasis;
  for (const name of scriptsRan) {
    if (!basis.entries.has(name)) {
      throw new ConfigurationError(
        `scriptsRan names ${JSON.stringify(name.slice(0, 100))}, which is no entry of the plan`,
        { option: 'scriptsRan' },
      );
    }
  }
  const items = chosen.items.filter((item): item is ActionItem => item.action !== 'unmanaged');
  // Every credential an item will send, resolved before the first write: a missing one stops apply here.
  const payloads = new Map<string, RedshiftIntegrationPayload>();
  const issues: ValidationIssue[] = [];
  for (const item of items) {
    const entry = basis.entries.get(item.name);
    if (!entry || !needsCredentials(item, basis, given.runScript !== undefined)) continue;
    try {
      payloads.set(item.name, await credentialsOf(basis.loaded, entry));
    } catch (error) {
      if (!(error instanceof PayloadValidationError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new PayloadValidationError(issues, 'desired state');
  const secrets = [...payloads.values()].flatMap((payload) => secretValuesOf(payload.config));
  const careful = secrets.length > 0 ? client.withOptions({ redact: secrets }) : client;

  const emit: NonNullable<ApplyOptions['onEvent']> = (event) => {
    try {
      given.onEvent?.(event);
    } catch {
      careful.log.warn('onEvent threw; apply goes on', {});
    }
  };
  const results: ApplyItemResult[] = new Array(items.length);
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index] as ActionItem;
      if (stopped || given.signal?.aborted) {
        const reason = given.signal?.aborted
          ? 'interrupted before it started: nothing was sent for it'
          : 'failFast: an earlier item failed';
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
      const entry = basis.entries.get(item.name);
      // runItem turns every failure into a failed result; anything that still escapes does too, so no worker
      // goes on sending after apply has settled.
      const result = await runItem(item, {
        client: careful,
        basis,
        payload: payloads.get(item.name) ?? (entry?.template as RedshiftIntegrationPayload),
        options: given,
        scriptsRan: scriptsRan.has(item.name),
        emit,
      }).catch((error: unknown): ApplyItemResult => ({
        name: item.name,
        action: item.action,
        outcome: 'failed',
        error: new ImmutaError(`${item.name}: unexpected failure; its error is the cause`, { cause: error }),
      }));
      results[index] = result;
      emit({
        type: 'end',
        name: item.name,
        action: item.action,
        outcome: result.outcome,
        ...(result.id !== undefined && { id: result.id }),
      });
      if (result.outcome === 'failed' && given.failFast) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return {
    items: results,
    ok: results.every((result) => result.outcome !== 'failed'),
    changed: results.some((result) => result.action !== 'noop' && result.outcome !== 'skipped'),
  };
}
