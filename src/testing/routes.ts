import { isDeepStrictEqual } from 'node:util';
import { ASSUMED, DOCUMENTED, errorResponse, sqlResponse } from './answers.js';
import { passedValidation } from './guide-integrations.js';
import { failedValidation, operation, read, schedule, view } from './lifecycle.js';
import type { ScriptStep } from '../model/script-steps.js';
import { credentialsProblem, type FakePayload, readPayload } from './payload-rules.js';
import { type StandInPayload, standInScript } from './stand-in-scripts.js';
import type { FakeIntegration, FakeState } from './types.js';

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

/** A payload as the fake reads it (its own rules, from the guide), or the 400 it answers. */
async function payloadOf(request: Request): Promise<FakePayload | Response> {
  const body = await readBody(request);
  if (body.empty || body.invalid) return errorResponse(400, ASSUMED.badPayload);
  const payload = readPayload(body.value);
  return 'problems' in payload ? errorResponse(400, `${ASSUMED.badPayload}: ${payload.problems.join('; ')}`) : payload;
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
    schedule(state, record, 'creating', 'createError', failedValidation(state.failNextCreation));
    state.failNextCreation = undefined;
  } else {
    schedule(state, record, 'creating', 'enabled');
  }
  return operation(record);
}

/**
 * A manual integration is updated the way it is created: its edit script first, then a PUT of the very payload
 * the script was generated with.
 */
async function update(state: FakeState, request: Request, record: FakeIntegration): Promise<Response> {
  const payload = await payloadOf(request);
  if (payload instanceof Response) return payload;
  if (!record.autoBootstrap) {
    const scripted = state.editPayloads.get(record.id);
    if (scripted === undefined) return errorResponse(422, DOCUMENTED.prerequisites);
    if (!isDeepStrictEqual(scripted, payload)) return errorResponse(400, ASSUMED.scriptsFirst);
    state.editPayloads.delete(record.id);
  }
  record.autoBootstrap = payload.autoBootstrap;
  record.config = { ...payload.config, port: payload.config.port ?? 5439 };
  schedule(state, record, 'editing', 'enabled');
  return operation(record);
}

async function remove(state: FakeState, request: Request, record: FakeIntegration): Promise<Response> {
  const body = await readBody(request);
  if (record.autoBootstrap && body.empty) return errorResponse(400, DOCUMENTED.deleteNeedsCredentials);
  if (!record.autoBootstrap && !body.empty) return errorResponse(400, ASSUMED.deleteTakesNoPayload);
  if (!body.empty && credentialsProblem(body.value, record.config.authenticationType) !== undefined) {
    return errorResponse(400, ASSUMED.badCredentials);
  }
  schedule(state, record, 'deleting', 'deleted');
  return operation(record);
}

/** `POST /integrations/scripts/<step>`: remembers the payload, for the create that must follow with the same one. */
async function setupScript(state: FakeState, request: Request, step: string): Promise<Response> {
  if (!['initial-create', 'create', 'cleanup'].includes(step)) return errorResponse(404, ASSUMED.noRoute);
  const payload = await payloadOf(request);
  if (payload instanceof Response) return payload;
  state.scriptPayloads.set(payload.config.host, payload);
  return sqlResponse(standInScript(step as ScriptStep, payload as unknown as StandInPayload, state.options.standIn));
}

/** `POST /integrations/{id}/scripts/edit|delete`. */
async function integrationScript(state: FakeState, request: Request, record: FakeIntegration, step: 'edit' | 'delete') {
  if (step === 'delete')
    return sqlResponse(
      standInScript(step, { config: record.config } as unknown as StandInPayload, state.options.standIn),
    );
  const payload = await payloadOf(request);
  if (payload instanceof Response) return payload;
  state.editPayloads.set(record.id, payload);
  const previous = { config: record.config } as unknown as StandInPayload;
  return sqlResponse(standInScript(step, payload as unknown as StandInPayload, { ...state.options.standIn, previous }));
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
    return setupScript(state, request, second);
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
    return record ? integrationScript(state, request, record, third) : missing();
  }
  return errorResponse(404, ASSUMED.noRoute);
}
