/**
 * The statuses Immuta documents for an integration, and what each means for code that waits or converges:
 * the one place these sets are written down (the waiter and configuration as code both read them here).
 */

/**
 * The statuses Immuta documents for an integration.
 *
 * @group Integrations
 */
export const KNOWN_INTEGRATION_STATUSES = [
  'creating',
  'editing',
  'deleting',
  'migrating',
  'enabled',
  'createError',
  'editError',
  'deleteError',
  'migrateError',
  'recurringValidationError',
  'deleted',
  'disabled',
] as const;

/**
 * One of the twelve statuses Immuta documents.
 *
 * @group Integrations
 */
export type KnownIntegrationStatus = (typeof KNOWN_INTEGRATION_STATUSES)[number];

const set = (statuses: readonly KnownIntegrationStatus[]): ReadonlySet<string> => new Set(statuses);

/** @internal Statuses an integration leaves on its own: work is under way. */
export const TRANSIENT = set(['creating', 'editing', 'deleting', 'migrating']);

/** @internal Statuses that say the last operation (or the periodic check) failed. */
export const FAILED = set(['createError', 'editError', 'deleteError', 'migrateError', 'recurringValidationError']);

/** @internal Statuses that will not change on their own: reaching one that was not waited for ends a wait. */
export const SETTLED = set(['enabled', 'deleted', 'disabled', ...FAILED] as KnownIntegrationStatus[]);
