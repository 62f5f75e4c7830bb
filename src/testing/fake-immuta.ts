import { delay, http, HttpResponse, type RequestHandler } from 'msw';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';
import type { ValidationResults } from '../model/integration.js';
import { redshiftPayloadSchema, deleteCredentialsSchema, type RedshiftIntegrationPayload } from '../model/payload.js';
import { safeParse, summarizeIssues, toValidationIssues } from '../model/issues.js';
import { guideIntegrations, passedValidation } from './guide-integrations.js';

/** When a fake integration leaves `creating`, `editing` or `deleting`. */
export type FakeSettle =
  | {
      /** Settle after this many reads (`GET /integrations/{id}` or `/status`) still saw the transient status. */
      reads: number;
    }
  | {
      /** Settle this many milliseconds after the write, by the fake's clock. */
      ms: number;
    };

/** Options of {@link createFakeImmuta}. */
export interface FakeImmutaOptions {
  /**
   * The origin (and path prefix) the handlers answer for, e.g. `https://immuta.test`. Default `*`:
   * any origin, any prefix — convenient in-process and behind the fake HTTP server.
   */
  baseUrl?: string;
  /** When set, any other `Authorization` gets 401. Default: any non-empty key is accepted. */
  apiKey?: string;
  /** When writes settle. Default `{ reads: 1 }`: the first read sees `creating`, the next `enabled`. */
  settle?: FakeSettle;
  /** Seed the Snowflake and Databricks integrations of Immuta's list example. Default true. */
  otherIntegrations?: boolean;
  /** The clock for `settle: { ms }`. Default `Date.now`. */
  now?: () => number;
}

/** A failure to inject with {@link FakeImmuta.fail}. Each applies to the next `times` matching requests (default 1). */
export type FakeFailure =
  | (FailureMatch & {
      /** Answer with an HTTP error status and an Immuta error body. */
      kind: 'http';
      /** The status to answer with, e.g. 503. */
      status: number;
      /** A `Retry-After` header: seconds, or an HTTP date string. */
      retryAfter?: number | string;
    })
  | (FailureMatch & {
      /** Answer late. */
      kind: 'slow';
      /** How late, in milliseconds. */
      delayMs: number;
    })
  | (FailureMatch & {
      /** Fail at the network level: the HTTP server drops the connection; MSW answers a network error. */
      kind: 'network';
    })
  | {
      /** The next creation ends in `createError`. */
      kind: 'creation';
      /** The validation tests that fail. Default: `Validate Automatic Bootstrap: Immuta Database Does Not Exist`. */
      failedTests?: string[];
    };

/** Which requests an injected failure applies to. */
export interface FailureMatch {
  /** Only requests with this method. */
  method?: string;
  /** Only requests whose path (below the base URL) ends with this, e.g. `/integrations`. */
  path?: string;
  /** How many matching requests fail. Default 1. */
  times?: number;
}

/** One integration as the fake stores it: what was sent (credentials included) and where it is in its lifecycle. */
export interface FakeIntegration {
  /** Its id, as the fake gave it. */
  readonly id: string;
  /** `Redshift`, or the type of a seeded example. */
  readonly type: string;
  /** As sent: automatic (`true`) or manual (`false`). */
  autoBootstrap: boolean;
  /** The config as sent, credentials included. The API only ever answers with them redacted. */
  config: Record<string, unknown>;
  /** Its current status. */
  status: string;
  /** The validation results it answers with. */
  validationResults: ValidationResults;
  /** Requests to `GET /integrations/{id}` and `/status` seen so far. */
  reads: number;
}

/** A stateful fake of Immuta's `/integrations` API, as MSW request handlers. */
export interface FakeImmuta {
  /** The MSW handlers: pass them to `setupServer(...fake.handlers)` or `startFakeImmutaServer`. */
  readonly handlers: RequestHandler[];
  /** The integrations the fake holds, by id (the seeded Snowflake/Databricks ones included). */
  readonly integrations: ReadonlyMap<string, FakeIntegration>;
  /** Forgets every integration, script and armed failure; seeds the example integrations again. */
  reset(): void;
  /** Arms a failure for the next matching request(s), or makes the next creation fail. */
  fail(failure: FakeFailure): void;
  /** Sets the statuses the next reads of an integration see, one per read; the last one stays. */
  setStatusSequence(id: string, statuses: readonly string[]): void;
}

interface Plan {
  /** Statuses the next reads see, one each, before `final`. */
  steps: string[];
  /** With time-based settling: when `final` is reached. */
  at?: number;
  final: string;
  finalValidation?: ValidationResults;
}

interface Armed {
  failure: Exclude<FakeFailure, { kind: 'creation' }>;
  left: number;
}

const REDACTED = '<REDACTED>';
const CREDENTIAL_KEYS = new Set(['username', 'password']);

function errorResponse(status: number, error: string, message: string, headers?: Record<string, string>) {
  return HttpResponse.json({ statusCode: status, error, message }, { status, headers });
}

/** Immuta masks credentials in every answer; so does the fake. */
function redact(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (CREDENTIAL_KEYS.has(key) && typeof value === 'string') out[key] = REDACTED;
    else if (key === 'okta' && typeof value === 'object' && value !== null)
      out[key] = redact(value as Record<string, unknown>);
    else out[key] = value;
  }
  return out;
}

async function readBody(request: Request): Promise<{ value?: unknown; empty: boolean; invalid: boolean }> {
  const text = await request.text();
  if (text.trim() === '') return { empty: true, invalid: false };
  try {
    const yaml = /yaml/i.test(request.headers.get('content-type') ?? '');
    return { value: yaml ? parseYaml(text) : JSON.parse(text), empty: false, invalid: false };
  } catch {
    return { empty: false, invalid: true };
  }
}

function failedValidation(names: readonly string[]): ValidationResults {
  return {
    status: 'failed',
    validationTests: [
      { name: 'Initial Validation: Basic Connection Test', result: [null], status: 'passed' },
      ...names.map((name) => ({ name, result: [], status: 'failed' })),
    ],
  };
}

function sql(lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/**
 * Creates a stateful fake of Immuta's `/integrations` API as MSW handlers, for testing code that uses
 * this SDK (or any HTTP client) without a tenant. It behaves as the API documents: a create answers
 * `creating` and the integration becomes `enabled` after {@link FakeImmutaOptions.settle}; an update goes
 * `editing` → `enabled`; a delete `deleting` → `deleted` (then 404). DELETE enforces the credential rules
 * (400 for an automatic integration without credentials, or a manual one with them); 404 reads
 * `No Integration found with ID n.`; a second Redshift integration on one host is a 409; credentials come
 * back as `<REDACTED>`; every script endpoint answers SQL; a manual configure must send the payload the
 * scripts were generated with.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createFakeImmuta } from 'immuta-redshift/testing';
 *
 * const fake = createFakeImmuta();
 * const server = setupServer(...fake.handlers);
 * server.listen();
 * const client = new RedshiftIntegrationClient({ baseUrl: 'https://immuta.test', apiKey: 'test-key' });
 * const integration = await client.createAndWait(payload); // status: 'enabled'
 * ```
 */
export function createFakeImmuta(options: FakeImmutaOptions = {}): FakeImmuta {
  const base = (options.baseUrl ?? '*').replace(/\/+$/, '');
  const settle = options.settle ?? { reads: 1 };
  const now = options.now ?? Date.now;
  const store = new Map<string, FakeIntegration>();
  const plans = new Map<string, Plan>();
  const scriptPayloads = new Map<string, unknown>();
  let armed: Armed[] = [];
  let failNextCreation: string[] | undefined;
  let nextId = 123456789;

  function reset(): void {
    store.clear();
    plans.clear();
    scriptPayloads.clear();
    armed = [];
    failNextCreation = undefined;
    nextId = 123456789;
    if (options.otherIntegrations ?? true) {
      for (const seeded of guideIntegrations()) {
        store.set(String(seeded.id), { ...(seeded as unknown as FakeIntegration), reads: 0 });
      }
    }
  }

  function schedule(id: string, transient: string, final: string, finalValidation?: ValidationResults): void {
    plans.set(
      id,
      'ms' in settle
        ? { steps: [], at: now() + settle.ms, final, finalValidation }
        : { steps: Array<string>(settle.reads).fill(transient), final, finalValidation },
    );
  }

  /** A read moves the integration along its plan. */
  function advance(record: FakeIntegration): void {
    const plan = plans.get(record.id);
    if (!plan) return;
    if (plan.at !== undefined ? now() < plan.at : plan.steps.length > 0) {
      if (plan.at === undefined) record.status = plan.steps.shift() ?? record.status;
      return;
    }
    record.status = plan.final;
    if (plan.finalValidation) record.validationResults = plan.finalValidation;
    plans.delete(record.id);
  }

  function view(record: FakeIntegration): Record<string, unknown> {
    return {
      id: record.id,
      status: record.status,
      validationResults: record.validationResults,
      type: record.type,
      autoBootstrap: record.autoBootstrap,
      config: record.type === 'Redshift' ? redact(record.config) : record.config,
    };
  }

  function operation(record: FakeIntegration): Response {
    return HttpResponse.json({ id: record.id, status: record.status, validationResults: record.validationResults });
  }

  function notFound(id: string): Response {
    return errorResponse(404, 'Not Found', `No Integration found with ID ${id}.`);
  }

  function unauthorized(request: Request): Response | undefined {
    const key = request.headers.get('authorization')?.trim() ?? '';
    if (key === '' || (options.apiKey !== undefined && key !== options.apiKey)) {
      return errorResponse(401, 'Unauthorized', 'Invalid or missing API key.');
    }
    return undefined;
  }

  /** Parses and validates a Redshift payload, or answers 400 as Immuta does. */
  async function payloadOf(request: Request): Promise<RedshiftIntegrationPayload | Response> {
    const body = await readBody(request);
    if (body.empty || body.invalid) return errorResponse(400, 'Bad Request', 'Invalid request payload input');
    const result = safeParse(redshiftPayloadSchema, body.value);
    if (!result.success) {
      return errorResponse(400, 'Bad Request', summarizeIssues(toValidationIssues(result.error.issues)));
    }
    return result.data;
  }

  /** A read of one integration: counted, moved along its plan, and forgotten once its deletion has been seen. */
  function readOne(id: string): FakeIntegration | undefined {
    const record = store.get(id);
    if (!record) return undefined;
    record.reads += 1;
    advance(record);
    if (record.status === 'deleted') store.delete(record.id);
    return record;
  }

  const route = (path: string) => `${base}${path}`;

  const handlers: RequestHandler[] = [
    // Armed failures and the auth check come first; when neither applies, MSW moves on to the next handler.
    http.all(new RegExp(`/integrations(/|$)`), async ({ request }) => {
      const path = new URL(request.url).pathname;
      const match = armed.find(
        ({ failure }) =>
          (failure.method === undefined || failure.method.toUpperCase() === request.method) &&
          (failure.path === undefined || path.endsWith(failure.path)),
      );
      if (match) {
        match.left -= 1;
        armed = armed.filter((each) => each.left > 0);
        const { failure } = match;
        if (failure.kind === 'network') return HttpResponse.error();
        if (failure.kind === 'slow') await delay(failure.delayMs);
        if (failure.kind === 'http') {
          const headers: Record<string, string> =
            failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
          return errorResponse(failure.status, 'Injected failure', `Injected HTTP ${failure.status}`, headers);
        }
      }
      return unauthorized(request);
    }),

    http.get(route('/integrations'), () => HttpResponse.json([...store.values()].map((record) => view(record)))),

    http.post(route('/integrations'), async ({ request }) => {
      const payload = await payloadOf(request);
      if (payload instanceof Response) return payload;
      const host = payload.config.host;
      const clash = [...store.values()].find(
        (record) => record.type === 'Redshift' && record.config.host === host && record.status !== 'deleted',
      );
      if (clash) {
        return errorResponse(409, 'Conflict', `An integration already exists for host ${host} (ID ${clash.id}).`);
      }
      if (!payload.autoBootstrap) {
        const scripted = scriptPayloads.get(host);
        if (scripted === undefined) {
          return errorResponse(
            422,
            'Unprocessable entity',
            'Validation of prerequisite setup failed. Unable to create integration.',
          );
        }
        if (!isDeepStrictEqual(scripted, payload)) {
          return errorResponse(
            400,
            'Bad Request',
            'The payload you provide must match the payload sent when generating the scripts.',
          );
        }
      }
      const id = String(nextId++);
      const record: FakeIntegration = {
        id,
        type: 'Redshift',
        autoBootstrap: payload.autoBootstrap,
        config: { ...payload.config, port: payload.config.port ?? 5439 },
        status: 'creating',
        validationResults: passedValidation(),
        reads: 0,
      };
      store.set(id, record);
      if (failNextCreation) {
        schedule(id, 'creating', 'createError', failedValidation(failNextCreation));
        failNextCreation = undefined;
      } else {
        schedule(id, 'creating', 'enabled');
      }
      return operation(record);
    }),

    http.get(route('/integrations/:id'), ({ params }) => {
      const record = readOne(String(params.id));
      return record ? HttpResponse.json(view(record)) : notFound(String(params.id));
    }),

    http.get(route('/integrations/:id/status'), ({ params }) => {
      const record = readOne(String(params.id));
      return record ? HttpResponse.json({ id: record.id, status: record.status }) : notFound(String(params.id));
    }),

    http.put(route('/integrations/:id'), async ({ request, params }) => {
      const record = store.get(String(params.id));
      if (!record) return notFound(String(params.id));
      const payload = await payloadOf(request);
      if (payload instanceof Response) return payload;
      record.autoBootstrap = payload.autoBootstrap;
      record.config = { ...payload.config, port: payload.config.port ?? 5439 };
      record.status = 'editing';
      schedule(record.id, 'editing', 'enabled');
      return operation(record);
    }),

    http.delete(route('/integrations/:id'), async ({ request, params }) => {
      const record = store.get(String(params.id));
      if (!record) return notFound(String(params.id));
      const body = await readBody(request);
      if (record.autoBootstrap && body.empty) {
        return errorResponse(
          400,
          'Bad Request',
          'This integration was created with autoBootstrap: true; send its authenticationType and credentials.',
        );
      }
      if (!record.autoBootstrap && !body.empty) {
        return errorResponse(
          400,
          'Bad Request',
          'This integration was created with autoBootstrap: false; send no payload.',
        );
      }
      if (!body.empty) {
        const credentials = safeParse(deleteCredentialsSchema, body.value);
        if (!credentials.success || credentials.data.authenticationType !== record.config.authenticationType) {
          return errorResponse(400, 'Bad Request', 'Invalid credentials for this integration.');
        }
      }
      record.status = 'deleting';
      schedule(record.id, 'deleting', 'deleted');
      return operation(record);
    }),

    http.post(route('/integrations/:id/regenerate'), ({ params }) => {
      const record = store.get(String(params.id));
      if (!record) return notFound(String(params.id));
      return HttpResponse.json({ id: record.id, status: record.status });
    }),

    http.post(route('/integrations/scripts/:step'), async ({ request, params }) => {
      const payload = await payloadOf(request);
      if (payload instanceof Response) return payload;
      const { host, database, initialDatabase } = payload.config;
      scriptPayloads.set(host, payload);
      const scripts: Record<string, string[]> = {
        'initial-create': [
          `-- Immuta manual setup for ${host}, step 1 of 2: run in database ${initialDatabase}`,
          `CREATE DATABASE ${database};`,
          `CREATE USER immuta_system PASSWORD DISABLE;`,
          `GRANT CREATE ON DATABASE ${database} TO immuta_system;`,
        ],
        create: [
          `-- Immuta manual setup for ${host}, step 2 of 2: run in database ${database}`,
          `CREATE SCHEMA immuta_procedures;`,
          `CREATE SCHEMA immuta_policies;`,
          `GRANT USAGE ON SCHEMA immuta_procedures TO immuta_system;`,
        ],
        cleanup: [
          `-- Immuta cleanup after a failed setup on ${host}: run in database ${initialDatabase}`,
          `DROP DATABASE IF EXISTS ${database};`,
          `DROP USER IF EXISTS immuta_system;`,
        ],
      };
      const script = scripts[String(params.step)];
      if (!script) return errorResponse(404, 'Not Found', 'No such script.');
      return new HttpResponse(sql(script), { headers: { 'content-type': 'text/plain' } });
    }),

    http.post(route('/integrations/:id/scripts/edit'), async ({ request, params }) => {
      const record = store.get(String(params.id));
      if (!record) return notFound(String(params.id));
      const payload = await payloadOf(request);
      if (payload instanceof Response) return payload;
      return new HttpResponse(
        sql([
          `-- Immuta manual update of integration ${record.id} on ${payload.config.host}`,
          `ALTER DATABASE ${payload.config.database} OWNER TO immuta_system;`,
        ]),
        { headers: { 'content-type': 'text/plain' } },
      );
    }),

    http.post(route('/integrations/:id/scripts/delete'), ({ params }) => {
      const record = store.get(String(params.id));
      if (!record) return notFound(String(params.id));
      return new HttpResponse(
        sql([
          `-- Immuta removal of integration ${record.id}: run in database ${String(record.config.initialDatabase)}`,
          `DROP DATABASE IF EXISTS ${String(record.config.database)};`,
          `DROP USER IF EXISTS immuta_system;`,
        ]),
        { headers: { 'content-type': 'text/plain' } },
      );
    }),
  ];

  reset();
  return {
    handlers,
    integrations: store,
    reset,
    fail(failure) {
      if (failure.kind === 'creation') {
        failNextCreation = failure.failedTests ?? ['Validate Automatic Bootstrap: Immuta Database Does Not Exist'];
        return;
      }
      armed.push({ failure, left: failure.times ?? 1 });
    },
    setStatusSequence(id, statuses) {
      const [final, ...before] = [...statuses].reverse();
      if (final === undefined) return;
      plans.set(id, { steps: before.reverse(), final });
    },
  };
}
