import { ImmutaError, IntegrationFailedError, PayloadValidationError } from './errors/index.js';
import { leftByEarlierRun, type ManualRunOptions, runManual, tookNoEffect } from './manual-run.js';
import { secretValuesOf } from './model/credential-fields.js';
import type { Integration, IntegrationOperation } from './model/integration.js';
import type { DeleteCredentials, RedshiftIntegrationPayload } from './model/payload.js';
import type { ClientOverrides, RequestOptions } from './options.js';
import type { IntegrationScripts } from './scripts.js';
import type { WaitOptions } from './wait.js';

/**
 * Options of a workflow's wait step: those of `waitForStatus` but `until`, which the step fixes.
 *
 * @group Waiting
 */
export type WorkflowWaitOptions = Omit<WaitOptions, 'until'>;

/**
 * Manual setup of a Redshift integration, one step per method, every step sending the same payload
 * byte for byte (Immuta requires "the payload you provide must match the payload sent when generating
 * the scripts"). Get one from `client.manualSetup(payload)`.
 *
 * Order:
 * 1. `initialCreateScript()` — run the SQL in the Redshift `initialDatabase` named in the payload.
 * 2. `createScript()` — run the SQL in the new `database` the first script created.
 * 3. `configure()` — `POST /integrations` with `autoBootstrap: false`; answers `creating`.
 * 4. `waitUntilEnabled()` — poll until `enabled`.
 *
 * If the creation fails, `cleanupScript()` gives the SQL that removes what the scripts made.
 *
 * @example
 * ```ts
 * const setup = client.manualSetup(payload);
 * await runSql(config.initialDatabase, await setup.initialCreateScript());
 * await runSql(config.database, await setup.createScript());
 * await setup.configure();
 * try {
 *   await setup.waitUntilEnabled();
 * } catch (error) {
 *   if (error instanceof IntegrationFailedError) await runSql(config.initialDatabase, await setup.cleanupScript());
 *   throw error;
 * }
 * ```
 *
 * @group Manual setup
 */
export interface ManualSetup {
  /** The id Immuta gave the integration, once `configure()` has answered. */
  readonly integrationId: string | undefined;
  /** `POST /integrations/scripts/initial-create`: SQL to run in `initialDatabase`. */
  initialCreateScript(options?: RequestOptions): Promise<string>;
  /** `POST /integrations/scripts/create`: SQL to run in the database the first script created. */
  createScript(options?: RequestOptions): Promise<string>;
  /** `POST /integrations` with the same payload, after both scripts ran. Never retried but on 429. */
  configure(options?: RequestOptions): Promise<IntegrationOperation>;
  /** `POST /integrations/scripts/cleanup`: SQL removing what the scripts made, after a failed creation. */
  cleanupScript(options?: RequestOptions): Promise<string>;
  /**
   * Polls the configured integration until `enabled`.
   *
   * @throws {@link ImmutaError} when `configure()` has not answered yet.
   * @throws {@link IntegrationFailedError}, {@link WaitTimeoutError}, {@link RequestAbortedError} as `waitForStatus`.
   */
  waitUntilEnabled(options?: WorkflowWaitOptions): Promise<Integration>;
  /**
   * The whole setup, the scripts run by `options.redshift` (a runner from `immuta-redshift/redshift`): the
   * initial-create script in `initialDatabase`, the create script in the new `database`, `configure()`, then the
   * wait for `enabled`. Resolves with the enabled integration.
   *
   * @throws {@link ManualRunError} at the first failure: `stoppedAt` says where, `next` what to run next — after a
   * failed creation, as the guide says, the cleanup script, then a `DELETE` with no body, then the setup again. Its
   * `cause` is the step's error (a `StatementFailedError` names the statement that failed).
   *
   * @example
   * ```ts
   * import { createWireRunner, wireConnectionOf } from 'immuta-redshift/redshift';
   *
   * const runner = createWireRunner(wireConnectionOf(payload));
   * try {
   *   const integration = await client.manualSetup(payload).run({ redshift: runner });
   * } finally {
   *   await runner.close();
   * }
   * ```
   */
  run(options: ManualRunOptions): Promise<Integration>;
}

/**
 * Manual update of a Redshift integration: the edit script and the `PUT` send the same payload byte for
 * byte. Get one from `client.manualUpdate(id, payload)`.
 *
 * Order: `editScript()` — run the SQL in Redshift — then `apply()` (`PUT`, answers `editing`), then
 * `waitUntilEnabled()`.
 *
 * @group Manual setup
 */
export interface ManualUpdate {
  /** The integration being updated. */
  readonly integrationId: string;
  /** `POST /integrations/{id}/scripts/edit`: SQL to run in Redshift before `apply()`. */
  editScript(options?: RequestOptions): Promise<string>;
  /** `PUT /integrations/{id}` with the same payload. */
  apply(options?: RequestOptions): Promise<IntegrationOperation>;
  /** Polls until `enabled`; throws as `waitForStatus`. */
  waitUntilEnabled(options?: WorkflowWaitOptions): Promise<Integration>;
  /**
   * The whole update: the edit script run by `options.redshift` (in `database`, see `databaseFor`), `apply()`,
   * then the wait for `enabled`.
   *
   * @throws {@link ManualRunError} at the first failure, saying where it stopped and what to run next.
   */
  run(options: ManualRunOptions): Promise<Integration>;
}

/**
 * Manual deletion of a Redshift integration created with `autoBootstrap: false`. Get one from
 * `client.manualDelete(id)`.
 *
 * Order: `deleteScript()` — run the SQL in Redshift to remove Immuta's resources — then `delete()`
 * (`DELETE` with no body, as Immuta requires for manual integrations), then `waitUntilDeleted()`.
 *
 * @group Manual setup
 */
export interface ManualDelete {
  /** The integration being deleted. */
  readonly integrationId: string;
  /** `POST /integrations/{id}/scripts/delete`: SQL removing Immuta's resources from Redshift. */
  deleteScript(options?: RequestOptions): Promise<string>;
  /** `DELETE /integrations/{id}` with no body. */
  delete(options?: RequestOptions): Promise<IntegrationOperation>;
  /** Polls until the integration is `deleted` (or gone: 404); throws as `waitForStatus`. */
  waitUntilDeleted(options?: WorkflowWaitOptions): Promise<Integration>;
  /**
   * The whole deletion: reads the integration for its databases, runs the delete script with `options.redshift`
   * (in `initialDatabase`: a database cannot be dropped from inside it), `delete()`, then the wait for `deleted`.
   *
   * @throws {@link ManualRunError} at the first failure, saying where it stopped and what to run next.
   */
  run(options: ManualRunOptions): Promise<Integration>;
}

/**
 * @internal The public methods of the client the workflows are made of: they sit on the client, as any code
 * of yours could, and reach Immuta only through it.
 */
export interface WorkflowClient {
  readonly scripts: IntegrationScripts;
  create(payload: RedshiftIntegrationPayload, options?: RequestOptions): Promise<IntegrationOperation>;
  update(id: string, payload: RedshiftIntegrationPayload, options?: RequestOptions): Promise<IntegrationOperation>;
  delete(id: string, credentials?: DeleteCredentials, options?: RequestOptions): Promise<IntegrationOperation>;
  waitForStatus(id: string, options?: WaitOptions): Promise<Integration>;
  get(id: string, options?: RequestOptions): Promise<Integration>;
  withOptions(overrides: ClientOverrides): WorkflowClient;
}

/** The client for a workflow's waits: one that also hides the payload's passwords in anything the server says. */
function hiding(client: WorkflowClient, payload: RedshiftIntegrationPayload | undefined): WorkflowClient {
  const secrets = secretValuesOf(payload?.config);
  return secrets.length === 0 ? client : client.withOptions({ redact: secrets });
}

/** @internal A manual setup of `payload`, a validated snapshot. */
export function createManualSetup(client: WorkflowClient, payload: RedshiftIntegrationPayload): ManualSetup {
  if (payload.autoBootstrap === true) {
    throw new PayloadValidationError(
      [{ path: 'autoBootstrap', message: 'must be false for a manual setup; use create() for automatic setup' }],
      'manual setup payload',
    );
  }
  let integrationId: string | undefined;
  const setup: ManualSetup = {
    get integrationId() {
      return integrationId;
    },
    initialCreateScript: (options) => client.scripts.initialCreate(payload, options),
    createScript: (options) => client.scripts.create(payload, options),
    cleanupScript: (options) => client.scripts.cleanup(payload, options),
    configure: async (options) => {
      const operation = await client.create(payload, options);
      integrationId = operation.id;
      return operation;
    },
    waitUntilEnabled: async (options) => {
      if (integrationId === undefined) {
        throw new ImmutaError('Call configure() before waitUntilEnabled(): no integration has been created yet');
      }
      return hiding(client, payload).waitForStatus(integrationId, { ...options, until: 'enabled' });
    },
    run: (options) =>
      runManual(
        {
          payload,
          scripts: [
            { step: 'initial-create', fetch: (given) => setup.initialCreateScript(given) },
            { step: 'create', fetch: (given) => setup.createScript(given) },
          ],
          request: { stage: 'configure', send: async (given) => (await setup.configure(given)).id },
          wait: (_id, given) => setup.waitUntilEnabled(given),
          next: (stage, id, cause) => {
            if (stage === 'initial-create' && tookNoEffect(cause)) {
              return leftByEarlierRun(cause)
                ? `what the script creates is there already, left by an earlier run: run the cleanup script (cleanupScript(), in ${payload.config.initialDatabase}) to remove it, then run the setup again`
                : 'nothing took effect in Redshift, so there is nothing to clean up: fix the cause, then run the setup again';
            }
            if (stage === 'initial-create' || stage === 'create') {
              return `run the cleanup script (cleanupScript(), in ${payload.config.initialDatabase}) to remove what the scripts made, fix the cause, then run the setup again`;
            }
            if (stage === 'configure') {
              return 'the scripts ran but Immuta created no integration: fix the cause and call configure() again, or remove what the scripts made with the cleanup script';
            }
            if (cause instanceof IntegrationFailedError) {
              return `as the guide says: run the cleanup script (cleanupScript(), in ${payload.config.initialDatabase}), delete the integration with no body and wait until it is deleted (client.deleteAndWait('${id ?? ''}')), fix the cause, then run the setup again`;
            }
            return `it may still get there: wait on with waitUntilEnabled() (immuta-redshift wait ${id ?? '<id>'})`;
          },
        },
        options,
      ),
  };
  return setup;
}

/** @internal A manual update of integration `id` to `payload`, a validated snapshot. */
export function createManualUpdate(
  client: WorkflowClient,
  id: string,
  payload: RedshiftIntegrationPayload,
): ManualUpdate {
  const update: ManualUpdate = {
    integrationId: id,
    editScript: (options) => client.scripts.edit(id, payload, options),
    apply: (options) => client.update(id, payload, options),
    waitUntilEnabled: (options) => hiding(client, payload).waitForStatus(id, { ...options, until: 'enabled' }),
    run: (options) =>
      runManual(
        {
          payload,
          scripts: [{ step: 'edit', fetch: (given) => update.editScript(given) }],
          request: { stage: 'update', send: async (given) => (await update.apply(given)).id },
          wait: (_id, given) => update.waitUntilEnabled(given),
          next: (stage, _id, cause) =>
            stage === 'edit'
              ? `${tookNoEffect(cause) ? 'nothing took effect in Redshift' : 'the edit script stopped partway'} and nothing was sent to Immuta: fix the cause, then run the update again`
              : stage === 'update'
                ? 'the edit script ran but Immuta refused the update: fix the cause and call apply() again'
                : `fix the cause (see the failed validation tests), then run the update again, or wait on with waitUntilEnabled()`,
        },
        options,
      ),
  };
  return update;
}

/** @internal A manual deletion of integration `id`. */
export function createManualDelete(client: WorkflowClient, id: string): ManualDelete {
  const deletion: ManualDelete = {
    integrationId: id,
    deleteScript: (options) => client.scripts.delete(id, options),
    delete: (options) => client.delete(id, undefined, options),
    waitUntilDeleted: (options) => client.waitForStatus(id, { ...options, until: 'deleted' }),
    run: (options) =>
      runManual(
        {
          // The databases the integration was set up in, as Immuta reports them.
          payload: async () => {
            const integration = await client.get(id, options.signal ? { signal: options.signal } : {});
            const config = (integration.config ?? {}) as { database?: unknown; initialDatabase?: unknown };
            return {
              config: {
                database: String(config.database ?? ''),
                initialDatabase: String(config.initialDatabase ?? ''),
              },
            };
          },
          scripts: [{ step: 'delete', fetch: (given) => deletion.deleteScript(given) }],
          request: { stage: 'remove', send: async (given) => (await deletion.delete(given)).id },
          wait: (_id, given) => deletion.waitUntilDeleted(given),
          next: (stage, _id, cause) =>
            stage === 'delete'
              ? `${tookNoEffect(cause) ? 'nothing took effect in Redshift' : 'the delete script stopped partway'} and the integration is still in Immuta: fix the cause, then run the deletion again`
              : stage === 'remove'
                ? 'the delete script ran: remove the integration from Immuta with delete() (no body)'
                : 'it may still be deleting: wait on with waitUntilDeleted()',
        },
        options,
      ),
  };
  return deletion;
}
