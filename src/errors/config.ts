import { ImmutaError } from './base.js';

/**
 * One reason a plan cannot be made: the entry it concerns, what is wrong, and the integrations involved.
 *
 * @group Errors
 */
export interface PlanProblem {
  /** The entry's name in the desired-state file. */
  readonly name: string;
  /** What is wrong, and what to do about it. Never holds a resolved secret reference. */
  readonly message: string;
  /** The ids of the integrations involved, when there are some. */
  readonly ids: readonly string[];
}

/**
 * `client.plan` (or `apply` given a desired state) found the file and the tenant irreconcilable: an entry
 * matches two integrations, or asks to change `autoBootstrap` of an existing one (replacing an integration
 * is a deliberate `state: absent` then a new entry). Nothing was changed. `problems` lists every one found,
 * not only the first.
 *
 * @example
 * ```ts
 * try {
 *   await client.plan(desired);
 * } catch (error) {
 *   if (error instanceof PlanError) for (const problem of error.problems) console.error(problem.name, problem.message);
 * }
 * ```
 *
 * @group Errors
 */
export class PlanError extends ImmutaError {
  /** Always `'PlanError'`. */
  override get name(): string {
    return 'PlanError';
  }
  /** Every problem, one per entry at fault. */
  readonly problems: readonly PlanProblem[];

  constructor(problems: readonly PlanProblem[]) {
    const first = problems[0];
    const rest = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super(`Cannot plan: ${first ? `${first.name}: ${first.message}` : 'no reason given'}${rest}`);
    this.problems = problems;
  }
}

/**
 * `apply` refused one item because the integration changed on the tenant since the plan was made: its
 * status or a non-secret field of its config differs from what the plan saw (someone edited it by hand, or
 * another run got there first), or an integration with the entry's key appeared. Nothing was sent for that
 * item. Plan again and review the new plan.
 *
 * @group Errors
 */
export class PlanStaleError extends ImmutaError {
  /** Always `'PlanStaleError'`. */
  override get name(): string {
    return 'PlanStaleError';
  }
  /** The entry's name. */
  readonly entry: string;
  /** The integration's id, when there is one. */
  readonly id: string | undefined;
  /** What changed since the plan: `status: enabled → editError`, `config.initialDatabase`, … */
  readonly changed: readonly string[];

  constructor(entry: string, id: string | undefined, changed: readonly string[]) {
    super(
      `${entry}: the integration${id === undefined ? '' : ` ${id}`} changed since the plan (${changed.join('; ')}); nothing was sent for it — plan again`,
    );
    this.entry = entry;
    this.id = id;
    this.changed = changed;
  }
}

/**
 * A step of `apply` that ran code of yours — `runScript` — failed; its error is the `cause`.
 *
 * @group Errors
 */
export class ScriptRunError extends ImmutaError {
  /** Always `'ScriptRunError'`. */
  override get name(): string {
    return 'ScriptRunError';
  }
  /** The entry's name. */
  readonly entry: string;
  /** The script's step: `initial-create`, `create`, `edit`, `delete` or `cleanup`. */
  readonly step: string;

  constructor(entry: string, step: string, cause: unknown) {
    super(`${entry}: runScript failed for the ${step} script; its error is the cause`, { cause });
    this.entry = entry;
    this.step = step;
  }
}
