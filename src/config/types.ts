/**
 * The shapes of configuration as code: a plan and its items, what apply takes and hands back, its events.
 * Declarations only, apart from the code that makes them.
 */
import type { ImmutaError, Integration, RedshiftIntegrationPayload, ScriptStep, WaitOptions } from '../index.js';
import type { DesiredState } from './state.js';

/**
 * One non-secret field that differs between the tenant and the file.
 *
 * @group Plan
 */
export interface FieldChange {
  /** Its path in the payload, e.g. `config.initialDatabase`. */
  readonly field: string;
  /** The tenant's value. */
  readonly before: unknown;
  /** The file's value; a value that came from a reference is shown as the reference (`${env:RS_DB}`). */
  readonly after: unknown;
}

/**
 * What apply will do with an entry: `create`, `update` (the `changes` say which fields), `delete`
 * (`state: absent` and it exists), `noop`; or `unmanaged` for a Redshift integration on the tenant that no
 * entry matches, which apply never touches.
 *
 * @group Plan
 */
export type PlanAction = 'create' | 'update' | 'delete' | 'noop' | 'unmanaged';

/**
 * A credential field whose reference cannot be resolved now: apply needs it, plan does not.
 *
 * @group Plan
 */
export interface UnresolvedCredential {
  /** The field, e.g. `config.password`. */
  readonly field: string;
  /** The reference, e.g. `${env:RS_PROD_PASSWORD}`. */
  readonly reference: string;
  /** Why it has no value now, e.g. `the environment variable is not set`. */
  readonly problem: string;
}

/**
 * One entry of a plan (or one unmanaged integration).
 *
 * @group Plan
 */
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
  /**
   * Credential fields whose references have no value now (a variable not set, a missing file). Plan does not
   * need them; apply does, and refuses before any write while one of the entries it writes has one.
   */
  readonly unresolved?: readonly UnresolvedCredential[];
}

/**
 * Options of {@link plan}.
 *
 * @group Plan
 */
export interface PlanOptions {
  /**
   * Credentials are write-only, so an entry equal in every other field is `noop`. `true` makes those an
   * `update` that re-sends the config, credentials included: how to roll out a rotated password.
   */
  rotateCredentials?: boolean;
  /** Cancels the reads. */
  signal?: AbortSignal;
}

/**
 * What a saved plan carries for apply to check that it is still current — digests only, no value of the file or
 * the tenant: the tenant it was made for, the file, and what the plan saw of each integration.
 *
 * @group Plan
 */
export interface PlanBasisData {
  /** The format of this data. */
  readonly format: 1;
  /** The Immuta URL the plan was made against. */
  readonly tenant: string;
  /** A digest of the desired-state document the plan was made from. */
  readonly desired: string;
  /** Whether the plan re-sends credentials of otherwise unchanged entries. */
  readonly rotateCredentials: boolean;
  /** By entry name: a digest of the integration the plan saw (its id, status and non-secret fields). */
  readonly seen: Readonly<Record<string, string>>;
}

/**
 * A plan as data: what `JSON.stringify(plan)` writes, and what {@link apply} takes back later.
 *
 * @group Plan
 */
export interface PlanData {
  /** Whether apply would change anything. */
  readonly hasChanges: boolean;
  /** Every item of the plan. */
  readonly items: readonly PlanItem[];
  /** What apply checks a saved plan against. */
  readonly basis: PlanBasisData;
}

/** Which manual-setup script: see {@link ScriptStep}. */
export type { ScriptStep };

/**
 * A script of a manual entry, and the Redshift database to run it in.
 *
 * @group Apply
 */
export interface ScriptToRun {
  /** Which script: `initial-create`, `create`, `edit`, `delete` or `cleanup`. */
  readonly step: ScriptStep;
  /** The SQL, as Immuta generated it. */
  readonly sql: string;
  /** Where to run it: `databaseFor(step, config)` from the main entry says which database each step runs in. */
  readonly database: string;
}

/**
 * What `runScript` is called with: the entry, and one script to run before apply goes on.
 *
 * @group Apply
 */
export interface RunScriptRequest extends ScriptToRun {
  /** The entry's name. */
  readonly name: string;
  /**
   * The entry's payload, its credentials resolved: where the entry's cluster is (`config.host`, `config.port`), and
   * for `userPassword` the account Immuta uses — what `runScriptsWith` from `immuta-redshift/redshift` connects with.
   */
  readonly payload: RedshiftIntegrationPayload;
  /** Cancels the run when apply is interrupted. */
  readonly signal?: AbortSignal;
}

/**
 * How one item of an apply ended.
 *
 * @group Apply
 */
export type ApplyOutcome = 'done' | 'failed' | 'skipped';

/**
 * One entry's result.
 *
 * @group Apply
 */
export interface ApplyItemResult {
  /** The entry's name. */
  readonly name: string;
  /** What the plan said to do. */
  readonly action: Exclude<PlanAction, 'unmanaged'>;
  /** `done`: the integration is as the entry says. `failed`: see `error`. `skipped`: see `reason` (and `scripts`). */
  readonly outcome: ApplyOutcome;
  /** The integration's id, once known. */
  readonly id?: string;
  /** The integration as last read, credentials masked. */
  readonly integration?: Integration;
  /** Why the item failed; an {@link ImmutaError}, scrubbed like every error of the SDK. */
  readonly error?: ImmutaError;
  /** A manual entry's scripts, to run by hand (then apply again with `scriptsRan`); or a failed setup's cleanup. */
  readonly scripts?: readonly ScriptToRun[];
  /** Why it was skipped, or what to do next. */
  readonly reason?: string;
}

/**
 * What {@link apply} did, one result per entry (file order).
 *
 * @group Apply
 */
export interface ApplyResult {
  /** One result per entry, in file order (unmanaged integrations are not among them). */
  readonly items: readonly ApplyItemResult[];
  /** No item failed (some may have been skipped, waiting for their scripts). */
  readonly ok: boolean;
  /** Whether apply changed anything on the tenant (false when every item was `noop`). */
  readonly changed: boolean;
}

/**
 * An item started: apply is about to read it again and act.
 *
 * @group Apply
 */
export interface ApplyStartEvent {
  /** `'start'`. */
  readonly type: 'start';
  /** The entry's name. */
  readonly name: string;
  /** What apply does with it. */
  readonly action: PlanAction;
  /** The integration's id, when it exists. */
  readonly id?: string;
}

/**
 * An item's integration reached a new status while apply waited for it.
 *
 * @group Apply
 */
export interface ApplyStatusEvent {
  /** `'status'`. */
  readonly type: 'status';
  /** The entry's name. */
  readonly name: string;
  /** The integration's id. */
  readonly id: string;
  /** Its new status. */
  readonly status: string;
}

/**
 * A manual entry's script was generated, and run by `runScript` (or kept for you to run).
 *
 * @group Apply
 */
export interface ApplyScriptEvent {
  /** `'script'`. */
  readonly type: 'script';
  /** The entry's name. */
  readonly name: string;
  /** Which script. */
  readonly step: ScriptStep;
  /** Whether `runScript` ran it (false: it is in the item's `scripts`, to run by hand). */
  readonly ran: boolean;
}

/**
 * An item ended.
 *
 * @group Apply
 */
export interface ApplyEndEvent {
  /** `'end'`. */
  readonly type: 'end';
  /** The entry's name. */
  readonly name: string;
  /** What apply did with it. */
  readonly action: PlanAction;
  /** How it ended. */
  readonly outcome: ApplyOutcome;
  /** The integration's id, when known. */
  readonly id?: string;
}

/**
 * What happens during an apply, for progress output: items start, change status, run scripts and end.
 *
 * @group Apply
 */
export type ApplyEvent = ApplyStartEvent | ApplyStatusEvent | ApplyScriptEvent | ApplyEndEvent;

/**
 * Options of {@link apply}.
 *
 * @group Apply
 */
export interface ApplyOptions {
  /** How many items run at once. Default 4, from 1 to 64. */
  concurrency?: number;
  /** Cancels the apply: requests stop, items not yet started are `skipped`. */
  signal?: AbortSignal;
  /** Called as items start, change status, run scripts and end. An error it throws is logged and ignored. */
  onEvent?: (event: ApplyEvent) => void;
  /**
   * Runs a manual entry's script where it belongs, e.g. with a runner from `immuta-redshift/redshift`; apply
   * goes on once it resolves. Without it, manual items are `skipped` with their scripts in the result.
   */
  runScript?: (script: RunScriptRequest) => Promise<void> | void;
  /** Entries whose scripts you ran by hand after an apply skipped them: apply finishes them. */
  scriptsRan?: readonly string[];
  /** Stop starting items after the first failure (those left are `skipped`). Default false. */
  failFast?: boolean;
  /** When given a desired state rather than a plan: plan with this (see {@link PlanOptions}). */
  rotateCredentials?: boolean;
  /**
   * The desired state a saved plan (a {@link PlanData} read back from JSON) was made from: it holds the
   * credentials, which a saved plan never does. Not needed with a plan made in this process.
   */
  desired?: DesiredState;
  /** The waits for each item: `timeoutMs` (default 15 minutes each), `minDelayMs`, `maxDelayMs`. */
  wait?: Omit<WaitOptions, 'until' | 'signal' | 'onPoll'>;
}

/**
 * Options of {@link exportDesiredState}.
 *
 * @group Export
 */
export interface ExportOptions {
  /** Cancels the read. */
  signal?: AbortSignal;
}
