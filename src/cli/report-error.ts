/**
 * How the CLI reports a failure on stderr: one line saying what went wrong, what helps (each problem, each failed
 * test, once), and a hint naming the next command to run. As text, or — with `-o json` — as one JSON object.
 */
import {
  ConflictError,
  ImmutaApiError,
  ImmutaError,
  IntegrationFailedError,
  PayloadValidationError,
  PlanError,
  RedshiftConnectionError,
  UnprocessableEntityError,
  WaitTimeoutError,
} from '../errors/index.js';
import { printable } from '../internal/printable.js';
import { failedTests } from '../model/validation.js';
import { inCliWords } from './cli-words.js';
import { UsageError } from './exit-codes.js';
import type { Context } from './types.js';
import { fileName } from './positionals.js';

/** What the report needs to know of the command that failed. */
export interface Failure {
  readonly error: unknown;
  /** The command's context, once it had one: the wait under way, the file it read. */
  readonly context: Context | undefined;
  readonly interrupted: boolean;
}

const WAIT = (id: string, until: string) =>
  `immuta-redshift wait ${id}${until === 'enabled' ? '' : ` --until ${until}`}`;

/** The next command to run, where the CLI can name it. */
function hintFor({ error, context, interrupted }: Failure): string | undefined {
  const file = context ? fileName(context) : '<file>';
  if (interrupted) {
    const waiting = context?.waiting;
    if (!waiting) return undefined;
    const status = waiting.status === undefined ? '' : ` is still ${waiting.status} and`;
    return `integration ${waiting.id}${status} goes on without this command; resume waiting with: ${WAIT(waiting.id, waiting.until)}`;
  }
  if (error instanceof ConflictError && error.existingId !== undefined) {
    return `it exists already as integration ${error.existingId}: change it with immuta-redshift update ${error.existingId} -f ${file}, or keep it in a desired-state file with immuta-redshift apply`;
  }
  if (error instanceof IntegrationFailedError && error.status === 'createError') {
    const id = error.integration.id;
    return error.integration.autoBootstrap === false
      ? `the manual setup failed. As the guide says: run the cleanup script (immuta-redshift script cleanup -f ${file}), delete the integration with no body (immuta-redshift delete ${id} --wait), fix the cause, then start again`
      : `fix the cause, then repair it with immuta-redshift update ${id} -f ${file} --wait, or remove it with immuta-redshift delete ${id} -f ${file}`;
  }
  if (error instanceof UnprocessableEntityError && context?.command.brief.startsWith('create')) {
    return `Immuta's prerequisite checks failed. A manual payload (autoBootstrap: false) needs its scripts run first: immuta-redshift setup -f ${file} --run does it all; for an automatic one, check the account with immuta-redshift preflight -f ${file}`;
  }
  if (error instanceof WaitTimeoutError) {
    return `it may still get there: ${WAIT(error.id, context?.waiting?.until ?? 'enabled')}`;
  }
  if (error instanceof RedshiftConnectionError && error.reason === 'authentication') {
    return 'a manual payload names the system account its scripts create, which does not exist before they run: connect as the account that runs them with --redshift-user <user> and --redshift-password-file <path> (or PGUSER and PGPASSWORD)';
  }
  return undefined;
}

/** The lines under the first: each problem, or each failed test, once. */
function details(error: unknown): string[] {
  if (error instanceof PayloadValidationError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
  if (error instanceof PlanError) return error.problems.map((problem) => `${problem.name}: ${problem.message}`);
  if (error instanceof IntegrationFailedError) {
    return failedTests(error.validationResults).map(
      (test) => `${test.status.padEnd(8)} ${test.name}${test.message ? ` — ${test.message}` : ''}`,
    );
  }
  return [];
}

/** The first line: what went wrong, without what the detail lines say. */
function headline(error: unknown, interrupted: boolean): string {
  if (interrupted) return 'interrupted';
  if (error instanceof PayloadValidationError) {
    const count = error.issues.length;
    return `invalid ${error.subject} (${count} ${count === 1 ? 'problem' : 'problems'}):`;
  }
  if (error instanceof PlanError) {
    return `cannot plan (${error.problems.length} ${error.problems.length === 1 ? 'problem' : 'problems'}):`;
  }
  const message = error instanceof Error ? error.message : String(error);
  // The failed tests are listed below, once each.
  if (error instanceof IntegrationFailedError) return message.replace(/; failed validation tests: .*$/s, '');
  if (error instanceof RedshiftConnectionError) return inCliWords(message);
  return error instanceof ImmutaError || error instanceof UsageError ? message : `unexpected failure: ${message}`;
}

/** The report as text: `error: …`, the details indented, the hint, and with `--debug` the stack. */
export function reportText(failure: Failure, debug: boolean): string {
  const { error, interrupted } = failure;
  const hint = hintFor(failure);
  const lines = [
    printable(interrupted ? headline(error, true) : `error: ${headline(error, false)}`),
    ...(interrupted ? [] : details(error).map((line) => `  ${printable(line)}`)),
    ...(hint ? [`hint: ${printable(hint)}`] : []),
  ];
  if (debug && !interrupted && error instanceof Error && error.stack) lines.push(error.stack);
  return `${lines.join('\n')}\n`;
}

/** The report as JSON, for `-o json`: `{ error: { name, message, status?, hint?, details?, stack? } }` (`stack` with `--debug`). */
export function reportJson(failure: Failure, debug = false): string {
  const { error, interrupted } = failure;
  const hint = hintFor(failure);
  const more = interrupted ? [] : details(error);
  const body = {
    name: interrupted ? 'Interrupted' : error instanceof Error ? error.name : 'Error',
    message: interrupted ? 'interrupted' : headline(error, false),
    ...(error instanceof ImmutaApiError && { status: error.status }),
    ...(hint && { hint }),
    ...(more.length > 0 && { details: more }),
    ...(debug && !interrupted && error instanceof Error && error.stack !== undefined && { stack: error.stack }),
  };
  return `${JSON.stringify({ error: body })}\n`;
}
