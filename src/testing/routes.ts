import { isDeepStrictEqual } from 'node:util';
import { PayloadValidationError } from '../errors/index.js';
import type { ValidationResults } from '../model/integration.js';
import { summarizeIssues } from '../model/issues.js';
import { checkDeleteCredentials, checkRedshiftPayload } from '../payload.js';
import type { RedshiftIntegrationPayload } from '../model/payload.js';
import { ASSUMED, DOCUMENTED, errorResponse, redact, sqlResponse } from './answers.js';
import type { FakeImmutaOptions, FakeIntegration, FakeSettle } from './fake-immuta.js';
import { passedValidation } from './guide-integrations.js';

/** @internal Where an integration goes next. */
export interface Plan {
  /** Statuses the next reads see, one each, before `final`. */
  steps: string[];
  /** With time-based settling: when `final` is reached. */
  at?: number;
  final: string;
  finalValidation?: ValidationResults;
}

/** @internal Everything the fake remembers. */
export interface FakeState {
  readonly options: FakeImmutaOptions;
  readonly now: () => number;
  readonly settle: FakeSettle;
  readonly store: Map<string, FakeIntegration>;
  readonly plans: Map<string, Plan>;
  /** The payload the scripts of a host were generated with. */
  readonly scriptPayloads: Map<string, unknown>;
  /** Issued bearer tokens and when each expires. */
  readonly tokens: Map<string, number>;
  failNextCreation: string[] | undefined;
  nextId: number;
}

type Body = { value?: unknown; empty: boolean; invalid: boolean };

async function readBody(request: Request): Promise<Body> {
  const text = await request.text();
  if (text.trim() === '') return { empty: true, invalid: false };
  try {
    if (/yaml/i.test(request.headers.get('content-type') ?? '')) {
      const { parse } = await import('yaml');
      return { value: parse(text), empty: false, invalid: false };
    }
    return { value: JSON.parse(text), empty: false, invalid: false };
  } catch {
    return { empty: false, invalid: true };
  }
}

/**
 * A payload as the fake accepts it: the known fields checked as the SDK checks them, unknown fields (a
 * setting this SDK does not model) let through — what a real tenant does with them is not documented.
 */
async function payloadOf(request: Request): Promise<RedshiftIntegrationPayload | Response> {
  const body = await readBody(request);
  if (body.empty || body.invalid) return errorResponse(400, ASSUMED.badPayload);
  try {
    return checkRedshiftPayload(body.value, { unknownFields: 'allow' }).value;
  } catch (error) {
    if (error instanceof PayloadValidationError) return errorResponse(400, summarizeIssues(error.issues));
    throw error;
  }
}

function failedValidation(names: readonly string[]): ValidationResults {
  return {
    status: 'failed',
    validationTests: [
      { name: 'Initial Validation: Basic Connection Test', result: [null], status: 'passed' },
      ...names.map((name) => ({
        name,
        result: [],
        status: 'failed',
        message: `${name} did not pass: check the Redshift account's permissions and that the database does not exist yet.`,
      })),
    ],
  };
}

function schedule(state: FakeState, id: string, transient: string, final: string, finalValidation?: ValidationResults) {
  const { settle } = state;
  state.plans.set(
    id,
    'ms' in settle
      ? { steps: [], at: state.now() + settle.ms, final, finalValidation }
      : { steps: Array<string>(settle.reads).fill(transient), final, finalValidation },
  );
}

/** A read moves the integration along its plan. */
function advance(state: FakeState, record: FakeIntegration): void {
  const plan = state.plans.get(record.id);
  if (!plan) return;
  if (plan.at !== undefined ? state.now() < plan.at : plan.steps.length > 0) {
    if (plan.at === undefined) record.status = plan.steps.shift() ?? record.status;
    return;
  }
  record.status = plan.final;
  if (plan.finalValidation) record.validationResults = plan.finalValidation;
  state.plans.delete(record.id);
}

/** A read of one integration: counted, moved along its plan, and forgotten once its deletion has been seen. */
function read(state: FakeState, record: FakeIntegration): FakeIntegration {
  record.reads += 1;
  advance(state, record);
  if (record.status === 'deleted') state.store.delete(record.id);
  return record;
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
  return Response.json({ id: record.id, status: record.status, validationResults: record.validationResults });
}

function keyAccepted(state: FakeState, key: string): boolean {
  return key !== '' && (state.options.apiKey === undefined || key === state.options.apiKey);
}

/** `Authorization: <key>` or `Bearer <token>`; undefined when the request may go on. */
function unauthorized(state: FakeState, request: Request): Response | undefined {
  const header = request.headers.get('authorization')?.trim() ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  if (bearer !== undefined) {
    const expires = state.tokens.get(bearer);
    return expires !== undefined && state.now() < expires ? undefined : errorResponse(401, ASSUMED.badToken);
  }
  return keyAccepted(state, header) ? undefined : errorResponse(401, ASSUMED.unauthorized);
}

/** `POST /bim/apikey/authenticate`: the key in `Authorization` (SaaS) or as `{ "apikey": … }` (older releases). */
async function authenticate(state: FakeState, request: Request): Promise<Response> {
  const body = await readBody(request);
  const fromBody = (body.value as { apikey?: unknown } | undefined)?.apikey;
  const key = request.headers.get('authorization')?.trim() || (typeof fromBody === 'string' ? fromBody : '');
  if (!keyAccepted(state, key)) return errorResponse(401, ASSUMED.unauthorized);
  const token = `fake-token-${state.tokens.size + 1}-${Math.random().toString(36).slice(2, 12)}`;
  const ttl = state.options.tokenTtlMs;
  const expires = ttl === undefined ? Number.POSITIVE_INFINITY : state.now() + ttl;
  state.tokens.set(token, expires);
  return Response.json({
    token,
    authenticated: true,
    ...(ttl !== undefined && { tokenExpiration: new Date(expires).toISOString() }),
  });
}

async function create(state: FakeState, request: Request): Promise<Response> {
  const payload = await payloadOf(request);
  if (payload instanceof Response) return payload;
  const host = payload.config.host;
  const clash = [...state.store.values()].find(
    (record) => record.type === 'Redshift' && record.config.host === host && record.status !== 'deleted',
  );
  if (clash) return errorResponse(409, DOCUMENTED.conflict(host, clash.id));
  if (!payload.autoBootstrap) {
    const scripted = state.scriptPayloads.get(host);
    if (scripted === undefined) return errorResponse(422, DOCUMENTED.prerequisites);
    if (!isDeepStrictEqual(scripted, payload)) return errorResponse(400, ASSUMED.scriptsFirst);
  }
  const id = String(state.nextId++);
  const record: FakeIntegration = {
    id,
    type: 'Redshift',
    autoBootstrap: payload.autoBootstrap,
    config: { ...payload.config, port: payload.config.port ?? 5439 },
    status: 'creating',
    validationResults: passedValidation(),
    reads: 0,
  };
  state.store.set(id, record);
  if (state.failNextCreation) {
    schedule(state, id, 'creating', 'createError', failedValidation(state.failNextCreation));
    state.failNextCreation = undefined;
  } else {
    schedule(state, id, 'creating', 'enabled');
  }
  return operation(record);
}

async function update(state: FakeState, request: Request, record: FakeIntegration): Promise<Response> {
  const payload = await payloadOf(request);
  if (payload instanceof Response) return payload;
  record.autoBootstrap = payload.autoBootstrap;
  record.config = { ...payload.config, port: payload.config.port ?? 5439 };
  record.status = 'editing';
  schedule(state, record.id, 'editing', 'enabled');
  return operation(record);
}

async function remove(state: FakeState, request: Request, record: FakeIntegration): Promise<Response> {
  const body = await readBody(request);
  if (record.autoBootstrap && body.empty) return errorResponse(400, DOCUMENTED.deleteNeedsCredentials);
  if (!record.autoBootstrap && !body.empty) return errorResponse(400, ASSUMED.deleteTakesNoPayload);
  if (!body.empty) {
    let type: unknown;
    try {
      type = checkDeleteCredentials(body.value, { unknownFields: 'allow' }).value.authenticationType;
    } catch {
      type = undefined;
    }
    if (type !== record.config.authenticationType) return errorResponse(400, ASSUMED.badCredentials);
  }
  record.status = 'deleting';
  schedule(state, record.id, 'deleting', 'deleted');
  return operation(record);
}

async function script(state: FakeState, request: Request, step: string): Promise<Response> {
  const payload = await payloadOf(request);
  if (payload instanceof Response) return payload;
  const { host, database, initialDatabase } = payload.config;
  state.scriptPayloads.set(host, payload);
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
  const lines = scripts[step];
  return lines ? sqlResponse(lines) : errorResponse(404, ASSUMED.noRoute);
}

/** @internal Answers one request below the base URL: the fake's endpoints, by method and path. */
export async function route(state: FakeState, request: Request, path: string): Promise<Response> {
  const method = request.method;
  let segments: string[];
  try {
    segments = path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return errorResponse(404, ASSUMED.noRoute); // a malformed %-escape
  }
  if (method === 'POST' && path === '/bim/apikey/authenticate') return authenticate(state, request);
  if (segments[0] !== 'integrations') return errorResponse(404, ASSUMED.noRoute);
  const denied = unauthorized(state, request);
  if (denied) return denied;

  const [, first, second, third] = segments;
  if (first === undefined || first === '') {
    if (method === 'GET') return Response.json([...state.store.values()].map((record) => view(read(state, record))));
    if (method === 'POST') return create(state, request);
    return errorResponse(404, ASSUMED.noRoute);
  }
  if (first === 'scripts' && second !== undefined && third === undefined && method === 'POST') {
    return script(state, request, second);
  }
  const record = state.store.get(first);
  const missing = () => errorResponse(404, DOCUMENTED.notFound(first));
  if (second === undefined) {
    if (!['GET', 'PUT', 'DELETE'].includes(method)) return errorResponse(404, ASSUMED.noRoute);
    if (!record) return missing();
    if (method === 'GET') return Response.json(view(read(state, record)));
    return method === 'PUT' ? update(state, request, record) : remove(state, request, record);
  }
  if (second === 'status' && third === undefined && method === 'GET') {
    if (!record) return missing();
    const seen = read(state, record);
    return Response.json({ id: seen.id, status: seen.status });
  }
  if (second === 'regenerate' && third === undefined && method === 'POST') {
    return record ? Response.json({ id: record.id, status: record.status }) : missing();
  }
  if (second === 'scripts' && method === 'POST' && (third === 'edit' || third === 'delete')) {
    if (!record) return missing();
    if (third === 'delete') {
      return sqlResponse([
        `-- Immuta removal of integration ${record.id}: run in database ${String(record.config.initialDatabase)}`,
        `DROP DATABASE IF EXISTS ${String(record.config.database)};`,
        `DROP USER IF EXISTS immuta_system;`,
      ]);
    }
    const payload = await payloadOf(request);
    if (payload instanceof Response) return payload;
    return sqlResponse([
      `-- Immuta manual update of integration ${record.id} on ${payload.config.host}`,
      `ALTER DATABASE ${payload.config.database} OWNER TO immuta_system;`,
    ]);
  }
  return errorResponse(404, ASSUMED.noRoute);
}
