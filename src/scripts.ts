import type { IntegrationId } from './model/integration.js';
import type { RedshiftIntegrationPayload } from './model/payload.js';
import type { RequestOptions } from './options.js';

/**
 * The script endpoints of manual setup, update and delete. Each resolves with the SQL to run in Redshift.
 * Reach them as `client.scripts`.
 *
 * Manual setup order: `initialCreate` (run it in `initialDatabase`) → `create` (run it in the new
 * `database`) → `client.create(payload)` with `autoBootstrap: false`. Send the same payload at every step.
 *
 * @group Client
 */
export interface IntegrationScripts {
  /**
   * `POST /integrations/scripts/initial-create`: the first manual-setup script. Run it in the
   * Redshift `initialDatabase` named in the payload.
   *
   * @throws {@link PayloadValidationError} before sending, for an invalid payload.
   * @throws {@link ImmutaApiError} (a subclass per status) when Immuta refuses it.
   */
  initialCreate(payload: RedshiftIntegrationPayload, options?: RequestOptions): Promise<string>;

  /**
   * `POST /integrations/scripts/create`: the second manual-setup script. Run it in the database the
   * first script created. The payload must be the one sent to `initialCreate`.
   *
   * @throws {@link PayloadValidationError} before sending, for an invalid payload.
   * @throws {@link ImmutaApiError} (a subclass per status) when Immuta refuses it.
   */
  create(payload: RedshiftIntegrationPayload, options?: RequestOptions): Promise<string>;

  /**
   * `POST /integrations/scripts/cleanup`: a script that removes what a **failed** manual creation left
   * in Redshift. Send the payload used for the setup.
   *
   * @throws {@link PayloadValidationError} before sending, for an invalid payload.
   * @throws {@link ImmutaApiError} (a subclass per status) when Immuta refuses it.
   */
  cleanup(payload: RedshiftIntegrationPayload, options?: RequestOptions): Promise<string>;

  /**
   * `POST /integrations/{id}/scripts/edit`: the script for a manual update. Run it in Redshift, then
   * send the same payload with `client.update(id, payload)`.
   *
   * @throws {@link PayloadValidationError} before sending, for an invalid payload or id.
   * @throws {@link NotFoundError} when no integration has that id.
   */
  edit(id: IntegrationId, payload: RedshiftIntegrationPayload, options?: RequestOptions): Promise<string>;

  /**
   * `POST /integrations/{id}/scripts/delete`: a script that removes Immuta's resources of a configured
   * manual integration. Run it in Redshift, then `client.delete(id)` without credentials.
   *
   * @throws {@link NotFoundError} when no integration has that id.
   */
  delete(id: IntegrationId, options?: RequestOptions): Promise<string>;
}
