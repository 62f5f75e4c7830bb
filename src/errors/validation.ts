import type { ValidationIssue } from '../model/issues.js';
import { summarizeIssues } from '../model/issues.js';
import { ImmutaError, type RequestTarget } from './base.js';

/**
 * A payload (or delete credentials, an id, or a YAML/JSON document) is not valid. Nothing was sent.
 * `issues` lists each problem with its path; no message repeats a submitted value.
 *
 * @example
 * ```ts
 * try {
 *   await client.create(payload);
 * } catch (error) {
 *   if (error instanceof PayloadValidationError) {
 *     for (const issue of error.issues) console.error(`${issue.path}: ${issue.message}`);
 *   }
 * }
 * ```
 *
 * @group Errors
 */
export class PayloadValidationError extends ImmutaError {
  /** Always `'PayloadValidationError'`. */
  override get name(): string {
    return 'PayloadValidationError';
  }
  /** Every problem found, each with the path of the offending field. */
  readonly issues: readonly ValidationIssue[];
  /** What was checked, e.g. `Redshift integration payload`, `delete credentials`, `integration id`. */
  readonly subject: string;

  constructor(issues: readonly ValidationIssue[], subject = 'Redshift integration payload') {
    super(`Invalid ${subject}: ${summarizeIssues(issues)}`);
    this.issues = issues;
    this.subject = subject;
  }
}

/**
 * Immuta answered with success, but not with what the API documents: a body that is not JSON,
 * or one that lacks required fields. `issues` lists the paths that failed.
 *
 * @group Errors
 */
export class ResponseValidationError extends ImmutaError {
  /** Always `'ResponseValidationError'`. */
  override get name(): string {
    return 'ResponseValidationError';
  }
  /** The HTTP method of the request. */
  readonly method: string;
  /** The path of the request. */
  readonly path: string;
  /** What did not match, each with its path in the response body. */
  readonly issues: readonly ValidationIssue[];

  constructor(target: RequestTarget, issues: readonly ValidationIssue[]) {
    super(`${target.method} ${target.path}: unexpected response: ${summarizeIssues(issues)}`);
    this.method = target.method;
    this.path = target.path;
    this.issues = issues;
  }
}
