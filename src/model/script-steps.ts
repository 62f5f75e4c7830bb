/**
 * The SQL scripts of manual setup, update and deletion: which steps there are, what each endpoint takes, and
 * which Redshift database each script runs in — the one place these rules are written down.
 */

/** Every script step, in the order a manual integration's life meets them. */
export const SCRIPT_STEPS = ['initial-create', 'create', 'edit', 'delete', 'cleanup'] as const;

/**
 * A manual-setup script: `initial-create` and `create` set an integration up, `edit` updates it, `delete`
 * removes what a configured integration made, `cleanup` what a failed setup made.
 */
export type ScriptStep = (typeof SCRIPT_STEPS)[number];

/**
 * @internal What each step's endpoint takes: whether it belongs to one integration
 * (`POST /integrations/{id}/scripts/<step>`) or not (`POST /integrations/scripts/<step>`), and whether the
 * payload is its body. As Immuta's guide documents them.
 */
export const SCRIPT_ENDPOINTS: Readonly<Record<ScriptStep, { perIntegration: boolean; payload: boolean }>> = {
  'initial-create': { perIntegration: false, payload: true },
  create: { perIntegration: false, payload: true },
  cleanup: { perIntegration: false, payload: true },
  edit: { perIntegration: true, payload: true },
  delete: { perIntegration: true, payload: false },
};

/**
 * The Redshift database a step's script runs in. The guide says: `initial-create` in the payload's
 * `initialDatabase`, `create` in the new `database` the first script made. For the others it says only "your
 * Redshift environment", so this SDK chooses what can work (an assumption, listed in docs/assumptions.md):
 * `edit` in `database`, where Immuta's schemas and grants live; `delete` and `cleanup` in `initialDatabase`,
 * because they drop `database`, and Redshift (like PostgreSQL) cannot drop the database a session is
 * connected to. Every runner and the CLI take an override.
 *
 * @example
 * ```ts
 * databaseFor('create', payload.config); // 'immuta'
 * ```
 */
export function databaseFor(step: ScriptStep, config: { database: string; initialDatabase: string }): string {
  return step === 'create' || step === 'edit' ? config.database : config.initialDatabase;
}
