/** Statuses an integration leaves on its own: apply waits for them to settle before it changes anything. */
export const TRANSIENT: ReadonlySet<string> = new Set(['creating', 'editing', 'deleting', 'migrating']);

/** Statuses that say the last operation failed: an update re-sends the config to repair them. */
export const FAILED: ReadonlySet<string> = new Set([
  'createError',
  'editError',
  'deleteError',
  'migrateError',
  'recurringValidationError',
]);

/** What a wait for "settled" waits for: anything but the transient statuses. */
export const SETTLED = ['enabled', 'disabled', 'deleted', ...FAILED] as const;
