import { ImmutaError, PayloadValidationError } from './errors/index.js';
import type { HttpRequest, HttpResponse, RequestBody } from './http.js';
import { type Integration, type IntegrationOperation, integrationOperationSchema } from './model/integration.js';
import { secretsOf, type RedshiftIntegrationPayload } from './model/payload.js';
import type { BodyFormat, RequestOptions } from './options.js';
import { encodeBody } from './payload.js';
import { decodeScript, decodeWith } from './response.js';
import type { WaitOptions } from './wait.js';

/** Options of a workflow's wait step: those of `waitForStatus` but `until`, which the step fixes. */
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
}

/**
 * Manual update of a Redshift integration: the edit script and the `PUT` send the same payload byte for
 * byte. Get one from `client.manualUpdate(id, payload)`.
 *
 * Order: `editScript()` — run the SQL in Redshift — then `apply()` (`PUT`, answers `editing`), then
 * `waitUntilEnabled()`.
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
}

/**
 * Manual deletion of a Redshift integration created with `autoBootstrap: false`. Get one from
 * `client.manualDelete(id)`.
 *
 * Order: `deleteScript()` — run the SQL in Redshift to remove Immuta's resources — then `delete()`
 * (`DELETE` with no body, as Immuta requires for manual integrations), then `waitUntilDeleted()`.
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
}

/** @internal What the workflows need from the client. */
export interface WorkflowPort {
  readonly bodyFormat: BodyFormat;
  /** Validates a payload by the client's rules; throws `PayloadValidationError`. */
  checkPayload(payload: RedshiftIntegrationPayload): void;
  /** Validates and serializes a payload by the client's rules. */
  encode(payload: RedshiftIntegrationPayload): RequestBody;
  send(request: HttpRequest): Promise<HttpResponse>;
  /** Polls; `credentials` are hidden in anything the server says meanwhile. */
  wait(id: string, options: WaitOptions, credentials: readonly string[]): Promise<Integration>;
  path(id: string | number, suffix?: string): string;
}

/**
 * Validates once and serializes once: later changes to the caller's object cannot reach the body,
 * and every step sends the very same bytes. Also notes the snapshot's credentials, for scrubbing.
 */
function prepare(port: WorkflowPort, payload: RedshiftIntegrationPayload) {
  port.checkPayload(payload);
  const format = port.bodyFormat;
  const snapshot = JSON.parse(JSON.stringify(payload)) as RedshiftIntegrationPayload;
  return { body: encodeBody(snapshot, format), credentials: secretsOf(snapshot.config) };
}

/** @internal The one way a script endpoint is called: POST, then the script text from whatever form it comes in. */
export async function postScript(
  port: WorkflowPort,
  path: string,
  body: RequestBody | undefined,
  options?: RequestOptions,
): Promise<string> {
  return decodeScript(await port.send({ method: 'POST', path, body, options }));
}

/** @internal */
export function createManualSetup(port: WorkflowPort, payload: RedshiftIntegrationPayload): ManualSetup {
  if (payload?.autoBootstrap === true) {
    throw new PayloadValidationError(
      [{ path: 'autoBootstrap', message: 'must be false for a manual setup; use create() for automatic setup' }],
      'manual setup payload',
    );
  }
  const { body, credentials } = prepare(port, payload);
  let integrationId: string | undefined;
  return {
    get integrationId() {
      return integrationId;
    },
    initialCreateScript: async (options) => postScript(port, 'integrations/scripts/initial-create', body, options),
    createScript: async (options) => postScript(port, 'integrations/scripts/create', body, options),
    cleanupScript: async (options) => postScript(port, 'integrations/scripts/cleanup', body, options),
    configure: async (options) => {
      const response = await port.send({ method: 'POST', path: 'integrations', body: body, options });
      const operation = decodeWith(response, integrationOperationSchema);
      integrationId = operation.id;
      return operation;
    },
    waitUntilEnabled: async (options) => {
      if (integrationId === undefined) {
        throw new ImmutaError('Call configure() before waitUntilEnabled(): no integration has been created yet');
      }
      return port.wait(integrationId, { ...options, until: 'enabled' }, credentials);
    },
  };
}

/** @internal */
export function createManualUpdate(
  port: WorkflowPort,
  id: string | number,
  payload: RedshiftIntegrationPayload,
): ManualUpdate {
  const path = port.path(id);
  const { body, credentials } = prepare(port, payload);
  const integrationId = String(id);
  return {
    integrationId,
    editScript: async (options) => postScript(port, port.path(id, '/scripts/edit'), body, options),
    apply: async (options) =>
      decodeWith(await port.send({ method: 'PUT', path, body: body, options }), integrationOperationSchema),
    waitUntilEnabled: (options) => port.wait(integrationId, { ...options, until: 'enabled' }, credentials),
  };
}

/** @internal */
export function createManualDelete(port: WorkflowPort, id: string | number): ManualDelete {
  const path = port.path(id);
  const integrationId = String(id);
  return {
    integrationId,
    deleteScript: (options) => postScript(port, port.path(id, '/scripts/delete'), undefined, options),
    delete: async (options) =>
      decodeWith(await port.send({ method: 'DELETE', path, options }), integrationOperationSchema),
    waitUntilDeleted: (options) => port.wait(integrationId, { ...options, until: 'deleted' }, []),
  };
}
