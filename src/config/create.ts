/**
 * Creating without ever creating twice: the create is sent once, and an unknown outcome is settled by reading
 * the tenant for the entry's key.
 */
import {
  ConflictError,
  ConnectionError,
  ImmutaError,
  type Integration,
  isRedshiftIntegration,
  PlanStaleError,
  RequestAbortedError,
  ResponseTooLargeError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
} from '../index.js';
import { pause } from '../internal/clock.js';
import { WAIT_DEFAULTS } from '../wait.js';
import { changesOf } from './compare.js';
import { integrationKey, isLiveRedshift, textOf } from './key.js';
import { shown, type StepContext } from './steps.js';

/** The existing Redshift integrations with the entry's key. */
export async function findByKey(context: StepContext): Promise<Integration[]> {
  const listed = await context.client.list(context.signal ? { signal: context.signal } : {});
  return listed.filter((each) => isLiveRedshift(each) && integrationKey(each.config) === context.entry.key);
}

/** Failures after which a create may or may not have happened. */
function outcomeUnknown(error: unknown): boolean {
  return (
    error instanceof ConnectionError ||
    error instanceof TimeoutError ||
    error instanceof ServerError ||
    error instanceof ResponseValidationError ||
    error instanceof ResponseTooLargeError
  );
}

/**
 * When, after an unknown outcome, the tenant is read again for the integration (it may show up late): at once,
 * then after 1, 2, 4 and 8 times the waits' `minDelayMs` (750 ms by default: about 11 s in all; 250 ms at the
 * least: about 4 s).
 */
const SETTLE_READS = [0, 1, 2, 4, 8];
const SETTLE_BASE_FLOOR_MS = 250;

/** An error's name, whatever was thrown. */
function nameOf(error: unknown): string {
  try {
    return error instanceof Error ? error.name : typeof error;
  } catch {
    return 'error';
  }
}

/**
 * After an unknown outcome: reads the tenant for the entry's key, again over about 15 s (an integration may
 * show in the list late), and adopts what is there — if it is the entry's, as the entry says it.
 */
async function settle(context: StepContext, error: unknown): Promise<string> {
  const { name } = context.entry;
  const unknown = `${name}: the create's outcome is unknown (${nameOf(error)})`;
  // Not shorter than a quarter second, whatever the polls: a list can lag a create by a second or more.
  const base = Math.max(SETTLE_BASE_FLOOR_MS, context.wait.minDelayMs ?? WAIT_DEFAULTS.minDelayMs);
  const delays = SETTLE_READS.map((factor) => factor * base);
  for (const [attempt, delayMs] of delays.entries()) {
    if (delayMs > 0)
      await pause(
        context.client.clock,
        delayMs,
        context.signal,
        () =>
          new ImmutaError(`${unknown}; interrupted while reading the tenant again: plan again before applying`, {
            cause: error,
          }),
      );
    let found: Integration[];
    try {
      found = await findByKey(context);
    } catch (reading) {
      if (attempt < delays.length - 1 && !context.signal?.aborted) continue;
      throw new ImmutaError(
        `${unknown} and reading the tenant again failed: it may have been made — plan again before applying, which reads the tenant first`,
        { cause: reading },
      );
    }
    if (found.length > 1) {
      const ids = found.map((each) => shown(context, textOf(each.id)));
      throw new ImmutaError(
        `${unknown}, and ${found.length} integrations have its key (${ids.join(', ')}): delete the extra ones, then plan again`,
        { cause: error },
      );
    }
    const [adopted] = found;
    if (adopted) {
      const shownId = shown(context, textOf(adopted.id));
      const differs = !isRedshiftIntegration(adopted)
        ? ['it does not match the documented shape']
        : [
            ...(adopted.autoBootstrap !== undefined && adopted.autoBootstrap !== context.entry.template.autoBootstrap
              ? ['autoBootstrap']
              : []),
            ...changesOf(context.entry.template, adopted, new Map()).map((change) => change.field),
          ];
      if (differs.length > 0) {
        throw new PlanStaleError(name, shownId, [
          `an integration with its key exists but differs from the entry (${differs.join(', ')})`,
        ]);
      }
      context.client.log.info(
        `${name}: the create's outcome was unknown (${nameOf(error)}); adopted integration ${shownId}, found with its key`,
        {
          entry: name,
          id: shownId,
        },
      );
      return adopted.id;
    }
  }
  throw new ImmutaError(
    `${unknown}, and the tenant showed no integration with its key for ${(delays.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s. ` +
      'It may still appear: plan again before applying — an integration with the key then shows as noop or update, not create',
    { cause: error },
  );
}

/**
 * Sends the create once. When its outcome is unknown (the connection dropped after sending, a timeout, a 5xx,
 * an unreadable answer) or Immuta says one already exists (409), the tenant is read again for the entry's
 * key and what is there is adopted, if it is as the entry says. The POST is never sent again by apply.
 */
export async function createOnce(context: StepContext): Promise<string> {
  try {
    return (await context.client.create(context.payload, context.signal ? { signal: context.signal } : {})).id;
  } catch (error) {
    if (error instanceof RequestAbortedError) {
      throw new ImmutaError(
        `${context.entry.name}: interrupted while creating: the integration may have been made — plan again before applying`,
        { cause: error },
      );
    }
    if (!outcomeUnknown(error) && !(error instanceof ConflictError)) throw error;
    return settle(context, error);
  }
}
