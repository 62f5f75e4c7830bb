import type { RedshiftIntegrationPayload } from '../model/payload.js';
import type { DesiredStateDocument } from './document.js';
import { sharedWeakMap } from './registry.js';

/** @internal One entry, resolved: what apply sends. */
export interface ResolvedEntry {
  readonly name: string;
  readonly state: 'present' | 'absent';
  /** The payload with every reference resolved, `type` filled in. */
  readonly payload: RedshiftIntegrationPayload;
  readonly key: string;
  /** Reference expressions by field (`config.password` → `${env:RS_PASSWORD}`), shown in place of values. */
  readonly references: ReadonlyMap<string, string>;
}

/** @internal What a loaded state holds beyond its document. */
export interface Resolved {
  readonly entries: readonly ResolvedEntry[];
  /** Every value a reference resolved to: hidden from all output. */
  readonly secrets: readonly string[];
}

/** Also what marks a state as one of ours, across the package's copies (see registry.ts). */
const resolutions = sharedWeakMap<object, Resolved | null>('desired-state');

/**
 * The integrations you want, as `loadDesiredState` read them from a file or `client.exportDesiredState()`
 * found them on a tenant. Pass it to `client.plan` or `client.apply`, or write it with `toDesiredStateYaml`.
 *
 * `document` is the file as written — references such as `${env:RS_PASSWORD}` unresolved — and is all that
 * `JSON.stringify` or `console.log` show. The resolved values are kept out of sight, for the requests only.
 * A state from `exportDesiredState` holds references nobody has resolved yet: write it to a file, set the
 * variables, and load it, before planning with it.
 */
export class DesiredState {
  /** The file as written: entries by name, references unresolved. */
  readonly document: DesiredStateDocument;

  /** @internal Use `loadDesiredState` or `client.exportDesiredState()`. */
  constructor(document: DesiredStateDocument, resolved?: Resolved) {
    this.document = document;
    resolutions.set(this, resolved ?? null);
  }

  /** The entries' names, in file order. */
  get names(): string[] {
    return Object.keys(this.document.integrations);
  }

  /** Whether its references were resolved (it came from `loadDesiredState`), so it can be planned. */
  get resolved(): boolean {
    return resolutions.get(this) != null;
  }

  /** The document: what `JSON.stringify` writes. */
  toJSON(): DesiredStateDocument {
    return this.document;
  }
}

/**
 * @internal The resolved entries of a loaded state; `null` for one never resolved (an export); undefined for
 * anything that is not a desired state.
 */
export function resolutionOf(state: unknown): Resolved | null | undefined {
  return typeof state === 'object' && state !== null ? resolutions.get(state) : undefined;
}
