/** How one entry becomes a plan item: its action from the tenant's integration, status and fields. */
import type { PlanProblem } from '../errors/index.js';
import { scrub } from '../internal/scrub.js';
import type { RedshiftIntegration } from '../model/integration.js';
import { changesOf } from './compare.js';
import type { PlanItem } from './plan.js';
import type { ResolvedEntry } from './state.js';
import { FAILED, TRANSIENT } from './statuses.js';

function describe(status: string, autoBootstrap: boolean | undefined, state: 'present' | 'absent'): string | undefined {
  if (TRANSIENT.has(status)) return `${status}: apply waits for it to settle first`;
  if (state === 'absent') {
    return status === 'createError' && autoBootstrap === false
      ? 'createError: the manual setup did not finish, so apply runs the cleanup script (not the delete script) before deleting, as the guide says'
      : undefined;
  }
  if (status === 'createError' && autoBootstrap === false) {
    return (
      'createError: the manual setup failed. If its scripts did not all run, the cleanup script ' +
      '(`immuta-redshift script cleanup -f <payload>`, or client.scripts.cleanup) removes what they made; to start ' +
      'afresh, set state: absent and apply, then apply the entry again. Apply now re-sends the config (edit script, then PUT)'
    );
  }
  if (FAILED.has(status)) return `${status}: apply re-sends the config to repair it`;
  if (status === 'disabled')
    return 'disabled: apply re-sends the config (whether that re-enables it is not documented)';
  return undefined;
}

export function itemFor(
  entry: ResolvedEntry,
  match: RedshiftIntegration | undefined,
  rotateCredentials: boolean,
  problems: PlanProblem[],
): PlanItem {
  const base = { name: entry.name, autoBootstrap: entry.payload.autoBootstrap };
  if (!match) {
    return entry.state === 'absent'
      ? { ...base, action: 'noop', changes: [], reason: 'absent, and no integration has its key' }
      : { ...base, action: 'create', changes: [] };
  }
  const { id, status } = match;
  const reason = describe(status, match.autoBootstrap, entry.state);
  const withMatch = { ...base, id, status, ...(reason !== undefined && { reason }) };
  if (entry.state === 'absent') {
    if (status === 'deleting')
      return { ...withMatch, action: 'noop', changes: [], reason: 'deleting: apply waits until it is gone' };
    return {
      ...withMatch,
      autoBootstrap: match.autoBootstrap ?? entry.payload.autoBootstrap,
      action: 'delete',
      changes: [],
    };
  }
  if (status === 'deleting') {
    return {
      ...withMatch,
      action: 'create',
      changes: [],
      reason: 'deleting: apply waits until it is gone, then creates it afresh',
    };
  }
  if (match.autoBootstrap !== undefined && match.autoBootstrap !== entry.payload.autoBootstrap) {
    problems.push({
      name: entry.name,
      ids: [id],
      message:
        `integration ${id} has autoBootstrap: ${String(match.autoBootstrap)}, the entry ${String(entry.payload.autoBootstrap)}; ` +
        'an existing integration cannot switch — to replace it, set state: absent, apply, then add the new entry',
    });
  }
  const changes = changesOf(entry.payload, match, entry.references);
  if (changes.length > 0) return { ...withMatch, action: 'update', changes };
  if (FAILED.has(status) || status === 'disabled') return { ...withMatch, action: 'update', changes };
  if (rotateCredentials && !TRANSIENT.has(status)) {
    return {
      ...withMatch,
      action: 'update',
      changes,
      reason: 'rotateCredentials: re-sends the config, credentials included',
    };
  }
  return { ...withMatch, action: 'noop', changes };
}

/** The strings of an item with every resolved value hidden: a tenant's value may equal one. */
export function hidden(item: PlanItem, secrets: readonly string[]): PlanItem {
  if (secrets.length === 0) return item;
  const text = (value: unknown) => (typeof value === 'string' ? scrub(value, secrets, { fields: false }) : value);
  return {
    ...item,
    ...(item.id !== undefined && { id: text(item.id) as string }),
    ...(item.status !== undefined && { status: text(item.status) as string }),
    ...(item.reason !== undefined && { reason: text(item.reason) as string }),
    changes: item.changes.map((change) => ({ ...change, before: text(change.before), after: text(change.after) })),
  };
}
