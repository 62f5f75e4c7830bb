import { PayloadValidationError, type RedshiftIntegrationPayload, validateRedshiftPayload } from '../index.js';
import type { DesiredStateDocument } from './file-schema.js';
import { type ReferenceSources, resolveText } from './references.js';

/** @internal One entry, as loaded. */
export interface LoadedEntry {
  readonly name: string;
  readonly state: 'present' | 'absent';
  /** How it finds its integration: type, host, port, database. */
  readonly key: string;
  /**
   * The payload with its references resolved — but for the credential fields that hold references, which hold
   * {@link UNRESOLVED} until apply needs them ({@link credentialsOf}). Never sent as it is.
   */
  readonly template: RedshiftIntegrationPayload;
  /** Reference expressions by field (`config.initialDatabase` → `${env:RS_DB}`), shown in place of values. */
  readonly references: ReadonlyMap<string, string>;
  /** The credential fields that hold references, by path, as written: resolved only when needed. */
  readonly deferred: ReadonlyMap<string, string>;
}

/** @internal What a loaded state holds beyond its document. */
export interface Loaded {
  readonly entries: readonly LoadedEntry[];
  /** Where the deferred references are resolved from (the environment and directory of the load). */
  readonly sources: ReferenceSources;
}

/** @internal What a credential field holds until its reference is resolved: passes the checks, is never sent. */
export const UNRESOLVED = '\u0000unresolved';

const loaded = new WeakMap<DesiredState, Loaded>();

/**
 * The integrations you want, as `loadDesiredState` read them from a file or `exportDesiredState` found them on
 * a tenant. Pass it to `plan` or `apply`, or write it with `toDesiredStateYaml`.
 *
 * `document` is the file as written — references such as `${env:RS_PASSWORD}` unresolved — and is all that
 * `JSON.stringify` or `console.log` show. Values resolved from references are kept out of sight. References in
 * credential fields are resolved only when apply needs them, so a plan needs no credential. A state from
 * `exportDesiredState` holds references nobody has resolved yet: write it to a file, set the variables, and
 * load it, before planning with it.
 *
 * @group Desired state
 */
export class DesiredState {
  /** The file as written: entries by name, references unresolved. */
  readonly document: DesiredStateDocument;

  /** @internal Use `loadDesiredState` or `exportDesiredState`. */
  constructor(document: DesiredStateDocument, resolved?: Loaded) {
    this.document = document;
    if (resolved) loaded.set(this, resolved);
  }

  /** The entries' names, in file order. */
  get names(): string[] {
    return Object.keys(this.document.integrations);
  }

  /** Whether it was loaded (it came from `loadDesiredState`), so it can be planned. */
  get resolved(): boolean {
    return loaded.has(this);
  }

  /** The Immuta URL the file is pinned to (its `tenant`), if it names one. */
  get tenant(): string | undefined {
    return this.document.tenant;
  }

  /** The document: what `JSON.stringify` writes. */
  toJSON(): DesiredStateDocument {
    return this.document;
  }
}

/** @internal The entries of a loaded state; undefined for one never loaded (an export) or anything else. */
export function loadedOf(state: unknown): Loaded | undefined {
  return state instanceof DesiredState ? loaded.get(state) : undefined;
}

/**
 * @internal An entry's payload with its credentials resolved, checked as the client checks it. Throws
 * `PayloadValidationError` naming the entry, each field and its reference, never a value.
 */
export async function credentialsOf(state: Loaded, entry: LoadedEntry): Promise<RedshiftIntegrationPayload> {
  const payload = structuredClone(entry.template) as unknown as Record<string, unknown>;
  const issues: { path: string; message: string }[] = [];
  for (const [path, text] of entry.deferred) {
    const resolved = await resolveText(text, state.sources);
    if ('problems' in resolved) {
      for (const problem of resolved.problems)
        issues.push({ path: `integrations.${entry.name}.${path}`, message: problem });
      continue;
    }
    const steps = path.split('.');
    const last = steps.pop() as string;
    let node = payload;
    for (const step of steps) node = node[step] as Record<string, unknown>;
    node[last] = resolved.value;
  }
  if (issues.length > 0) throw new PayloadValidationError(issues, 'desired state');
  try {
    return validateRedshiftPayload(payload);
  } catch (error) {
    if (!(error instanceof PayloadValidationError)) throw error;
    const issues = error.issues.map((issue) => {
      const reference = entry.deferred.get(issue.path);
      return {
        path: `integrations.${entry.name}.${issue.path}`,
        message: reference ? `${issue.message} (from ${reference})` : issue.message,
      };
    });
    throw new PayloadValidationError(issues, 'desired state');
  }
}
