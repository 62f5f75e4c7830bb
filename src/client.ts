import { HttpTransport, type RequestBody } from './http.js';
import { type IntegrationId, integrationPath } from './internal/paths.js';
import {
  type Integration,
  type IntegrationOperation,
  integrationOperationSchema,
  type IntegrationStatusInfo,
  type RegenerateResult,
  regenerateResultSchema,
} from './model/integration.js';
import { secretsOf, type DeleteCredentials, type RedshiftIntegrationPayload } from './model/payload.js';
import {
  type BodyFormat,
  type RedshiftIntegrationClientOptions,
  type RequestOptions,
  resolveOptions,
} from './options.js';
import { createScripts, type IntegrationScripts } from './scripts.js';
import {
  createManualDelete,
  createManualSetup,
  createManualUpdate,
  type ManualDelete,
  type ManualSetup,
  type ManualUpdate,
  type WorkflowPort,
} from './manual-setup.js';
import { checkDeleteCredentials, checkRedshiftPayload, encodeBody, type PayloadCheckOptions } from './payload.js';
import { resolveWaitOptions, systemClock, type WaitOptions, waitForStatus } from './wait.js';
import { decodeIntegration, decodeJson, decodeIntegrationList, decodeStatus, decodeWith } from './response.js';
import type { ApplyOptions, ApplyResult } from './config/apply.js';
import type { Plan, PlanOptions } from './config/plan.js';
import type { ConfigPort } from './config/port.js';
import type { DesiredState } from './config/state.js';

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
  readonly #bodyFormat: BodyFormat;
  readonly #unknownFields: NonNullable<PayloadCheckOptions['unknownFields']>;
  readonly #timeoutMs: number;
  readonly #workflows: WorkflowPort;
  /** List items already warned about: a script polling `list()` hears of each odd item once. */
  readonly #warnedItems = new Set<string>();

  /** The script endpoints of manual setup, update and delete. */
  readonly scripts: IntegrationScripts;

  /**
   * @throws {@link ConfigurationError} when no base URL or API key is given or found in
   * `IMMUTA_URL` / `IMMUTA_API_KEY`, or the URL is unusable (not http(s), holds credentials,
   * plain http to a remote host without `allowInsecureHttp`).
   */
  constructor(options: RedshiftIntegrationClientOptions = {}) {
    // `null` and other non-objects are refused by resolveOptions with a ConfigurationError.
    const resolved = resolveOptions(options);
    this.#http = new HttpTransport(resolved);
    this.#bodyFormat = resolved.bodyFormat;
    this.#unknownFields = resolved.unknownFields;
    this.#timeoutMs = resolved.timeoutMs;
    this.#workflows = {
      bodyFormat: resolved.bodyFormat,
      checkPayload: (payload) => this.#checkPayload(payload),
      send: (request) => this.#http.send(request),
      encode: (payload) => this.#encodePayload(payload),
      wait: (id, options, credentials) => this.#wait(id, options, credentials),
      path: integrationPath,
    };
    this.scripts = createScripts(this.#workflows);
  }

  /** The base URL requests go to, with a trailing slash. */
  get baseUrl(): string {
    return this.#http.baseUrl.href;
  }

  /**
   * `GET /integrations`: every integration on the tenant, of **every type** (Snowflake, Databricks, …).
   * Use {@link isRedshiftIntegration} to pick the Redshift ones.
   *
   * Lenient, so one odd integration cannot hide the others: an item that does not match the documented
   * shape (no `id`, a `port` sent as a string, `validationResults: null`) is returned as received, with
   * {@link isRedshiftIntegration} false for it, and the logger warns once with its id and the paths that
   * failed. `get(id)` stays strict.
   *
   * @throws {@link ResponseValidationError} when the answer is not a JSON array.
   * @throws {@link ImmutaApiError}, {@link ConnectionError}, {@link TimeoutError}, {@link RequestAbortedError}.
   */
  async list(options?: RequestOptions): Promise<Integration[]> {
    return this.#list(options, []);
  }

  /** `list()`, hiding `secrets` (a desired state's resolved values) in its errors and log lines too. */
  async #list(options: RequestOptions | undefined, secrets: readonly string[]): Promise<Integration[]> {
    const response = await this.#http.send({ method: 'GET', path: 'integrations', options, secrets });
    const log = secrets.length === 0 ? this.#http.log : this.#http.log.with(() => secrets);
    return decodeIntegrationList(response, ({ id, paths }) => {
      const key = `${id}\u0000${paths.join(',')}`;
      if (this.#warnedItems.has(key)) return;
      if (this.#warnedItems.size >= 1000) this.#warnedItems.clear();
      this.#warnedItems.add(key);
      log.warn(
        `GET /integrations: integration ${id} does not match the documented shape (${paths.join(', ')}); returned as received`,
        { id, paths: paths.join(',') },
      );
    });
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
    const body = this.#encodePayload(payload);
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
    const body = this.#encodePayload(payload);
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
      this.#warnOfUnknown('delete credentials', checkDeleteCredentials(credentials, this.#checkOptions).unknownFields);
      body = encodeBody(credentials, this.#bodyFormat);
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

  /**
   * Polls `GET /integrations/{id}` until the integration reaches a status in `until` (default `'enabled'`),
   * and resolves with it. Pauses start at `minDelayMs` (750 ms) and grow with the time waited up to
   * `maxDelayMs` (15 s), with jitter; a `Retry-After` is honoured. Rate limits, server and network errors
   * do not end the wait; they are retried until the deadline.
   *
   * When `until` includes `'deleted'`, a 404 (the integration is gone) also resolves, with status `'deleted'`.
   *
   * @throws {@link IntegrationFailedError} when the integration reaches `createError`, `editError`,
   * `deleteError`, `migrateError`, `recurringValidationError`, or a settled status not asked for
   * (`deleted`/`disabled` while waiting for `enabled`, `enabled` while waiting for `deleted`) — though while
   * waiting for a status newer than this SDK only the error statuses end the wait. Its message names each
   * failed validation test, with Immuta's message for it.
   * @throws {@link WaitTimeoutError} at `timeoutMs` (default 15 minutes), with the last status seen.
   * @throws {@link RequestAbortedError} as soon as `signal` fires; nothing is sent after it.
   * @throws {@link NotFoundError} when the integration does not exist (and `'deleted'` was not awaited),
   * and any other 4xx {@link ImmutaApiError} at once.
   *
   * @example
   * ```ts
   * const integration = await client.waitForStatus(id, {
   *   until: ['enabled', 'recurringValidationError'],
   *   timeoutMs: 5 * 60_000,
   *   onPoll: (each) => console.log(each.status),
   * });
   * ```
   */
  async waitForStatus(id: IntegrationId, options: WaitOptions = {}): Promise<Integration> {
    return this.#wait(id, options, []);
  }

  /**
   * Polls until the integration is `enabled`: `waitForStatus` with `until: 'enabled'`.
   *
   * @throws As {@link RedshiftIntegrationClient.waitForStatus}.
   *
   * @example
   * ```ts
   * const { id } = await client.create(payload);
   * const integration = await client.waitUntilEnabled(id, { onPoll: (each) => console.log(each.status) });
   * ```
   */
  async waitUntilEnabled(id: IntegrationId, options: Omit<WaitOptions, 'until'> = {}): Promise<Integration> {
    return this.waitForStatus(id, { ...(options ?? {}), until: 'enabled' });
  }

  /**
   * `create(payload)`, then `waitUntilEnabled` on the new integration. `waitOptions.signal` also cancels the create.
   *
   * @throws As {@link RedshiftIntegrationClient.create}, then as {@link RedshiftIntegrationClient.waitForStatus}.
   *
   * @example
   * ```ts
   * const controller = new AbortController();
   * process.once('SIGINT', () => controller.abort());
   * const integration = await client.createAndWait(payload, { signal: controller.signal, timeoutMs: 10 * 60_000 });
   * ```
   */
  async createAndWait(
    payload: RedshiftIntegrationPayload,
    waitOptions: Omit<WaitOptions, 'until'> = {},
  ): Promise<Integration> {
    // A bad wait option must fail before the integration is created.
    const { signal } = resolveWaitOptions(waitOptions);
    const { id } = await this.create(payload, { signal });
    return this.#wait(id, { ...(waitOptions ?? {}), until: 'enabled' }, secretsOf(payload.config));
  }

  /**
   * `update(id, payload)`, then `waitUntilEnabled`. `waitOptions.signal` also cancels the update.
   *
   * @throws As {@link RedshiftIntegrationClient.update}, then as {@link RedshiftIntegrationClient.waitForStatus}.
   */
  async updateAndWait(
    id: IntegrationId,
    payload: RedshiftIntegrationPayload,
    waitOptions: Omit<WaitOptions, 'until'> = {},
  ): Promise<Integration> {
    const { signal } = resolveWaitOptions(waitOptions);
    await this.update(id, payload, { signal });
    return this.#wait(id, { ...(waitOptions ?? {}), until: 'enabled' }, secretsOf(payload.config));
  }

  /**
   * `delete(id, credentials)`, then waits until the integration is `deleted` (or gone). Resolves with the
   * integration as last seen, status `'deleted'`.
   *
   * @throws As {@link RedshiftIntegrationClient.delete}, then as {@link RedshiftIntegrationClient.waitForStatus}.
   */
  async deleteAndWait(
    id: IntegrationId,
    credentials?: DeleteCredentials,
    waitOptions: Omit<WaitOptions, 'until'> = {},
  ): Promise<Integration> {
    const { signal } = resolveWaitOptions(waitOptions);
    await this.delete(id, credentials, { signal });
    return this.#wait(id, { ...(waitOptions ?? {}), until: 'deleted' }, credentials ? secretsOf(credentials) : []);
  }

  /**
   * Starts a manual setup: each step sends the same payload, validated and serialized once.
   * See {@link ManualSetup} for the order of steps and where each script runs.
   *
   * @throws {@link PayloadValidationError} at once, before any request, for an invalid payload or one
   * with `autoBootstrap: true`.
   */
  manualSetup(payload: RedshiftIntegrationPayload): ManualSetup {
    return createManualSetup(this.#workflows, payload);
  }

  /**
   * Starts a manual update: the edit script and the `PUT` send the same payload. See {@link ManualUpdate}.
   *
   * @throws {@link PayloadValidationError} at once, for an invalid payload or id.
   */
  manualUpdate(id: IntegrationId, payload: RedshiftIntegrationPayload): ManualUpdate {
    return createManualUpdate(this.#workflows, id, payload);
  }

  /**
   * Starts a manual deletion: the delete script, then `DELETE` with no body. See {@link ManualDelete}.
   *
   * @throws {@link PayloadValidationError} at once, for an invalid id.
   */
  manualDelete(id: IntegrationId): ManualDelete {
    return createManualDelete(this.#workflows, id);
  }

  /**
   * Compares a desired state (from `loadDesiredState`, in `immuta-redshift/config`) with the tenant and says
   * what `apply` would do, entry by entry: `create`, `update` (with each non-secret field that differs),
   * `delete` (`state: absent`), `noop`; Redshift integrations no entry matches are `unmanaged`. Reads the tenant
   * once and changes nothing. Credentials are write-only and never compared (see `rotateCredentials`).
   *
   * @throws {@link PlanError} when an entry matches two integrations, or would switch `autoBootstrap` of an
   * existing one; every such problem is listed.
   * @throws {@link ConfigurationError} for a state that was never resolved (one from `exportDesiredState`).
   * @throws {@link ImmutaApiError}, {@link ConnectionError}, … when the tenant cannot be read.
   *
   * @example
   * ```ts
   * import { formatPlan, loadDesiredState } from 'immuta-redshift/config';
   *
   * const plan = await client.plan(await loadDesiredState(await readFile('desired.yaml', 'utf8')));
   * console.log(formatPlan(plan));
   * ```
   */
  async plan(desired: DesiredState, options?: PlanOptions): Promise<Plan> {
    const { planFor } = await import('./config/plan.js');
    return planFor(this.#configPort(), desired, options);
  }

  /**
   * Makes the tenant match a plan (or a desired state, which is planned first). Items run `concurrency` at a
   * time (default 4): create → wait `enabled`; update → wait `enabled`; delete → wait `deleted`. Each item is
   * read again first, and refused with {@link PlanStaleError} if its status or non-secret config changed since
   * the plan. A create whose outcome is unknown (the connection dropped after sending) is settled by reading
   * the tenant for the entry's key and adopting what is there — the create is never sent twice. Manual entries
   * run their scripts through `runScript`, or are `skipped` with their scripts in the result.
   *
   * Resolves with one result per entry even when items fail (`outcome: 'failed'`, with the `error`); applying
   * again right after a successful apply changes nothing.
   *
   * @throws {@link ConfigurationError} for a bad option, or a value that is neither a plan nor a loaded state.
   * @throws {@link PlanError} and the read errors of {@link RedshiftIntegrationClient.plan}, when given a state.
   *
   * @example
   * ```ts
   * const result = await client.apply(plan, {
   *   onEvent: (event) => console.error(event),
   *   runScript: ({ sql, database }) => runInRedshift(database, sql),
   * });
   * if (!result.ok) process.exitCode = 1;
   * ```
   */
  async apply(planOrDesired: Plan | DesiredState, options: ApplyOptions = {}): Promise<ApplyResult> {
    const [{ applyPlan }, { basisOf, planFor }] = await Promise.all([
      import('./config/apply.js'),
      import('./config/plan.js'),
    ]);
    const port = this.#configPort();
    const given = options ?? {};
    const plan =
      basisOf(planOrDesired) !== undefined
        ? (planOrDesired as Plan)
        : await planFor(port, planOrDesired as DesiredState, {
            ...(given.rotateCredentials !== undefined && { rotateCredentials: given.rotateCredentials }),
            ...(given.signal !== undefined && { signal: given.signal }),
          });
    return applyPlan(port, plan, given);
  }

  /**
   * Reads every Redshift integration on the tenant as a desired state: one entry per integration, named after
   * its host (stable, unique), each masked credential replaced by an `${env:…}` reference named after the
   * entry (`ANALYTICS_ABC123_…_PASSWORD`). Write it with `toDesiredStateYaml`; set those variables and load
   * the file, and a plan of it has no changes.
   *
   * @throws {@link ImmutaApiError}, {@link ConnectionError}, … when the tenant cannot be read.
   */
  async exportDesiredState(options: { signal?: AbortSignal } = {}): Promise<DesiredState> {
    const { exportFrom } = await import('./config/export.js');
    return exportFrom(this.#configPort(), options?.signal);
  }

  #configPort(): ConfigPort {
    return {
      baseUrl: this.baseUrl,
      list: (signal, secrets) => this.#list(signal === undefined ? undefined : { signal }, secrets),
      send: (request) => this.#http.send(request),
      encode: (payload) => this.#encodePayload(payload),
      encodeCredentials: (credentials) => {
        checkDeleteCredentials(credentials, this.#checkOptions);
        return encodeBody(credentials, this.#bodyFormat);
      },
      wait: (id, options, secrets) => this.#wait(id, options, secrets),
      log: this.#http.log,
    };
  }

  /** Polls with no retries of its own; `credentials` are scrubbed from anything the server says meanwhile. */
  async #wait(id: IntegrationId, options: WaitOptions, credentials: readonly string[]): Promise<Integration> {
    const path = integrationPath(id);
    return waitForStatus(String(id), options, {
      ...systemClock,
      log: this.#http.log,
      secrets: () => [...this.#http.secrets(), ...credentials],
      read: async ({ signal, timeoutMs }) =>
        decodeIntegration(
          await this.#http.send({
            method: 'GET',
            path,
            options: { signal, timeoutMs: Math.min(timeoutMs, this.#timeoutMs) },
            retry: false,
            secrets: credentials,
          }),
        ),
    });
  }

  #encodePayload(payload: RedshiftIntegrationPayload): RequestBody {
    this.#checkPayload(payload);
    return encodeBody(payload, this.#bodyFormat);
  }

  get #checkOptions(): PayloadCheckOptions {
    return { unknownFields: this.#unknownFields };
  }

  /** Validates with the client's `unknownFields` rule; the unknown fields it lets through are logged by path. */
  #checkPayload(payload: RedshiftIntegrationPayload): void {
    this.#warnOfUnknown('payload', checkRedshiftPayload(payload, this.#checkOptions).unknownFields);
  }

  #warnOfUnknown(subject: string, paths: readonly string[]): void {
    if (paths.length === 0) return;
    this.#http.log.warn(
      `${subject}: sent as given, without checks, what this SDK does not model: ${paths.join(', ')}`,
      {
        fields: paths.join(','),
      },
    );
  }
}
