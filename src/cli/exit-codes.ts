import {
  ConfigurationError,
  IntegrationFailedError,
  PayloadValidationError,
  RequestAbortedError,
  WaitTimeoutError,
} from '../index.js';

/** The CLI's exit codes, as `--help` and docs/cli.md list them. */
export const EXIT = {
  ok: 0,
  /** The API or the network failed; the message is the server's. */
  apiError: 1,
  /** Bad usage or an invalid payload: nothing was sent. */
  usage: 2,
  /** The integration reached an error status while waiting. */
  integrationFailed: 3,
  /** The wait timed out. */
  waitTimeout: 4,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

/** A mistake on the command line, reported with the command's usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof PayloadValidationError || error instanceof ConfigurationError) {
    return EXIT.usage;
  }
  if (error instanceof IntegrationFailedError) return EXIT.integrationFailed;
  if (error instanceof WaitTimeoutError) return EXIT.waitTimeout;
  if (error instanceof RequestAbortedError) return EXIT.interrupted;
  return EXIT.apiError;
}
