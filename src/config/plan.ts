import { createHash } from 'node:crypto';
import {
  ConfigurationError,
  type Integration,
  isRedshiftIntegration,
  PlanError,
  type PlanProblem,
  type RedshiftIntegrationClient,
} from '../index.js';
import { isSignal } from '../internal/check.js';
import { fingerprintOf } from './compare.js';
import { integrationKey, isLiveRedshift, textOf } from './key.js';
import { entryNames } from './naming.js';
import { itemFor, unresolvedCredentials } from './plan-item.js';
import { type DesiredState, type Loaded, loadedOf, type LoadedEntry } from './state.js';
import { checkTenant } from './tenant.js';
import type { PlanBasisData, PlanData, PlanItem, PlanOptions } from './types.js';

/** @internal What a plan made in this process remembers for apply, beyond what it shows. */
export interface PlanBasis {
  readonly desired: DesiredState;
  readonly loaded: Loaded;
  readonly entries: ReadonlyMap<string, LoadedEntry>;
  /** For each item with an integration: its real id (the item shows it scrubbed), the status and fields seen. */
  readonly seen: ReadonlyMap<string, Seen>;
  readonly rotateCredentials: boolean;
  readonly tenant: string;
}

/** @internal What a plan saw of one integration. */
export interface Seen {
  readonly id: string;
  readonly status: string;
  readonly fingerprint: string;
}

const bases = new WeakMap<Plan, PlanBasis>();

/** A digest of `value`: what a saved plan keeps of a document or an integration, never the value itself. */
export function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * What {@link apply} would change, made by {@link plan} from a read of the tenant. It changes nothing. `items`
 * holds one item per entry (file order), then the unmanaged integrations. Render it with `formatPlan`;
 * `JSON.stringify(plan)` gives it as data (`PlanData`) that `apply` takes back later, with the desired state,
 * and checks is still current. Neither holds a credential or any secret value.
 *
 * @group Plan
 */
export class Plan {
  /** Every entry's item, then one per unmanaged Redshift integration. */
  readonly items: readonly PlanItem[];

  /** @internal Use {@link plan}. */
  constructor(items: readonly PlanItem[], basis: PlanBasis) {
    this.items = items;
    bases.set(this, basis);
  }

  /** Whether apply would change anything: some item is a `create`, `update` or `delete`. */
  get hasChanges(): boolean {
    return hasChanges(this.items);
  }

  /** `{ hasChanges, items, basis }`: what `JSON.stringify(plan)` and `immuta-redshift plan -o json` write. */
  toJSON(): PlanData {
    const basis = bases.get(this) as PlanBasis;
    const seen: Record<string, string> = {};
    for (const [name, each] of basis.seen) seen[name] = digest(each);
    const data: PlanBasisData = {
      format: 1,
      tenant: basis.tenant,
      desired: digest(basis.desired.document),
      rotateCredentials: basis.rotateCredentials,
      seen,
    };
    return { hasChanges: this.hasChanges, items: this.items, basis: data };
  }
}

/** @internal Whether items change anything. */
export function hasChanges(items: readonly PlanItem[]): boolean {
  return items.some((item) => item.action === 'create' || item.action === 'update' || item.action === 'delete');
}

/** @internal The basis of a plan made in this process; undefined for anything else. */
export function basisOf(plan: unknown): PlanBasis | undefined {
  return plan instanceof Plan ? bases.get(plan) : undefined;
}

/** @internal What plan and apply are given: a loaded desired state. */
export function loadedState(desired: unknown): Loaded {
  const loaded = loadedOf(desired);
  if (loaded) return loaded;
  throw new ConfigurationError(
    desired instanceof Object && 'document' in desired
      ? 'this desired state holds references nobody resolved (it came from exportDesiredState): write it with ' +
          'toDesiredStateYaml, set its variables, and read it with loadDesiredState before planning'
      : 'expected a DesiredState from loadDesiredState',
    { option: 'desired' },
  );
}

/** An id to show: a string or number as text, anything else (from an item `list()` kept as received) as a note. */
function idOf(integration: Integration): string {
  const id = textOf(integration.id);
  return id === '' ? '(an id that is not text)' : id;
}

/**
 * Compares a desired state (from `loadDesiredState`) with the tenant and says what {@link apply} would do,
 * entry by entry: `create`, `update` (with each non-secret field that differs), `delete` (`state: absent`),
 * `noop`; Redshift integrations no entry matches are `unmanaged`. Reads the tenant once and changes nothing.
 * Credentials are write-only and never compared (see `rotateCredentials`), and a plan needs none: a credential
 * reference with no value now is listed in its item's `unresolved`.
 *
 * @throws {@link immuta-redshift!PlanError | PlanError} when an entry matches two integrations, or would switch
 * `autoBootstrap` of an existing one; every such problem is listed.
 * @throws {@link immuta-redshift!ConfigurationError | ConfigurationError} when the file is pinned to another
 * tenant than the client's (its `tenant`), for a bad option, or for a state that was never loaded.
 * @throws {@link immuta-redshift!ImmutaApiError | ImmutaApiError}, … when the tenant cannot be read.
 *
 * @example
 * ```ts
 * import { formatPlan, loadDesiredState, plan } from 'immuta-redshift/config';
 *
 * const changes = await plan(client, await loadDesiredState(await readFile('desired.yaml', 'utf8')));
 * console.log(formatPlan(changes));
 * ```
 *
 * @group Plan
 */
export async function plan(
  client: RedshiftIntegrationClient,
  desired: DesiredState,
  options: PlanOptions = {},
): Promise<Plan> {
  const loaded = loadedState(desired);
  const given = options ?? {};
  if (typeof given !== 'object') throw new ConfigurationError('plan options must be an object', { option: 'options' });
  if (given.signal !== undefined && !isSignal(given.signal)) {
    throw new ConfigurationError('signal must be an AbortSignal', { option: 'signal' });
  }
  checkTenant(desired, client.baseUrl);
  const rotateCredentials = given.rotateCredentials === true;
  const listed = await client.list(given.signal === undefined ? {} : { signal: given.signal });
  const shown = (text: string) => client.redactSecrets(text);
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
  const seen = new Map<string, Seen>();
  const matched = new Set<Integration>();
  for (const entry of loaded.entries) {
    const matches = byKey.get(entry.key) ?? [];
    matches.forEach((each) => matched.add(each));
    const ids = matches.map((each) => shown(idOf(each)));
    if (matches.length > 1) {
      problems.push({
        name: entry.name,
        ids,
        message: `matches ${matches.length} integrations (${ids.join(', ')}): delete the extra ones by hand, then plan again`,
      });
      continue;
    }
    const [match] = matches;
    if (match && !isRedshiftIntegration(match)) {
      problems.push({
        name: entry.name,
        ids,
        message: `integration ${ids[0] ?? ''} does not match the documented shape, so it cannot be compared safely`,
      });
      continue;
    }
    const item = itemFor(entry, match, rotateCredentials, problems, shown);
    if (match) seen.set(entry.name, { id: match.id, status: match.status, fingerprint: fingerprintOf(match) });
    const unresolved = await unresolvedCredentials(loaded, entry);
    items.push(unresolved.length > 0 ? { ...item, unresolved } : item);
  }
  if (problems.length > 0) throw new PlanError(problems);

  const unmanaged = redshift.filter((each) => !matched.has(each));
  const names = entryNames(unmanaged.map((each) => (isRedshiftIntegration(each) ? each.config : undefined)));
  unmanaged.forEach((integration, i) => {
    items.push({
      name: shown(names[i] ?? idOf(integration)),
      action: 'unmanaged',
      id: shown(idOf(integration)),
      status: shown(textOf(integration.status)),
      ...(integration.autoBootstrap !== undefined && { autoBootstrap: integration.autoBootstrap }),
      changes: [],
      reason: 'no entry matches it: left alone',
    });
  });

  return new Plan(items, {
    desired,
    loaded,
    entries: new Map(loaded.entries.map((entry) => [entry.name, entry])),
    seen,
    rotateCredentials,
    tenant: client.baseUrl,
  });
}
