/**
 * Every Immuta endpoint the SDK calls, each defined once: method, path, body and how its answer is read. The
 * client, the manual workflows and the token exchange all reach Immuta through these; nothing else builds a
 * path.
 */
import { PayloadValidationError } from '../errors/index.js';
import type {
  Integration,
  IntegrationId,
  IntegrationOperation,
  IntegrationStatusInfo,
  RegenerateResult,
} from '../model/integration.js';
import { SCRIPT_ENDPOINTS, type ScriptStep } from '../model/script-steps.js';
import {
  decodeIntegration,
  decodeIntegrationList,
  decodeOperation,
  decodeRegenerated,
  decodeScript,
  decodeStatus,
  decodeToken,
  type UnvalidatedItem,
} from './http/decode.js';
import type { HttpRequest, HttpResponse, RequestBody } from './http/types.js';

/** @internal One call of an endpoint: the request to send, and how its answer becomes a value. */
export interface Call<T> extends Omit<HttpRequest, 'options'> {
  decode(response: HttpResponse): T;
}

/**
 * Why an id is not one path segment, or undefined when it is. URL parsing resolves `.` and `..`
 * (`delete('..')` would send `DELETE /`), many servers and proxies decode `%2F` back into `/` and read `\`
 * as `/`, and control characters have no place in an id.
 */
function idProblem(id: unknown): string | undefined {
  if (typeof id === 'number') {
    return Number.isSafeInteger(id) && id >= 0 ? undefined : 'must be a non-negative whole number';
  }
  if (typeof id !== 'string') return 'must be a string or a number';
  if (id.trim() === '') return 'must not be empty';
  if (id === '.' || id === '..') return 'must not be . or ..: those are not ids but path steps';
  if (/[/\\]/.test(id)) return 'must not contain / or \\: an id is a single path segment';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(id)) return 'must not contain control characters';
  // A lone surrogate cannot be percent-encoded (encodeURIComponent would throw a URIError).
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(id)) {
    return 'must be well-formed text (it holds a lone surrogate)';
  }
  return undefined;
}

/** @internal Refuses an id that is not a single path segment, with a `PayloadValidationError`. */
export function checkIntegrationId(id: IntegrationId): void {
  const problem = idProblem(id);
  if (problem) throw new PayloadValidationError([{ path: 'id', message: problem }], 'integration id');
}

/**
 * `integrations/<id><suffix>`, the id path-encoded, for the transport to join below the base URL. Refuses
 * anything that is not a single path segment with a `PayloadValidationError`, before any request.
 */
function integrationPath(id: IntegrationId, suffix = ''): string {
  checkIntegrationId(id);
  return `integrations/${encodeURIComponent(String(id))}${suffix}`;
}

/** @internal Immuta's endpoints. Each function validates its id and returns the call; none sends anything. */
export const endpoints = {
  /** `GET /integrations`: every integration, of every type; odd items are kept and reported. */
  list: (onUnvalidated?: (item: UnvalidatedItem) => void): Call<Integration[]> => ({
    method: 'GET',
    path: 'integrations',
    decode: (response) => decodeIntegrationList(response, onUnvalidated),
  }),
  /** `GET /integrations/{id}`. */
  get: (id: IntegrationId): Call<Integration> => ({
    method: 'GET',
    path: integrationPath(id),
    decode: decodeIntegration,
  }),
  /** `GET /integrations/{id}/status`. */
  status: (id: IntegrationId): Call<IntegrationStatusInfo> => ({
    method: 'GET',
    path: integrationPath(id, '/status'),
    decode: decodeStatus,
  }),
  /** `POST /integrations`: create (or, after the scripts ran, configure a manual integration). */
  create: (body: RequestBody): Call<IntegrationOperation> => ({
    method: 'POST',
    path: 'integrations',
    body,
    decode: decodeOperation,
  }),
  /** `PUT /integrations/{id}`. */
  update: (id: IntegrationId, body: RequestBody): Call<IntegrationOperation> => ({
    method: 'PUT',
    path: integrationPath(id),
    body,
    decode: decodeOperation,
  }),
  /** `DELETE /integrations/{id}`: with credentials for an automatic integration, no body for a manual one. */
  delete: (id: IntegrationId, body: RequestBody | undefined): Call<IntegrationOperation> => ({
    method: 'DELETE',
    path: integrationPath(id),
    body,
    decode: decodeOperation,
  }),
  /** `POST /integrations/{id}/regenerate`. */
  regenerate: (id: IntegrationId): Call<RegenerateResult> => ({
    method: 'POST',
    path: integrationPath(id, '/regenerate'),
    decode: decodeRegenerated,
  }),
  /**
   * `POST /integrations/scripts/<step>` or `POST /integrations/{id}/scripts/<step>`: the SQL of a script step,
   * whatever form it comes in. `id` for the steps of one integration (`edit`, `delete`); `body` for those that
   * take the payload.
   */
  script: (step: ScriptStep, id: IntegrationId | undefined, body: RequestBody | undefined): Call<string> => {
    const endpoint = SCRIPT_ENDPOINTS[step];
    return {
      method: 'POST',
      path: endpoint.perIntegration ? integrationPath(id ?? '', `/scripts/${step}`) : `integrations/scripts/${step}`,
      body: endpoint.payload ? body : undefined,
      decode: decodeScript,
    };
  },
  /**
   * `POST /bim/apikey/authenticate`: exchanges the API key for a bearer token. Both documented forms at once:
   * the key in `Authorization` (SaaS) and in the body (older releases).
   */
  authenticate: (apiKey: string): Call<string> => ({
    method: 'POST',
    path: 'bim/apikey/authenticate',
    body: { text: JSON.stringify({ apikey: apiKey }), contentType: 'application/json', secrets: [] },
    authorization: apiKey,
    decode: decodeToken,
  }),
};
