/**
 * The impersonation group Immuta's guide shows (`"role": "immuta_impersonation"`), assumed when a payload turns
 * impersonation on without naming one.
 *
 * @group Preflight
 */
export const DEFAULT_IMPERSONATION_ROLE = 'immuta_impersonation';
