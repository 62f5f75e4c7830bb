import { type Call, checkIntegrationId, endpoints } from './internal/endpoints.js';
import { encodeBody } from './internal/body.js';
import { HttpTransport } from './internal/http/transport.js';
import { checkDeleteCredentials, checkRedshiftPayload } from './internal/payload-check.js';
import { deriveOptions, type ResolvedOptions, resolveOptions } from './internal/resolve-options.js';
import { sanitize, scrub } from './internal/scrub.js';
import type { RequestBody } from './internal/http/types.js';
import { secretValuesOf } from './model/credential-fields.js';
import type {
  Integration,
  IntegrationId,
  IntegrationOperation,
  IntegrationStatusInfo,
  RegenerateResult,
} from './model/integration.js';
import type { DeleteCredentials, RedshiftIntegrationPayload } from './model/payload.js';
import { createManualDelete, createManualSetup, createManualUpdate } from './manual-setup.js';
import type { ManualDelete, ManualSetup, ManualUpdate } from './manual-setup.js';
import type {
  ClientOverrides,
  Clock,
  Logger,
  LogFields,
  RedshiftIntegrationClientOptions,
  RequestOptions,
} from './options.js';
import type { IntegrationScripts } from './scripts.js';
import { resolveWaitOptions, type WaitOptions, waitForStatus } from './wait.js';

/** List items already warned about, shared by a client and the clients derived from it. */
class WarnedItems {
  readonly #keys = new Set<string>();
  #chars = 0;

  /** Whether `key` is new (and now remembered). Bounded by size: past ~1 MB of keys the memory starts over. */
  add(key: string): boolean {
    if (this.#keys.has(key)) return false;
    if (this.#chars + key.length > 1_000_000) {
      this.#keys.clear();
      this.#chars = 0;
    }
    this.#keys.add(key);
    this.#chars += key.length;
    return true;
  }
}

/**
 * A typed client for Immuta's `/integrations` API, for the Amazon Redshift integration.
 *
 * Every method validates what it sends (nothing is sent when a payload is invalid), bounds each
 * attempt by a timeout, retries reads, updates and deletes on 408/429/5xx and network errors
 * (a create only on 429, so a retry can never make a second integration), and throws only
 * {@link ImmutaError} subclasses, none of which contains the API key or a credential.
 *
 * Guides: [getting started](../docs/getting-started.md), [automatic setup](../docs/automatic-setup.md),
 * [manual setup](../docs/manual-setup.md), [errors](../docs/errors.md), [reliability](../docs/reliability.md).
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
 *
 * @group Client
 */
export class RedshiftIntegrationClient {
  readonly #options: ResolvedOptions;
  readonly #http: HttpTransport;
  readonly #warned: WarnedItems;

  /**
   * The script endpoints of manual setup, update and delete: each resolves with the SQL to run in Redshift.
   * The manual workflows ({@link RedshiftIntegrationClient.manualSetup} and its siblings) bind them to one payload.
   */
  readonly scripts: IntegrationScripts;

  /**
   * @throws {@link ConfigurationError} when no base URL or API key is given or found in
   * `IMMUTA_URL` / `IMMUTA_API_KEY`, or the URL is unusable (not http(s), holds credentials,
   * plain http to a remote host without `allowInsecureHttp`), or another option is out of its range.
   */
  constructor(options: RedshiftIntegrationClientOptions = {}) {
    // `null` and other non-objects are refused by resolveOptions with a ConfigurationError.
    const parent = derivedFrom.get(options as object);
    // A derived client's options were resolved by `withOptions`.
    const resolved = parent ? (options as unknown as ResolvedOptions) : resolveOptions(options);
    this.#options = resolved;
    this.#http = new HttpTransport(resolved, parent && parent.#http);
    this.#warned = parent ? parent.#warned : new WarnedItems();
    const script = <Step extends Parameters<typeof endpoints.script>[0]>(
      step: Step,
      id: IntegrationId | undefined,
      payload: RedshiftIntegrationPayload | undefined,
      options: RequestOptions | undefined,
    ) => this.#call(endpoints.script(step, id, payload === undefined ? undefined : this.#encode(payload)), options);
    // Every method is async, so an invalid id or payload is a rejected promise, never a synchronous throw.
    this.scripts = {
      initialCreate: async (payload, options) => script('initial-create', undefined, payload, options),
      create: async (payload, options) => script('create', undefined, payload, options),
      cleanup: async (payload, options) => script('cleanup', undefined, payload, options),
      edit: async (id, payload, options) => script('edit', id, payload, options),
      delete: async (id, options) => script('delete', id, undefined, options),
    };
  }

  /**
   * A client that shares this one's connection and authentication (one token exchange serves both) with some
   * options changed: a longer timeout, no retries, another logger, or more values to hide. `redact` adds to
   * this client's values; every other option replaces this client's. This client is not changed.
   *
   * @throws {@link ConfigurationError} for an option out of its range, or one that names the connection
   * (`baseUrl`, `apiKey`, `authMethod`, `fetch`, `allowInsecureHttp`): make a new client for another one.
   *
   * @example
   * ```ts
   * // Hide the values read from a vault in every error and log line of these calls too.
   * const careful = client.withOptions({ redact: [vaultValue], retry: 0 });
   * await careful.list();
   * ```
   */
  withOptions(overrides: ClientOverrides): RedshiftIntegrationClient {
    const options = deriveOptions(this.#options, overrides);
    derivedFrom.set(options, this);
    return new RedshiftIntegrationClient(options as unknown as RedshiftIntegrationClientOptions);
  }

  /** The base URL requests go to, with a trailing slash. */
  get baseUrl(): string {
    return this.#http.baseUrl.href;
  }

  /** The clock this client's retries and waits run on: the `clock` option, or the system's. */
  get clock(): Clock {
    return this.#options.clock;
  }

  /**
   * The client's logger (the `logger` option), hiding what the client hides: the API key, tokens and the
   * `redact` values are scrubbed from every message and string field. Silent without a logger. For code built
   * on the client that reports through the same logger, as configuration as code does.
   */
  get log(): Required<Logger> {
    const log = this.#http.log;
    return {
      debug: (message: string, fields?: LogFields) => log.debug(message, fields),
      info: (message: string, fields?: LogFields) => log.info(message, fields),
      warn: (message: string, fields?: LogFields) => log.warn(message, fields),
      error: (message: string, fields?: LogFields) => log.error(message, fields),
    };
  }

  /**
   * Hides in `value` what this client hides in its own errors and log lines — the API key, recent tokens, the
   * `redact` values — whole and in every encoding the scrubber knows. A string comes back scrubbed; an object or
   * array as a copy in which every string (and key) is scrubbed and every credential field (`password`,
   * `username`, …) masked. For code built on the client that shows what a server said, as configuration as code
   * does.
   *
   * @example
   * ```ts
   * const careful = client.withOptions({ redact: [password] });
   * console.log(careful.redactSecrets(`status: ${integration.status}`));
   * ```
   */
  redactSecrets<T>(value: T): T {
    const secrets = this.#http.secrets();
    return (typeof value === 'string' ? scrub(value, secrets) : sanitize(value, secrets)) as T;
  }

  /**
   * `GET /integrations`: every integration on the tenant, of **every type** (Snowflake, Databricks, …).
   * Use {@link isRedshiftIntegration} to pick the Redshift ones.
   *
   * Lenient, so one odd integration cannot hide the others: an item that does not match the documented
   * shape (no `id`, a `port` sent as a string, `validationResults: null`) is returned as received, with
   * {@link isRedshiftIntegration} false for it, and the logger warns once with its id and the paths that
   * failed (past 20 such items in one answer, one summary line for the rest).
   *
   * @throws {@link ResponseValidationError} when the answer is not a JSON array.
   * @throws {@link ImmutaApiError}, {@link ConnectionError}, {@link TimeoutError}, {@link RequestAbortedError}.
   */
  async list(options?: RequestOptions): Promise<Integration[]> {
    let fresh = 0;
    let more = 0;
    const integrations = await this.#call(
      endpoints.list(({ id, paths }) => {
        if (!this.#warned.add(`${id}\u0000${paths.join(',')}`)) return;
        if (++fresh > 20) {
          more += 1;
          return;
        }
        this.#http.log.warn(
          `GET /integrations: integration ${id} does not match the documented shape (${paths.join(', ')}); returned as received`,
          { id, paths: paths.join(',') },
        );
      }),
      options,
    );
    if (more > 0) {
      this.#http.log.warn(`GET /integrations: ${more} more integrations do not match the documented shape`, { more });
    }
    return integrations;
  }

  /**
   * `GET /integrations/{id}`: one integration, with its status and config. Credentials come back masked.
   *
   * @throws {@link NotFoundError} when no integration has that id.
   * @throws {@link ResponseValidationError} when the answer lacks `id` or `status`.
   */
  async get(id: IntegrationId, options?: RequestOptions): Promise<Integration> {
    return this.#call(endpoints.get(id), options);
  }

  /**
   * `GET /integrations/{id}/status`: the status of one integration, without its config.
   *
   * @throws {@link NotFoundError} when no integration has that id.
   */
  async getStatus(id: IntegrationId, options?: RequestOptions): Promise<IntegrationStatusInfo> {
    return this.#call(endpoints.status(id), options);
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
    return this.#call(endpoints.create(this.#encode(payload)), options);
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
    return this.#call(endpoints.update(id, this.#encode(payload)), options);
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
    let body: RequestBody | undefined;
    if (credentials !== undefined) {
      this.#warnOfUnknown('delete credentials', checkDeleteCredentials(credentials, this.#options).unknownFields);
      body = encodeBody(credentials, this.#options.bodyFormat);
    }
    return this.#call(endpoints.delete(id, body), options);
  }

  /**
   * `POST /integrations/{id}/regenerate`: regenerates the Immuta API key the integration uses.
   * SaaS only: older servers answer 404. The answer is returned as sent (an empty body is `{}`).
   *
   * @throws {@link NotFoundError} when no integration has that id, or the server lacks the endpoint.
   */
  async regenerateApiKey(id: IntegrationId, options?: RequestOptions): Promise<RegenerateResult> {
    return this.#call(endpoints.regenerate(id), options);
  }

  /**
   * Polls `GET /integrations/{id}` until the integration reaches a status in `until` (default `'enabled'`),
   * and resolves with it. Pauses start at `minDelayMs` (750 ms) and grow with the time waited up to
   * `maxDelayMs` (15 s), with jitter; a `Retry-After` is honoured. Failed reads the client's retry policy
   * calls transient (network errors, timeouts, and `retry.statusCodes`: 408, 429 and 5xx by default) do not
   * end the wait; they are ridden out until the deadline, however many (`retry.limit` bounds one call's
   * retries, not a wait's polls).
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
   * and any other failure that is not transient at once.
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
    return this.#wait(id, { ...(waitOptions ?? {}), until: 'enabled' }, secretValuesOf(payload.config));
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
    return this.#wait(id, { ...(waitOptions ?? {}), until: 'enabled' }, secretValuesOf(payload.config));
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
    return this.#wait(id, { ...(waitOptions ?? {}), until: 'deleted' }, secretValuesOf(credentials));
  }

  /**
   * Starts a manual setup: each step sends the same payload, byte for byte. See {@link ManualSetup} for the
   * order of steps and where each script runs.
   *
   * @throws {@link PayloadValidationError} at once, before any request, for an invalid payload or one
   * with `autoBootstrap: true`.
   */
  manualSetup(payload: RedshiftIntegrationPayload): ManualSetup {
    return createManualSetup(this, this.#snapshot(payload));
  }

  /**
   * Starts a manual update: the edit script and the `PUT` send the same payload. See {@link ManualUpdate}.
   *
   * @throws {@link PayloadValidationError} at once, for an invalid payload or id.
   */
  manualUpdate(id: IntegrationId, payload: RedshiftIntegrationPayload): ManualUpdate {
    checkIntegrationId(id);
    return createManualUpdate(this, String(id), this.#snapshot(payload));
  }

  /**
   * Starts a manual deletion: the delete script, then `DELETE` with no body. See {@link ManualDelete}.
   *
   * @throws {@link PayloadValidationError} at once, for an invalid id.
   */
  manualDelete(id: IntegrationId): ManualDelete {
    checkIntegrationId(id);
    return createManualDelete(this, String(id));
  }

  /** Calls an endpoint on this client's transport. */
  #call<T>(endpoint: Call<T>, options?: RequestOptions): Promise<T> {
    return this.#http.call(endpoint, options);
  }

  /** Polls with no retries of its own; `credentials` are hidden in anything the server says meanwhile. */
  async #wait(id: IntegrationId, options: WaitOptions, credentials: readonly string[]): Promise<Integration> {
    const read = endpoints.get(id);
    return waitForStatus(String(id), options, {
      clock: this.#options.clock,
      statusCodes: this.#options.retry.statusCodes,
      log: this.#http.log,
      secrets: () => [...this.#http.secrets(), ...credentials],
      read: ({ signal, timeoutMs }) =>
        this.#http.call(
          read,
          { ...(signal && { signal }), timeoutMs: Math.min(timeoutMs, this.#options.timeoutMs) },
          { retry: false, secrets: credentials },
        ),
    });
  }

  /** Validates a payload by this client's rules (unknown fields it lets through are logged) and serializes it. */
  #encode(payload: RedshiftIntegrationPayload): RequestBody {
    this.#warnOfUnknown('payload', checkRedshiftPayload(payload, this.#options).unknownFields);
    return encodeBody(payload, this.#options.bodyFormat);
  }

  /** A validated deep copy: later changes to the caller's object cannot reach a workflow's requests. */
  #snapshot(payload: RedshiftIntegrationPayload): RedshiftIntegrationPayload {
    this.#encode(payload);
    return JSON.parse(JSON.stringify(payload)) as RedshiftIntegrationPayload;
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

/** Options objects made by `withOptions`, with the client they derive from: how a derived client finds its parent. */
const derivedFrom = new WeakMap<object, RedshiftIntegrationClient>();
