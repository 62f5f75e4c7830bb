import { ConfigurationError, PlanError, type PlanProblem } from '../errors/index.js';
import { isSignal } from '../internal/check.js';
import { scrub } from '../internal/scrub.js';
import { type Integration, isRedshiftIntegration } from '../model/integration.js';
import { type FieldChange, fingerprintOf } from './compare.js';
import { integrationKey, isLiveRedshift, textOf } from './key.js';
import { entryNames } from './naming.js';
import { hidden, itemFor } from './plan-item.js';
import type { ConfigPort } from './port.js';
import { sharedWeakMap } from './registry.js';
import { type DesiredState, resolutionOf, type ResolvedEntry } from './state.js';

export type { FieldChange };

/**
 * What apply will do with an entry: `create`, `update` (the `changes` say which fields), `delete`
 * (`state: absent` and it exists), `noop`; or `unmanaged` for a Redshift integration on the tenant that no
 * entry matches, which apply never touches.
 */
export type PlanAction = 'create' | 'update' | 'delete' | 'noop' | 'unmanaged';

/** One entry of a plan (or one unmanaged integration). */
export interface PlanItem {
  /** The entry's name; for an unmanaged integration, the name `export` would give it. */
  readonly name: string;
  /** What apply will do. */
  readonly action: PlanAction;
  /** The integration's id, when it exists. */
  readonly id?: string;
  /** Its status when the plan was made. */
  readonly status?: string;
  /** Automatic (`true`) or manual (`false`) setup: a manual one needs scripts run. */
  readonly autoBootstrap?: boolean;
  /** The non-secret fields that differ, before → after. Credentials are never compared. */
  readonly changes: readonly FieldChange[];
  /** Why, when the action is not plain: an error status, a transient one, a credentials rotation. */
  readonly reason?: string;
}

/** Options of `client.plan`. */
export interface PlanOptions {
  /**
   * Credentials are write-only, so an entry equal in every other field is `noop`. `true` makes those an
   * `update` that re-sends the config, credentials included: how to roll out a rotated password.
   */
  rotateCredentials?: boolean;
  /** Cancels the reads. */
  signal?: AbortSignal;
}

/** @internal What a plan remembers beyond its items, for apply. */
export interface PlanBasis {
  readonly desired: DesiredState;
  readonly entries: ReadonlyMap<string, ResolvedEntry>;
  /**
   * For each item with an integration: its real id (the item shows it scrubbed), and the status and non-secret
   * config the plan saw.
   */
  readonly seen: ReadonlyMap<string, { id: string; status: string; fingerprint: string }>;
  readonly secrets: readonly string[];
  readonly rotateCredentials: boolean;
}

/** A plan as data. */
export interface PlanData {
  /** Whether apply would change anything. */
  readonly hasChanges: boolean;
  /** Every item of the plan. */
  readonly items: readonly PlanItem[];
}

const bases = sharedWeakMap<object, PlanBasis>('plan');

/**
 * What `client.apply` would change, made by `client.plan(desired)` from a read of the tenant. It changes
 * nothing. `items` holds one item per entry (file order), then the unmanaged integrations. Render it with
 * `formatPlan`; `JSON.stringify(plan)` gives it as data. Neither holds a credential or any value a reference
 * resolved to.
 */
export class Plan {
  /** Every entry's item, then one per unmanaged Redshift integration. */
  readonly items: readonly PlanItem[];

  /** @internal Use `client.plan`. */
  constructor(items: readonly PlanItem[], basis: PlanBasis) {
    this.items = items;
    bases.set(this, basis);
  }

  /** Whether apply would change anything: some item is a `create`, `update` or `delete`. */
  get hasChanges(): boolean {
    return this.items.some((item) => item.action === 'create' || item.action === 'update' || item.action === 'delete');
  }

  /** `{ hasChanges, items }`: what `JSON.stringify(plan)` and `immuta-redshift plan -o json` write. */
  toJSON(): PlanData {
    return { hasChanges: this.hasChanges, items: this.items };
  }
}

/** @internal */
export function basisOf(plan: unknown): PlanBasis | undefined {
  return typeof plan === 'object' && plan !== null ? bases.get(plan) : undefined;
}

/** @internal Checks what plan and apply are given: a loaded desired state. */
export function resolvedEntries(desired: unknown): { entries: readonly ResolvedEntry[]; secrets: readonly string[] } {
  const resolved = resolutionOf(desired);
  if (resolved === undefined) {
    throw new ConfigurationError('expected a DesiredState from loadDesiredState (or a Plan, for apply)', {
      option: 'desired',
    });
  }
  if (resolved === null) {
    throw new ConfigurationError(
      'this desired state holds references nobody resolved (it came from exportDesiredState): write it with ' +
        'toDesiredStateYaml, set its variables, and read it with loadDesiredState before planning',
      { option: 'desired' },
    );
  }
  return resolved;
}

/** An id to show: a string or number as text, anything else (from an item `list()` kept as received) as a note. */
function idOf(integration: Integration): string {
  const id = textOf(integration.id);
  return id === '' ? '(an id that is not text)' : id;
}

/** @internal `client.plan`: reads the tenant once and compares. */
export async function planFor(port: ConfigPort, desired: DesiredState, options: PlanOptions = {}): Promise<Plan> {
  const { entries, secrets } = resolvedEntries(desired);
  const given = options ?? {};
  if (given.signal !== undefined && !isSignal(given.signal)) {
    throw new ConfigurationError('signal must be an AbortSignal', { option: 'signal' });
  }
  const rotateCredentials = given.rotateCredentials === true;
  const listed = await port.list(given.signal, secrets);
  // An item of a list may be anything a server sent (`list()` keeps odd ones as received): only objects are
  // considered, and their id is shown only when it is text.
  const redshift = listed.filter(isLiveRedshift);
  const byKey = new Map<string, Integration[]>();
  for (const integration of redshift) {
    const key = integrationKey(integration.config);
    byKey.set(key, [...(byKey.get(key) ?? []), integration]);
  }

  const problems: PlanProblem[] = [];
  const items: PlanItem[] = [];
  const seen = new Map<string, { id: string; status: string; fingerprint: string }>();
  const matched = new Set<Integration>();
  for (const entry of entries) {
    const matches = byKey.get(entry.key) ?? [];
    matches.forEach((each) => matched.add(each));
    if (matches.length > 1) {
      problems.push({
        name: entry.name,
        ids: matches.map((each) => idOf(each)),
        message: `matches ${matches.length} integrations (${matches.map((each) => idOf(each)).join(', ')}): delete the extra ones by hand, then plan again`,
      });
      continue;
    }
    const [match] = matches;
    if (match && !isRedshiftIntegration(match)) {
      problems.push({
        name: entry.name,
        ids: [idOf(match)],
        message: `integration ${idOf(match)} does not match the documented shape, so it cannot be compared safely`,
      });
      continue;
    }
    const item = itemFor(entry, match, rotateCredentials, problems);
    if (match) seen.set(entry.name, { id: match.id, status: match.status, fingerprint: fingerprintOf(match) });
    items.push(hidden(item, secrets));
  }
  if (problems.length > 0) {
    const hide = (text: string) => scrub(text, secrets, { fields: false });
    throw new PlanError(
      problems.map((problem) => ({ ...problem, message: hide(problem.message), ids: problem.ids.map(hide) })),
    );
  }

  // An unmanaged integration's name is made from its host: a secret in the host would show in it, slugged.
  const slugged = secrets.map((each) =>
    each
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, ''),
  );
  const nameSecrets = [...secrets, ...slugged.filter((each) => each.length > 0)];
  const unmanaged = redshift.filter((each) => !matched.has(each));
  const names = entryNames(unmanaged.map((each) => (isRedshiftIntegration(each) ? each.config : undefined)));
  unmanaged.forEach((integration, i) => {
    items.push(
      hidden(
        {
          name: scrub(names[i] ?? idOf(integration), nameSecrets, { fields: false }),
          action: 'unmanaged',
          id: idOf(integration),
          status: textOf(integration.status),
          ...(integration.autoBootstrap !== undefined && { autoBootstrap: integration.autoBootstrap }),
          changes: [],
          reason: 'no entry matches it: left alone',
        },
        secrets,
      ),
    );
  });

  return new Plan(items, {
    desired,
    entries: new Map(entries.map((entry) => [entry.name, entry])),
    seen,
    secrets,
    rotateCredentials,
  });
}
