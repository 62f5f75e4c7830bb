import type { RedshiftIntegrationPayload } from '../model/payload.js';
import type { ScriptStep } from '../model/script-steps.js';
import type { RedshiftRunner } from './runner.js';

/**
 * What `apply` hands a script runner: the entry, its payload (credentials resolved), the script and its database.
 *
 * @group Running scripts
 */
export interface ApplyScriptRequest {
  /** The entry's name. */
  readonly name: string;
  /** The entry's payload, credentials resolved. */
  readonly payload: RedshiftIntegrationPayload;
  /** Which script. */
  readonly step: ScriptStep;
  /** The SQL. */
  readonly sql: string;
  /** The database it runs in. */
  readonly database: string;
  /** Cancels the run. */
  readonly signal?: AbortSignal;
}

/**
 * A `runScript` for `apply`, and the way to close the connections it opened.
 *
 * @group Running scripts
 */
export interface ApplyScripts {
  /** Pass it as `apply`'s `runScript` option. */
  runScript(request: ApplyScriptRequest): Promise<void>;
  /** Closes every runner it opened (not one it was given). */
  close(): Promise<void>;
}

/**
 * Lets `apply` (`immuta-redshift/config`) run the scripts of manual entries itself: with one runner for every
 * entry (a Data API runner on one cluster), or with a runner per entry made by `connect` — opened on the first
 * script of an entry, reused for its later ones, closed by `close()`.
 *
 * @example
 * ```ts
 * import { apply } from 'immuta-redshift/config';
 * import { createWireRunner, runScriptsWith, wireConnectionOf } from 'immuta-redshift/redshift';
 *
 * // Each entry's cluster, as the account its payload names.
 * const scripts = runScriptsWith(({ payload }) => createWireRunner(wireConnectionOf(payload)));
 * try {
 *   await apply(client, desired, { runScript: scripts.runScript });
 * } finally {
 *   await scripts.close();
 * }
 * ```
 *
 * @group Running scripts
 */
export function runScriptsWith(
  runner: RedshiftRunner | ((request: ApplyScriptRequest) => RedshiftRunner | Promise<RedshiftRunner>),
): ApplyScripts {
  const opened = new Map<string, Promise<RedshiftRunner>>();
  const runnerFor = (request: ApplyScriptRequest): Promise<RedshiftRunner> => {
    if (typeof runner !== 'function') return Promise.resolve(runner);
    let own = opened.get(request.name);
    if (!own) {
      own = Promise.resolve(runner(request));
      opened.set(request.name, own);
    }
    return own;
  };
  return {
    async runScript(request) {
      const { sql, database, step, signal } = request;
      await (await runnerFor(request)).runScript({ sql, database, step }, signal ? { signal } : {});
    },
    async close() {
      const runners = [...opened.values()];
      opened.clear();
      await Promise.allSettled(runners.map(async (each) => (await each).close()));
    },
  };
}
