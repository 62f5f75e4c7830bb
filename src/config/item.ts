/**
 * One item of an apply: read it again, act as the plan says (the manual workflows' scripts included), wait for
 * the outcome, and hand out a result scrubbed of every secret.
 */
import { ImmutaError, IntegrationFailedError, PlanStaleError, RequestAbortedError } from '../errors/index.js';
import { sanitize, scrubAndCut } from '../internal/scrub.js';
import { secretsOf } from '../model/payload.js';
import type { ApplyEvent, ApplyItemResult, ApplyOptions } from './apply.js';
import { createOnce, findByKey } from './create.js';
import { textOf } from './key.js';
import type { PlanBasis, PlanItem } from './plan.js';
import type { ConfigPort } from './port.js';
import { TRANSIENT } from './statuses.js';
import {
  cleanupScript,
  manualScripts,
  put,
  readForChange,
  remove,
  type ScriptToRun,
  type StepContext,
  waitFor,
} from './steps.js';

/** @internal */
export type ItemOptions = Omit<ApplyOptions, 'scriptsRan'> & { scriptsRan: ReadonlySet<string> };

/**
 * One item, its result made fit to show: ids, reasons and the integration scrubbed of the resolved values and
 * credentials (a server may echo them anywhere), credential fields of the integration masked.
 */
export async function runItem(
  port: ConfigPort,
  basis: PlanBasis,
  item: PlanItem & { action: ApplyItemResult['action'] },
  options: ItemOptions,
  emit: (event: ApplyEvent) => void,
): Promise<ApplyItemResult> {
  const entry = basis.entries.get(item.name);
  const secrets = [...basis.secrets, ...(entry ? secretsOf(entry.payload.config) : [])];
  const result = await act(port, basis, item, options, emit, secrets);
  const hide = (text: string) => scrubAndCut(text, secrets, 200);
  return {
    ...result,
    ...(result.id !== undefined && { id: hide(result.id) }),
    ...(result.reason !== undefined && { reason: hide(result.reason) }),
    ...(result.integration !== undefined && { integration: sanitize(result.integration, secrets) }),
  };
}

async function act(
  port: ConfigPort,
  basis: PlanBasis,
  item: PlanItem & { action: ApplyItemResult['action'] },
  options: ItemOptions,
  emit: (event: ApplyEvent) => void,
  secrets: readonly string[],
): Promise<ApplyItemResult> {
  const entry = basis.entries.get(item.name);
  const base = { name: item.name, action: item.action };
  if (!entry) return { ...base, outcome: 'skipped', reason: 'not an entry of the plan' };
  const shown = (text: string) => scrubAndCut(text, secrets, 100);
  const seen = basis.seen.get(item.name);
  // The real id: the item's is scrubbed of secrets, for showing.
  let id = seen?.id ?? item.id;
  let lastStatus: string | undefined;
  const context: StepContext = {
    port,
    entry,
    secrets,
    signal: options.signal,
    wait: options.wait ?? {},
    onStatus: (integration) => {
      if (integration.status === lastStatus) return;
      lastStatus = integration.status;
      emit({
        type: 'status',
        name: item.name,
        id: scrubAndCut(integration.id, secrets, 100),
        status: scrubAndCut(integration.status, secrets, 100),
      });
    },
    onScript: (step, ran) => emit({ type: 'script', name: item.name, step, ran }),
    runScript: options.runScript,
    scriptsRan: options.scriptsRan.has(item.name),
  };
  const automatic = entry.payload.autoBootstrap;
  const skipped = (scripts: ScriptToRun[]): ApplyItemResult => ({
    ...base,
    outcome: 'skipped',
    ...(id !== undefined && { id }),
    scripts,
    reason: `run its scripts (${scripts.map((each) => `${each.step} in ${each.database}`).join(', ')}), then apply again with scriptsRan: ['${item.name}']`,
  });

  if (item.action === 'noop' && !(item.status !== undefined && TRANSIENT.has(item.status))) {
    return { ...base, outcome: 'done', ...(id !== undefined && { id }) };
  }
  emit({ type: 'start', name: item.name, action: item.action, ...(id !== undefined && { id: shown(id) }) });
  try {
    switch (item.action) {
      case 'noop': {
        const integration = await waitFor(context, id ?? '', entry.state === 'absent' ? 'deleted' : 'enabled');
        return { ...base, outcome: 'done', ...(id !== undefined && { id }), integration };
      }
      case 'create': {
        if (id !== undefined) await waitFor(context, id, 'deleted');
        const [existing] = await findByKey(context);
        if (existing) {
          throw new PlanStaleError(item.name, shown(textOf(existing.id)), [
            `an integration with its key appeared (${shown(textOf(existing.status))})`,
          ]);
        }
        if (!automatic) {
          const scripts = await manualScripts(context, ['initial-create', 'create'], undefined);
          if (scripts) return skipped(scripts);
        }
        id = await createOnce(context, port.encode(entry.payload));
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
              'the manual setup failed: run the cleanup script, then set state: absent and apply to remove the integration',
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
          const scripts = await manualScripts(
            context,
            [current.status === 'createError' ? 'cleanup' : 'delete'],
            current.id,
          );
          if (scripts) return skipped(scripts);
        }
        await remove(context, current.id, !manual);
        const integration = await waitFor(context, current.id, 'deleted');
        return { ...base, outcome: 'done', id: current.id, integration };
      }
    }
  } catch (error) {
    const failure =
      error instanceof ImmutaError
        ? error
        : new ImmutaError(`${item.name}: unexpected failure; its error is the cause`, { cause: error });
    if (options.signal?.aborted && !(failure instanceof RequestAbortedError)) {
      return { ...base, outcome: 'failed', ...(id !== undefined && { id }), error: failure, reason: 'interrupted' };
    }
    return { ...base, outcome: 'failed', ...(id !== undefined && { id }), error: failure };
  }
}
