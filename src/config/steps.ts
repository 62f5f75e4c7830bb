/**
 * The requests apply makes for one item: reading it again before a change, the manual workflows' scripts, the
 * writes and the waits. (Creating is in create.ts.)
 */
import { NotFoundError, PlanStaleError, ScriptRunError } from '../errors/index.js';
import { integrationPath } from '../internal/paths.js';
import { scrubAndCut } from '../internal/scrub.js';
import type { Integration } from '../model/integration.js';
import { deleteCredentialsOf, type RedshiftIntegrationPayload } from '../model/payload.js';
import { decodeIntegration, decodeScript } from '../response.js';
import type { WaitOptions } from '../wait.js';
import { fingerprintDifferences, fingerprintOf } from './compare.js';
import type { ConfigPort } from './port.js';
import type { ResolvedEntry } from './state.js';
import { SETTLED, TRANSIENT } from './statuses.js';

/** Which manual-setup script: where the guide says each runs. */
export type ScriptStep = 'initial-create' | 'create' | 'edit' | 'delete' | 'cleanup';

/** A script of a manual entry, and the Redshift database to run it in. */
export interface ScriptToRun {
  /** Which script: `initial-create`, `create`, `edit`, `delete` or `cleanup`. */
  readonly step: ScriptStep;
  /** The SQL, as Immuta generated it. */
  readonly sql: string;
  /**
   * Where to run it: `initial-create` and `cleanup` in `initialDatabase`, `create` in the new `database`
   * (as the guide says); `edit` and `delete` in `initialDatabase` (the guide says only "your Redshift
   * environment": an assumption).
   */
  readonly database: string;
}

/** What `runScript` is called with: the entry, and one script to run before apply goes on. */
export interface RunScriptRequest extends ScriptToRun {
  /** The entry's name. */
  readonly name: string;
}

/** @internal What one item's steps share. */
export interface StepContext {
  readonly port: ConfigPort;
  readonly entry: ResolvedEntry;
  /** The resolved values and the payload's credentials: scrubbed from whatever comes back. */
  readonly secrets: readonly string[];
  readonly signal: AbortSignal | undefined;
  readonly wait: Omit<WaitOptions, 'until' | 'signal' | 'onPoll'>;
  readonly onStatus: (integration: Integration) => void;
  readonly onScript: (step: ScriptStep, ran: boolean) => void;
  readonly runScript: ((request: RunScriptRequest) => unknown) | undefined;
  readonly scriptsRan: boolean;
}

function options(context: StepContext) {
  return { signal: context.signal };
}

/** @internal Polls until one of `until`, reporting each status. */
export function waitFor(context: StepContext, id: string, until: WaitOptions['until']): Promise<Integration> {
  return context.port.wait(
    id,
    { ...context.wait, until, signal: context.signal, onPoll: context.onStatus },
    context.secrets,
  );
}

async function read(context: StepContext, id: string): Promise<Integration> {
  const path = integrationPath(id);
  return decodeIntegration(
    await context.port.send({ method: 'GET', path, options: options(context), secrets: context.secrets }),
  );
}

/**
 * Reads the integration again before changing it: waits out a transient status, then refuses the item if its
 * status or non-secret config is not what the plan saw. A plan that saw a transient status expects `enabled`.
 */
export async function readForChange(
  context: StepContext,
  id: string,
  seen: { status: string; fingerprint: string } | undefined,
): Promise<Integration> {
  const shown = (status: string) => scrubAndCut(status, context.secrets, 100);
  let current: Integration;
  try {
    current = await read(context, id);
  } catch (error) {
    if (error instanceof NotFoundError)
      throw new PlanStaleError(context.entry.name, shown(id), ['it no longer exists']);
    throw error;
  }
  if (current.id !== id) {
    throw new PlanStaleError(context.entry.name, shown(id), ['the tenant answered with another integration']);
  }
  if (TRANSIENT.has(current.status)) current = await waitFor(context, id, [...SETTLED]);
  if (!seen) return current;
  const changed: string[] = [];
  const expected = TRANSIENT.has(seen.status) ? 'enabled' : seen.status;
  if (current.status !== expected) changed.push(`status: ${shown(seen.status)} → ${shown(current.status)}`);
  changed.push(...fingerprintDifferences(seen.fingerprint, fingerprintOf(current)));
  if (changed.length > 0) throw new PlanStaleError(context.entry.name, shown(id), changed);
  return current;
}

async function script(context: StepContext, step: ScriptStep, id: string | undefined): Promise<ScriptToRun> {
  const { payload } = context.entry;
  const withPayload = step === 'initial-create' || step === 'create' || step === 'cleanup' || step === 'edit';
  const path =
    step === 'edit' || step === 'delete'
      ? integrationPath(id ?? '', `/scripts/${step}`)
      : `integrations/scripts/${step}`;
  const body = withPayload ? context.port.encode(payload) : undefined;
  const sql = decodeScript(
    await context.port.send({ method: 'POST', path, body, options: options(context), secrets: context.secrets }),
  );
  const database = step === 'create' ? payload.config.database : payload.config.initialDatabase;
  return { step, sql, database };
}

/**
 * A manual entry's scripts: run by `runScript`, one after another, each before the next is generated; or —
 * without it — handed back to run by hand (`undefined` means go on: they ran, or `scriptsRan` says so).
 */
export async function manualScripts(
  context: StepContext,
  steps: readonly ScriptStep[],
  id: string | undefined,
): Promise<ScriptToRun[] | undefined> {
  if (context.scriptsRan) return undefined;
  const scripts: ScriptToRun[] = [];
  for (const step of steps) {
    const each = await script(context, step, id);
    if (context.runScript) {
      try {
        await context.runScript({ name: context.entry.name, ...each });
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
  const body = context.port.encode(context.entry.payload);
  await context.port.send({
    method: 'PUT',
    path: integrationPath(id),
    body,
    options: options(context),
    secrets: context.secrets,
  });
}

/** DELETE: with the credentials for an automatic integration, with no body for a manual one. */
export async function remove(context: StepContext, id: string, automatic: boolean): Promise<void> {
  const payload: RedshiftIntegrationPayload = context.entry.payload;
  const body = automatic ? context.port.encodeCredentials(deleteCredentialsOf(payload)) : undefined;
  await context.port.send({
    method: 'DELETE',
    path: integrationPath(id),
    body,
    options: options(context),
    secrets: context.secrets,
  });
}
