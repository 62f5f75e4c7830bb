import {
  ConfigurationError,
  OptionalPackageMissingError,
  PlanError,
  IntegrationFailedError,
  PayloadValidationError,
  RequestAbortedError,
  WaitTimeoutError,
} from '../errors/index.js';

/** The CLI's exit codes, as `--help` and docs/cli.md list them. */
export const EXIT = {
  ok: 0,
  /** The API or the network failed; the message is the server's. */
  apiError: 1,
  /** Bad usage or an invalid file: nothing was sent. */
  usage: 2,
  /** The integration reached an error status while waiting. */
  integrationFailed: 3,
  /** The wait timed out. */
  waitTimeout: 4,
  /** plan: changes are pending (drift); apply: some entries still wait for their scripts, or were not confirmed. */
  changesPending: 5,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What each exit code means, for help texts. */
export const EXIT_MEANING: Readonly<Record<ExitCode, string>> = {
  0: 'success',
  1: 'API or network error (the message is the server’s)',
  2: 'usage error or invalid file (nothing was sent)',
  3: 'the integration reached an error status while waiting (failed validation tests listed)',
  4: 'the wait timed out',
  5: 'changes are pending: the tenant does not match the file (plan), or entries wait for their scripts (apply)',
  130: 'interrupted (Ctrl-C)',
};

/** A mistake on the command line, reported in one line with the fix. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function exitCodeFor(error: unknown): ExitCode {
  if (
    error instanceof UsageError ||
    error instanceof PayloadValidationError ||
    error instanceof ConfigurationError ||
    error instanceof PlanError ||
    error instanceof OptionalPackageMissingError
  ) {
    return EXIT.usage;
  }
  if (error instanceof IntegrationFailedError) return EXIT.integrationFailed;
  if (error instanceof WaitTimeoutError) return EXIT.waitTimeout;
  if (error instanceof RequestAbortedError) return EXIT.interrupted;
  return EXIT.apiError;
}
