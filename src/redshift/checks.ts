/**
 * The outcome of one check: as Immuta's validation tests word it.
 *
 * @group Check results
 */
export type CheckStatus = 'passed' | 'failed' | 'warning' | 'skipped';

/**
 * One check of `preflight` or `verifySetup`, in the shape of one of Immuta's `validationTests`: its name, its
 * status, and a message that says what was found — and, for a failure, what to do.
 *
 * @group Check results
 */
export interface CheckResult {
  /** What was checked, e.g. `Preflight: CREATE DATABASE`. */
  readonly name: string;
  /** `passed`, `failed`, `warning` (works, but look) or `skipped` (could not or need not be checked: the message says why). */
  readonly status: CheckStatus;
  /** What was found, in Redshift's terms; for a failure, the fix as well. */
  readonly message: string;
  /** For a failure: the statement(s) that would satisfy it (`ALTER USER "x" CREATEDB;`), run as a superuser. */
  readonly fix?: string;
}

/**
 * All checks, in the shape of Immuta's `validationResults`: `status` is `failed` when any check failed, else
 * `passed` (warnings and skipped checks do not fail it).
 *
 * @group Check results
 */
export interface CheckResults {
  /** `failed` when any check failed, else `passed`. */
  readonly status: 'passed' | 'failed';
  /** Every check, in a fixed order. */
  readonly validationTests: readonly CheckResult[];
}

/** @internal The overall result of a list of checks. */
export function checkResults(tests: readonly CheckResult[]): CheckResults {
  return { status: tests.some((test) => test.status === 'failed') ? 'failed' : 'passed', validationTests: tests };
}
