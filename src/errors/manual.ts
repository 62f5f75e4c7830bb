import { ImmutaError } from './base.js';

/**
 * Where a manual workflow run stands: a script step, the request to Immuta, or the wait for its outcome.
 *
 * @group Errors
 */
export type ManualRunStage =
  'initial-create' | 'create' | 'configure' | 'edit' | 'update' | 'delete' | 'cleanup' | 'remove' | 'wait';

/**
 * A manual workflow's `run()` stopped before the end: `stoppedAt` says where, `next` what to run next, in the
 * guide's order (after a failed setup: the cleanup script, then a `DELETE` with no body of a `createError`
 * integration, then the setup again). The step's own error is the `cause`: a `StatementFailedError` saying which
 * statement of which script failed, an `ImmutaApiError`, an `IntegrationFailedError`, …
 *
 * @example
 * ```ts
 * try {
 *   await client.manualSetup(payload).run({ redshift: runner });
 * } catch (error) {
 *   if (error instanceof ManualRunError) console.error(`stopped at ${error.stoppedAt}; next: ${error.next}`);
 *   throw error;
 * }
 * ```
 *
 * @group Errors
 */
export class ManualRunError extends ImmutaError {
  /** Always `'ManualRunError'`. */
  override get name(): string {
    return 'ManualRunError';
  }
  /** The stage that failed: a script (`initial-create`, `create`, `edit`, `delete`), `configure`, `update`, `remove` (the `DELETE`) or `wait`. */
  readonly stoppedAt: ManualRunStage;
  /** The integration, once Immuta created one. */
  readonly integrationId: string | undefined;
  /** What to do next, in words and in the SDK's calls. */
  readonly next: string;

  constructor(
    details: { stoppedAt: ManualRunStage; integrationId?: string | undefined; next: string },
    cause: unknown,
  ) {
    // The cause may end with its own "Next:" for the statement; the run's next step follows it, named as such.
    const reason = (cause instanceof Error ? cause.message : 'it failed').replace(/[.\s]+$/, '');
    super(`The manual run stopped at ${details.stoppedAt}: ${reason}. To go on with the run: ${details.next}`, {
      cause,
    });
    this.stoppedAt = details.stoppedAt;
    this.integrationId = details.integrationId;
    this.next = details.next;
  }
}
