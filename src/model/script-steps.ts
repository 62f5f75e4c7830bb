/**
 * The SQL scripts of manual setup, update and deletion: which steps there are, what each endpoint takes, and
 * which Redshift database each script runs in — the one place these rules are written down.
 */

/**
 * Every script step, in the order a manual integration's life meets them.
 *
 * @group Manual setup
 */
export const SCRIPT_STEPS = ['initial-create', 'create', 'edit', 'delete', 'cleanup'] as const;

/**
 * A manual-setup script: `initial-create` and `create` set an integration up, `edit` updates it, `delete`
 * removes what a configured integration made, `cleanup` what a failed setup made.
 *
 * @group Manual setup
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
 * The two database names of a payload's `config` that decide where scripts run.
 *
 * @group Manual setup
 */
export interface ScriptDatabases {
  /** The Immuta database: created by `initial-create`, managed by Immuta. */
  readonly database: string;
  /** An existing database to connect to first; `database` is created from it. */
  readonly initialDatabase: string;
}

/**
 * The database each script runs in — the one rule the manual workflows, configuration as code, the runners of
 * `immuta-redshift/redshift` and the CLI all use:
 *
 * | step | database | why |
 * |---|---|---|
 * | `initial-create` | `initialDatabase` | the guide: "Run the script … in the Redshift initialDatabase" — it creates `database` |
 * | `create` | `database` | the guide: "Run the script … in the database created by the first script" |
 * | `edit` | `database` | the guide is silent; an edit changes grants, schemas and procedures, which live in the Immuta database, while users and groups are cluster-wide and can be changed from any database |
 * | `delete` | `initialDatabase` | the guide is silent; `DROP DATABASE` cannot run in the database it drops, nor while any session (this one included) is connected to it |
 * | `cleanup` | `initialDatabase` | the guide is silent; after a failed setup `database` may not exist, and if it does it must be dropped from elsewhere |
 *
 * The three silent rows are this SDK's inference (docs/assumptions.md); pass `overrides` when Immuta's script for
 * your version says otherwise (each script's first comment usually names its database).
 *
 * @example
 * ```ts
 * const database = databaseFor('delete', payload); // payload.config.initialDatabase
 * databaseFor('edit', payload, { edit: payload.config.initialDatabase }); // an override
 * ```
 *
 * @group Manual setup
 */
export function databaseFor(
  step: ScriptStep,
  payload: { readonly config: ScriptDatabases },
  overrides: Partial<Record<ScriptStep, string>> = {},
): string {
  const override = overrides[step];
  if (override !== undefined) return override;
  const { database, initialDatabase } = payload.config;
  return step === 'create' || step === 'edit' ? database : initialDatabase;
}
