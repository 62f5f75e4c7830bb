/** How one entry becomes a plan item: its action from the tenant's integration, status and fields. */
import type { PlanProblem, RedshiftIntegration } from '../index.js';
import { FAILED, TRANSIENT } from '../model/statuses.js';
import { changesOf } from './compare.js';
import { referencesIn, resolveText } from './references.js';
import type { Loaded, LoadedEntry } from './state.js';
import type { PlanItem, UnresolvedCredential } from './types.js';

/** A manual setup that failed: the guide's way out is its cleanup script, a DELETE with no body, and a new setup. */
export function isFailedManualSetup(status: string | undefined, autoBootstrap: boolean | undefined): boolean {
  return status === 'createError' && autoBootstrap === false;
}

function describe(status: string, autoBootstrap: boolean | undefined, state: 'present' | 'absent'): string | undefined {
  if (TRANSIENT.has(status)) return `${status}: apply waits for it to settle first`;
  if (isFailedManualSetup(status, autoBootstrap)) {
    return state === 'absent'
      ? 'createError: the manual setup did not finish, so apply runs the cleanup script (not the delete script), then deletes it with no body, as the guide says'
      : 'createError: the manual setup failed. As the guide says, apply runs the cleanup script, deletes the integration (no body), then sets it up again with new scripts';
  }
  if (state === 'absent') return undefined;
  if (FAILED.has(status)) return `${status}: apply re-sends the config to repair it`;
  if (status === 'disabled')
    return 'disabled: apply re-sends the config (whether that re-enables it is not documented)';
  return undefined;
}

/** @internal An entry's item, from the integration that has its key (if any); problems are added to `problems`. */
export function itemFor(
  entry: LoadedEntry,
  match: RedshiftIntegration | undefined,
  rotateCredentials: boolean,
  problems: PlanProblem[],
  shown: (text: string) => string,
): PlanItem {
  const base = { name: entry.name, autoBootstrap: entry.template.autoBootstrap };
  if (!match) {
    return entry.state === 'absent'
      ? { ...base, action: 'noop', changes: [], reason: 'absent, and no integration has its key' }
      : { ...base, action: 'create', changes: [] };
  }
  const id = shown(match.id);
  const status = shown(match.status);
  const reason = describe(match.status, match.autoBootstrap, entry.state);
  const withMatch = { ...base, id, status, ...(reason !== undefined && { reason: shown(reason) }) };
  if (entry.state === 'absent') {
    if (match.status === 'deleting') {
      return { ...withMatch, action: 'noop', changes: [], reason: 'deleting: apply waits until it is gone' };
    }
    return {
      ...withMatch,
      autoBootstrap: match.autoBootstrap ?? entry.template.autoBootstrap,
      action: 'delete',
      changes: [],
    };
  }
  if (match.status === 'deleting') {
    return {
      ...withMatch,
      action: 'create',
      changes: [],
      reason: 'deleting: apply waits until it is gone, then creates it afresh',
    };
  }
  if (match.autoBootstrap !== undefined && match.autoBootstrap !== entry.template.autoBootstrap) {
    problems.push({
      name: entry.name,
      ids: [id],
      message:
        `integration ${id} has autoBootstrap: ${String(match.autoBootstrap)}, the entry ${String(entry.template.autoBootstrap)}; ` +
        'an existing integration cannot switch — to replace it, set state: absent, apply, then add the new entry',
    });
  }
  if (isFailedManualSetup(match.status, match.autoBootstrap)) return { ...withMatch, action: 'create', changes: [] };
  const changes = changesOf(entry.template, match, entry.references).map((change) => ({
    ...change,
    before: typeof change.before === 'string' ? shown(change.before) : change.before,
  }));
  if (changes.length > 0) return { ...withMatch, action: 'update', changes };
  if (FAILED.has(match.status) || match.status === 'disabled') return { ...withMatch, action: 'update', changes };
  if (rotateCredentials && !TRANSIENT.has(match.status)) {
    return {
      ...withMatch,
      action: 'update',
      changes,
      reason: 'rotateCredentials: re-sends the config, credentials included',
    };
  }
  return { ...withMatch, action: 'noop', changes };
}

/**
 * @internal The credential references of an entry that have no value now. Plan only looks — at variables and
 * files; it never calls AWS, so a plan needs no AWS access either — and it keeps no value: a missing one is no
 * error (apply needs it, plan does not).
 */
export async function unresolvedCredentials(loaded: Loaded, entry: LoadedEntry): Promise<UnresolvedCredential[]> {
  const unresolved: UnresolvedCredential[] = [];
  for (const [field, reference] of entry.deferred) {
    if (referencesIn(reference).some((each) => each.kind === 'aws-secretsmanager')) continue;
    const resolved = await resolveText(reference, loaded.sources);
    if ('problems' in resolved) {
      for (const problem of resolved.problems) {
        unresolved.push({ field, reference, problem: problem.replace(/^\$\{[^}]*\}: /, '') });
      }
    }
  }
  return unresolved;
}
