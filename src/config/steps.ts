/**
 * The requests apply makes for one item, each through the public client: reading it again before a change, the
 * manual workflows' scripts, the writes and the waits. (Creating is in create.ts.)
 */
import {
  databaseFor,
  deleteCredentialsOf,
  type Integration,
  NotFoundError,
  PlanStaleError,
  type RedshiftIntegrationClient,
  type RedshiftIntegrationPayload,
  ScriptRunError,
  type ScriptStep,
  type WaitOptions,
} from '../index.js';
import { SETTLED, TRANSIENT } from '../model/statuses.js';
import { fingerprintDifferences, fingerprintOf } from './compare.js';
import type { Seen } from './plan.js';
import type { LoadedEntry } from './state.js';
import type { RunScriptRequest, ScriptToRun } from './types.js';

/** @internal What one item's steps share. */
export interface StepContext {
  /** The client, hiding the item's resolved credentials too. */
  readonly client: RedshiftIntegrationClient;
  readonly entry: LoadedEntry;
  /** The entry's payload, credentials resolved: present for every item that writes or asks for scripts. */
  readonly payload: RedshiftIntegrationPayload;
  readonly signal: AbortSignal | undefined;
  readonly wait: Omit<WaitOptions, 'until' | 'signal' | 'onPoll'>;
  readonly onStatus: (integration: Integration) => void;
  readonly onScript: (step: ScriptStep, ran: boolean) => void;
  readonly runScript: ((request: RunScriptRequest) => unknown) | undefined;
  /** Whether the scripts of the first script step of this item ran by hand already (`scriptsRan`). */
  scriptsRan: boolean;
}

/** The request options of a step. */
function options(context: StepContext): { signal?: AbortSignal } {
  return context.signal ? { signal: context.signal } : {};
}

/** Text of the server's, fit to show: the client's secrets and the item's credentials hidden, cut to a line. */
export function shown(context: StepContext, text: string): string {
  const clean = context.client.redactSecrets(text);
  return clean.length > 100 ? `${clean.slice(0, 100)}…` : clean;
}

/** @internal Polls until one of `until`, reporting each status. */
export function waitFor(context: StepContext, id: string, until: WaitOptions['until']): Promise<Integration> {
  return context.client.waitForStatus(id, {
    ...context.wait,
    ...(until !== undefined && { until }),
    ...options(context),
    onPoll: context.onStatus,
  });
}

/**
 * Reads the integration again before changing it: waits out a transient status, then refuses the item if its
 * status or non-secret config is not what the plan saw. A plan that saw a transient status expects `enabled`.
 */
export async function readForChange(context: StepContext, id: string, seen: Seen | undefined): Promise<Integration> {
  let current: Integration;
  try {
    current = await context.client.get(id, options(context));
  } catch (error) {
    if (error instanceof NotFoundError)
      throw new PlanStaleError(context.entry.name, shown(context, id), ['it no longer exists']);
    throw error;
  }
  if (current.id !== id) {
    throw new PlanStaleError(context.entry.name, shown(context, id), ['the tenant answered with another integration']);
  }
  if (TRANSIENT.has(current.status)) current = await waitFor(context, id, [...SETTLED]);
  if (!seen) return current;
  const changed: string[] = [];
  const expected = TRANSIENT.has(seen.status) ? 'enabled' : seen.status;
  if (current.status !== expected) {
    changed.push(`status: ${shown(context, seen.status)} → ${shown(context, current.status)}`);
  }
  changed.push(...fingerprintDifferences(seen.fingerprint, fingerprintOf(current)));
  if (changed.length > 0) throw new PlanStaleError(context.entry.name, shown(context, id), changed);
  return current;
}

/** One script step's SQL, from the client's script endpoints, and the database it runs in. */
async function script(context: StepContext, step: ScriptStep, id: string | undefined): Promise<ScriptToRun> {
  const { client, payload } = context;
  const given = options(context);
  const sql = await {
    'initial-create': () => client.scripts.initialCreate(payload, given),
    create: () => client.scripts.create(payload, given),
    cleanup: () => client.scripts.cleanup(payload, given),
    edit: () => client.scripts.edit(id ?? '', payload, given),
    delete: () => client.scripts.delete(id ?? '', given),
  }[step]();
  return { step, sql, database: databaseFor(step, payload) };
}

/**
 * A manual entry's scripts: run by `runScript`, one after another, each before the next is generated; or —
 * without it — handed back to run by hand (`undefined` means go on: they ran, or `scriptsRan` says so, which
 * counts once: a later step of the same item hands out its own scripts).
 */
export async function manualScripts(
  context: StepContext,
  steps: readonly ScriptStep[],
  id: string | undefined,
): Promise<ScriptToRun[] | undefined> {
  if (context.scriptsRan) {
    context.scriptsRan = false;
    return undefined;
  }
  const scripts: ScriptToRun[] = [];
  for (const step of steps) {
    const each = await script(context, step, id);
    if (context.runScript) {
      try {
        await context.runScript({ name: context.entry.name, payload: context.payload, ...each, ...options(context) });
      } catch (error) {
        throw new ScriptRunError(context.entry.name, step, error);
      }
      context.onScript(step, true);
    } else {
      context.onScript(step, false);
      scripts.push(each);
    }
  }
  return context.runScript ? undefined : scripts;
}

/** The cleanup script of a failed manual creation, for the item's result; none when it cannot be had. */
export async function cleanupScript(context: StepContext): Promise<ScriptToRun | undefined> {
  try {
    return await script(context, 'cleanup', undefined);
  } catch {
    return undefined;
  }
}

/** PUT with the entry's payload. */
export async function put(context: StepContext, id: string): Promise<void> {
  await context.client.update(id, context.payload, options(context));
}

/** DELETE: with the credentials for an automatic integration, with no body for a manual one. */
export async function remove(context: StepContext, id: string, automatic: boolean): Promise<void> {
  await context.client.delete(id, automatic ? deleteCredentialsOf(context.payload) : undefined, options(context));
}
