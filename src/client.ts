import { PayloadValidationError } from './errors.js';
import { HttpTransport, type RequestBody } from './http.js';
import {
  type Integration,
  type IntegrationOperation,
  integrationOperationSchema,
  type IntegrationStatusInfo,
  type RegenerateResult,
  regenerateResultSchema,
} from './model/integration.js';
import type { DeleteCredentials, RedshiftIntegrationPayload } from './model/payload.js';
import { type RedshiftIntegrationClientOptions, type RequestOptions, resolveOptions } from './options.js';
import { encodeBody, validateDeleteCredentials, validateRedshiftPayload } from './payload.js';
import {
  decodeIntegration,
  decodeJson,
  decodeIntegrationList,
  decodeScript,
  decodeStatus,
  decodeWith,
} from './response.js';

/** An integration id as the API knows it: a string (`"123456789"`) or a number. */
export type IntegrationId = string | number;

/** `integrations/<id>` with the id path-encoded; refuses ids that are not ids. */
function integrationPath(id: IntegrationId, suffix = ''): string {
  const valid =
    (typeof id === 'string' && id.trim() !== '') || (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0);
  if (!valid) {
    throw new PayloadValidationError(
      [{ path: 'id', message: 'must be a non-empty string or a non-negative whole number' }],
      'integration id',
    );
  }
  return `integrations/${encodeURIComponent(String(id))}${suffix}`;
}

/**
 * The script endpoints of manual setup, update and delete. Each resolves with the SQL to run in Redshift.
 * Reach them as `client.scripts`.
 *
 * Manual setup order: `initialCreate` (run it in `initialDatabase`) → `create` (run it in the new
 * `database`) → `client.create(payload)` with `autoBootstrap: false`. Send the same payload at every step.
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

/**
 * A typed client for Immuta's `/integrations` API, for the Amazon Redshift integration.
 *
 * Every method validates what it sends (nothing is sent when a payload is invalid), bounds each
 * attempt by a timeout, retries reads, updates and deletes on 408/429/5xx and network errors
 * (a create only on 429, so a retry can never make a second integration), and throws only
 * {@link ImmutaError} subclasses, none of which contains the API key or a credential.
 *
 * @example
 * ```ts
 * import { RedshiftIntegrationClient } from 'immuta-redshift';
 *
 * // Reads IMMUTA_URL and IMMUTA_API_KEY from the environment.
 * const client = new RedshiftIntegrationClient();
 * const { id } = await client.create({
 *   type: 'Redshift',
 *   autoBootstrap: true,
 *   config: {
 *     host: 'organization.aws.amazon.com',
 *     database: 'immuta',
 *     initialDatabase: 'REDSHIFT_SAMPLE_DATA',
 *     authenticationType: 'userPassword',
 *     username: 'taylor@redshift.com',
 *     password: process.env.REDSHIFT_PASSWORD!,
 *   },
 * });
 * console.log((await client.get(id)).status);
 * ```
 */
export class RedshiftIntegrationClient {
  readonly #http: HttpTransport;
  readonly #bodyFormat: 'json' | 'yaml';

  /** The script endpoints of manual setup, update and delete. */
  readonly scripts: IntegrationScripts;

  /**
   * @throws {@link ConfigurationError} when no base URL or API key is given or found in
   * `IMMUTA_URL` / `IMMUTA_API_KEY`, or the URL is unusable (not http(s), holds credentials,
   * plain http to a remote host without `allowInsecureHttp`).
   */
  constructor(options: RedshiftIntegrationClientOptions = {}) {
    const resolved = resolveOptions(options);
    this.#http = new HttpTransport(resolved);
    this.#bodyFormat = resolved.bodyFormat;
    this.scripts = {
      initialCreate: (payload, options) => this.#script('integrations/scripts/initial-create', payload, options),
      create: (payload, options) => this.#script('integrations/scripts/create', payload, options),
      cleanup: (payload, options) => this.#script('integrations/scripts/cleanup', payload, options),
      edit: (id, payload, options) => this.#script(integrationPath(id, '/scripts/edit'), payload, options),
      delete: async (id, options) =>
        decodeScript(await this.#http.send({ method: 'POST', path: integrationPath(id, '/scripts/delete'), options })),
    };
  }

  /** The base URL requests go to, with a trailing slash. */
  get baseUrl(): string {
    return this.#http.baseUrl.href;
  }

  /**
   * `GET /integrations`: every integration on the tenant, of **every type** (Snowflake, Databricks, …).
   * Use {@link isRedshiftIntegration} to pick the Redshift ones.
   *
   * @throws {@link ResponseValidationError} when an item lacks `id` or `status`, or a Redshift item is malformed.
   * @throws {@link ImmutaApiError}, {@link ConnectionError}, {@link TimeoutError}, {@link RequestAbortedError}.
   */
  async list(options?: RequestOptions): Promise<Integration[]> {
    return decodeIntegrationList(await this.#http.send({ method: 'GET', path: 'integrations', options }));
  }

  /**
   * `GET /integrations/{id}`: one integration, with its status and config. Credentials come back masked.
   *
   * @throws {@link NotFoundError} when no integration has that id.
   * @throws {@link ResponseValidationError} when the answer lacks `id` or `status`.
   */
  async get(id: IntegrationId, options?: RequestOptions): Promise<Integration> {
    return decodeIntegration(await this.#http.send({ method: 'GET', path: integrationPath(id), options }));
  }

  /**
   * `GET /integrations/{id}/status`: the status of one integration, without its config.
   *
   * @throws {@link NotFoundError} when no integration has that id.
   */
  async getStatus(id: IntegrationId, options?: RequestOptions): Promise<IntegrationStatusInfo> {
    return decodeStatus(await this.#http.send({ method: 'GET', path: integrationPath(id, '/status'), options }));
  }

  /**
   * `POST /integrations`: creates the integration. With `autoBootstrap: true` Immuta sets Redshift up
   * with the credentials given; with `false` it configures an integration whose scripts you already ran.
   * Answers at once with `status: 'creating'`; poll until `enabled`.
   *
   * Never retried except on 429: a retried create could make a duplicate integration.
   *
   * @throws {@link PayloadValidationError} before sending, for an invalid payload.
   * @throws {@link ConflictError} when an integration already exists on that host.
   * @throws {@link UnprocessableEntityError} when Immuta's prerequisite checks fail.
   */
  async create(payload: RedshiftIntegrationPayload, options?: RequestOptions): Promise<IntegrationOperation> {
    const body = await this.#encodePayload(payload);
    return decodeWith(
      await this.#http.send({ method: 'POST', path: 'integrations', body, options }),
      integrationOperationSchema,
    );
  }

  /**
   * `PUT /integrations/{id}`: updates the integration's config. Answers at once with `status: 'editing'`.
   * For a manual integration, run the script from `scripts.edit(id, payload)` first and send the same payload.
   *
   * @throws {@link PayloadValidationError} before sending, for an invalid payload or id.
   * @throws {@link NotFoundError} when no integration has that id.
   */
  async update(
    id: IntegrationId,
    payload: RedshiftIntegrationPayload,
    options?: RequestOptions,
  ): Promise<IntegrationOperation> {
    const path = integrationPath(id);
    const body = await this.#encodePayload(payload);
    return decodeWith(await this.#http.send({ method: 'PUT', path, body, options }), integrationOperationSchema);
  }

  /**
   * `DELETE /integrations/{id}`: removes the integration. Answers at once with `status: 'deleting'`.
   *
   * Pass `credentials` for an integration created with `autoBootstrap: true` (Immuta uses them to
   * remove what it created); pass none for a manual one — then no body is sent, as Immuta requires.
   *
   * @throws {@link PayloadValidationError} before sending, for invalid credentials or id.
   * @throws {@link BadRequestError} when credentials are missing for an automatic integration, or sent for a manual one.
   * @throws {@link NotFoundError} when no integration has that id.
   */
  async delete(
    id: IntegrationId,
    credentials?: DeleteCredentials,
    options?: RequestOptions,
  ): Promise<IntegrationOperation> {
    const path = integrationPath(id);
    let body: RequestBody | undefined;
    if (credentials !== undefined) {
      validateDeleteCredentials(credentials);
      body = await encodeBody(credentials, this.#bodyFormat);
    }
    return decodeWith(await this.#http.send({ method: 'DELETE', path, body, options }), integrationOperationSchema);
  }

  /**
   * `POST /integrations/{id}/regenerate`: regenerates the Immuta API key the integration uses.
   * SaaS only: older servers answer 404. The answer is returned as sent (an empty body is `{}`).
   *
   * @throws {@link NotFoundError} when no integration has that id, or the server lacks the endpoint.
   */
  async regenerateApiKey(id: IntegrationId, options?: RequestOptions): Promise<RegenerateResult> {
    const response = await this.#http.send({ method: 'POST', path: integrationPath(id, '/regenerate'), options });
    const value = response.text.trim() === '' ? {} : decodeJson(response);
    return decodeWith(response, regenerateResultSchema, value);
  }

  async #script(
    path: string,
    payload: RedshiftIntegrationPayload,
    options: RequestOptions | undefined,
  ): Promise<string> {
    const body = await this.#encodePayload(payload);
    return decodeScript(await this.#http.send({ method: 'POST', path, body, options }));
  }

  async #encodePayload(payload: RedshiftIntegrationPayload): Promise<RequestBody> {
    validateRedshiftPayload(payload);
    return encodeBody(payload, this.#bodyFormat);
  }
}
