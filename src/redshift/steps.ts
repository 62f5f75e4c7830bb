/** The five scripts Immuta generates for a Redshift integration, in the guide's words. */
export const SCRIPT_STEPS = ['initial-create', 'create', 'edit', 'delete', 'cleanup'] as const;

/**
 * One of Immuta's scripts: `initial-create` and `create` (manual setup, in that order), `edit` (manual update),
 * `delete` (removal of a configured manual integration) and `cleanup` (removal after a failed manual setup).
 */
export type ScriptStep = (typeof SCRIPT_STEPS)[number];

/** The two database names of a payload's `config` that decide where scripts run. */
export interface ScriptDatabases {
  /** The Immuta database: created by `initial-create`, managed by Immuta. */
  readonly database: string;
  /** An existing database to connect to first; `database` is created from it. */
  readonly initialDatabase: string;
}

/**
 * The database each script runs in, for everyone to use the same rule:
 *
 * | step | database | why |
 * |---|---|---|
 * | `initial-create` | `initialDatabase` | the guide: "Run the script … in the Redshift initialDatabase" — it creates `database` |
 * | `create` | `database` | the guide: "Run the script … in the database created by the first script" |
 * | `edit` | `database` | the guide is silent; an edit changes grants, schemas and procedures, which live in the Immuta database, while users and groups are cluster-wide and can be changed from any database |
 * | `delete` | `initialDatabase` | the guide is silent; `DROP DATABASE` cannot run in the database it drops, nor while any session (this one included) is connected to it |
 * | `cleanup` | `initialDatabase` | the guide is silent; after a failed setup `database` may not exist, and if it does it must be dropped from elsewhere |
 *
 * The three silent rows are this SDK's inference; pass `overrides` when Immuta's script for your version says
 * otherwise (each script's first comment usually names its database).
 *
 * @example
 * ```ts
 * const database = databaseFor('delete', payload); // payload.config.initialDatabase
 * await runner.runScript({ sql, database, step: 'delete' });
 * databaseFor('edit', payload, { edit: payload.config.initialDatabase }); // an override
 * ```
 */
export function databaseFor(
  step: ScriptStep,
  payload: { readonly config: ScriptDatabases },
  overrides: Partial<Record<ScriptStep, string>> = {},
): string {
  const override = overrides[step];
  if (override !== undefined) return override;
  const { database, initialDatabase } = payload.config;
  switch (step) {
    case 'initial-create':
    case 'delete':
    case 'cleanup':
      return initialDatabase;
    case 'create':
    case 'edit':
      return database;
  }
}
