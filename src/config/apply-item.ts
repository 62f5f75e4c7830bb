/**
 * One item of an apply: read it again, act as the plan says (the manual workflows' scripts included), wait for
 * the outcome, and hand out a result with every secret hidden.
 */
import {
  ImmutaError,
  IntegrationFailedError,
  PlanStaleError,
  type RedshiftIntegrationClient,
  type RedshiftIntegrationPayload,
  RequestAbortedError,
} from '../index.js';
import { TRANSIENT } from '../model/statuses.js';
import { createOnce, findByKey } from './create.js';
import { textOf } from './key.js';
import type { PlanBasis } from './plan.js';
import { isFailedManualSetup } from './plan-item.js';
import { cleanupScript, manualScripts, put, readForChange, remove, shown, type StepContext, waitFor } from './steps.js';
import type { ApplyEvent, ApplyItemResult, ApplyOptions, PlanItem, ScriptToRun } from './types.js';

/** @internal An item apply acts on: anything but `unmanaged`. */
export type ActionItem = PlanItem & { action: ApplyItemResult['action'] };

/** @internal What one item needs besides its plan item. */
export interface ItemRun {
  /** The client, hiding the resolved credentials too. */
  readonly client: RedshiftIntegrationClient;
  readonly basis: PlanBasis;
  /** The entry's payload with credentials resolved; the template where the item sends none. */
  readonly payload: RedshiftIntegrationPayload;
  readonly options: ApplyOptions;
  readonly scriptsRan: boolean;
  readonly emit: (event: ApplyEvent) => void;
}

/**
 * One item, its result made fit to show: ids, reasons and the integration with the client's secrets and the
 * item's credentials hidden, credential fields of the integration masked.
 */
export async function runItem(item: ActionItem, run: ItemRun): Promise<ApplyItemResult> {
  const result = await act(item, run);
  const hide = (text: string) => {
    const clean = run.client.redactSecrets(text);
    return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
  };
  return {
    ...result,
    ...(result.id !== undefined && { id: hide(result.id) }),
    ...(result.reason !== undefined && { reason: hide(result.reason) }),
    ...(result.integration !== undefined && { integration: run.client.redactSecrets(result.integration) }),
  };
}

async function act(item: ActionItem, run: ItemRun): Promise<ApplyItemResult> {
  const { basis, options, emit } = run;
  const entry = basis.entries.get(item.name);
  const base = { name: item.name, action: item.action };
  if (!entry) return { ...base, outcome: 'skipped', reason: 'not an entry of the plan' };
  const seen = basis.seen.get(item.name);
  // The real id: the item's is scrubbed of secrets, for showing.
  let id = seen?.id;
  let lastStatus: string | undefined;
  const context: StepContext = {
    client: run.client,
    entry,
    payload: run.payload,
    signal: options.signal,
    wait: options.wait ?? {},
    onStatus: (integration) => {
      if (integration.status === lastStatus) return;
      lastStatus = integration.status;
      emit({
        type: 'status',
        name: item.name,
        id: shown(context, integration.id),
        status: shown(context, integration.status),
      });
    },
    onScript: (step, ran) => emit({ type: 'script', name: item.name, step, ran }),
    runScript: options.runScript,
    scriptsRan: run.scriptsRan,
  };
  const automatic = entry.template.autoBootstrap;
  const skipped = (scripts: ScriptToRun[]): ApplyItemResult => ({
    ...base,
    outcome: 'skipped',
    ...(id !== undefined && { id }),
    scripts,
    reason: `run its scripts (${scripts.map((each) => `${each.step} in ${each.database}`).join(', ')}), then apply again with scriptsRan: ['${item.name}']`,
  });

  if (item.action === 'noop' && !(seen !== undefined && TRANSIENT.has(seen.status))) {
    return { ...base, outcome: 'done', ...(id !== undefined && { id }) };
  }
  emit({ type: 'start', name: item.name, action: item.action, ...(id !== undefined && { id: shown(context, id) }) });
  try {
    switch (item.action) {
      case 'noop': {
        const integration = await waitFor(context, id ?? '', entry.state === 'absent' ? 'deleted' : 'enabled');
        return { ...base, outcome: 'done', ...(id !== undefined && { id }), integration };
      }
      case 'create': {
        if (id !== undefined && seen !== undefined && isFailedManualSetup(seen.status, automatic)) {
          // The guide's way out of a failed manual setup: its cleanup script, then DELETE with no body.
          const current = await readForChange(context, id, seen);
          const scripts = await manualScripts(context, ['cleanup'], current.id);
          if (scripts) return skipped(scripts);
          await remove(context, current.id, false);
        }
        if (id !== undefined) await waitFor(context, id, 'deleted');
        const [existing] = await findByKey(context);
        if (existing) {
          throw new PlanStaleError(item.name, shown(context, textOf(existing.id)), [
            `an integration with its key appeared (${shown(context, textOf(existing.status))})`,
          ]);
        }
        if (!automatic) {
          const scripts = await manualScripts(context, ['initial-create', 'create'], undefined);
          if (scripts) return skipped(scripts);
        }
        id = await createOnce(context);
        try {
          const integration = await waitFor(context, id, 'enabled');
          return { ...base, outcome: 'done', id, integration };
        } catch (error) {
          if (automatic || !(error instanceof IntegrationFailedError)) throw error;
          const cleanup = await cleanupScript(context);
          return {
            ...base,
            outcome: 'failed',
            id,
            error,
            ...(cleanup && { scripts: [cleanup] }),
            reason:
              'the manual setup failed: run the cleanup script, then apply again — apply deletes the failed integration (no body) and sets it up again, as the guide says',
          };
        }
      }
      case 'update': {
        const current = await readForChange(context, id ?? '', seen);
        if (!automatic) {
          const scripts = await manualScripts(context, ['edit'], current.id);
          if (scripts) return skipped(scripts);
        }
        await put(context, current.id);
        const integration = await waitFor(context, current.id, 'enabled');
        return { ...base, outcome: 'done', id: current.id, integration };
      }
      case 'delete': {
        const current = await readForChange(context, id ?? '', seen);
        const manual = current.autoBootstrap === false || !automatic;
        if (manual) {
          const step = isFailedManualSetup(current.status, false) ? 'cleanup' : 'delete';
          const scripts = await manualScripts(context, [step], current.id);
          if (scripts) return skipped(scripts);
        }
        await remove(context, current.id, !manual);
        const integration = await waitFor(context, current.id, 'deleted');
        return { ...base, outcome: 'done', id: current.id, integration };
      }
    }
  } catch (error) {
    return failed(item, id, error, options.signal);
  }
}

/** A failed item: its error an `ImmutaError`, an interruption said so. */
function failed(
  item: ActionItem,
  id: string | undefined,
  error: unknown,
  signal: AbortSignal | undefined,
): ApplyItemResult {
  const base = { name: item.name, action: item.action, ...(id !== undefined && { id }) };
  if (signal?.aborted) {
    const interrupted = new RequestAbortedError();
    return {
      ...base,
      outcome: 'failed',
      error: error instanceof ImmutaError ? error : interrupted,
      reason: `interrupted during its ${item.action}: it may be under way on the tenant — plan again to see where it stands`,
    };
  }
  const failure =
    error instanceof ImmutaError
      ? error
      : new ImmutaError(`${item.name}: unexpected failure; its error is the cause`, { cause: error });
  return { ...base, outcome: 'failed', error: failure };
}
