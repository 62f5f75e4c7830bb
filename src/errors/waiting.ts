import type { Integration, IntegrationStatus, ValidationResults } from '../model/integration.js';
import { failedTests } from '../model/validation.js';
import { ImmutaError } from './base.js';

/**
 * A wait ended because the integration reached a status that will not become the one waited for:
 * `createError`, `editError`, `deleteError`, `migrateError`, `recurringValidationError`, or a terminal
 * status not asked for (`deleted` or `disabled` while waiting for `enabled`). The message names each
 * validation test that failed, with the message Immuta gave for it; `integration` is the last one read,
 * with any credential masked and any secret scrubbed.
 *
 * @example
 * ```ts
 * try {
 *   await client.createAndWait(payload);
 * } catch (error) {
 *   if (error instanceof IntegrationFailedError) {
 *     for (const test of error.validationResults?.validationTests ?? []) console.error(test.name, test.message);
 *     console.log(await client.scripts.cleanup(payload)); // for a manual setup
 *   }
 * }
 * ```
 *
 * @group Errors
 */
export class IntegrationFailedError extends ImmutaError {
  /** Always `'IntegrationFailedError'`. */
  override get name(): string {
    return 'IntegrationFailedError';
  }
  /** The status that ended the wait. */
  readonly status: IntegrationStatus;
  /** The integration as last read, credentials masked and secrets scrubbed. */
  readonly integration: Integration;
  /** The validation results Immuta reported with that status. */
  readonly validationResults: ValidationResults | undefined;

  constructor(integration: Integration, awaited: readonly string[]) {
    const failed = failedTests(integration.validationResults).map(
      (test) => `${test.name} (${test.status})${test.message ? `: ${test.message}` : ''}`,
    );
    const tests = failed.length > 0 ? `; failed validation tests: ${failed.join('; ')}` : '';
    super(
      `Integration ${integration.id} reached status ${integration.status} while waiting for ${awaited.join(' or ')}${tests}`,
    );
    this.status = integration.status;
    this.integration = integration;
    this.validationResults = integration.validationResults;
  }
}

/**
 * A wait reached its `timeoutMs` before the integration reached the status waited for.
 * The integration may still get there: wait again, or check it with `get`.
 *
 * @example
 * ```ts
 * try {
 *   await client.waitUntilEnabled(id, { timeoutMs: 60_000 });
 * } catch (error) {
 *   if (!(error instanceof WaitTimeoutError)) throw error;
 *   console.warn(`still ${error.lastStatus} after ${error.elapsedMs} ms; waiting longer`);
 *   await client.waitUntilEnabled(id);
 * }
 * ```
 *
 * @group Errors
 */
export class WaitTimeoutError extends ImmutaError {
  /** Always `'WaitTimeoutError'`. */
  override get name(): string {
    return 'WaitTimeoutError';
  }
  /** The integration waited for (scrubbed of secrets): wait for it again with this id. */
  readonly id: string;
  /** The last status read (scrubbed of secrets), or undefined if no read succeeded. */
  readonly lastStatus: IntegrationStatus | undefined;
  /** How long the wait lasted, in milliseconds. */
  readonly elapsedMs: number;

  constructor(
    details: {
      id: string;
      awaited: readonly string[];
      lastStatus: IntegrationStatus | undefined;
      elapsedMs: number;
      timeoutMs: number;
    },
    options?: ErrorOptions,
  ) {
    const last = details.lastStatus === undefined ? 'no status could be read' : `last status: ${details.lastStatus}`;
    super(
      `Integration ${details.id} did not reach ${details.awaited.join(' or ')} within ${details.timeoutMs} ms (${last})`,
      options,
    );
    this.id = details.id;
    this.lastStatus = details.lastStatus;
    this.elapsedMs = details.elapsedMs;
  }
}
