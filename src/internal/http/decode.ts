import * as z from 'zod/mini';
import { ResponseValidationError } from '../../errors/index.js';
import {
  type Integration,
  type IntegrationOperation,
  integrationOperationSchema,
  integrationSchemaFor,
  type IntegrationStatusInfo,
  integrationStatusInfoSchema,
  markUnvalidated,
  type RegenerateResult,
  regenerateResultSchema,
} from '../../model/integration.js';
import { toValidationIssues } from '../../model/issues.js';
import { safeParse } from '../../model/parse.js';
import type { HttpResponse } from './types.js';

function fail(response: HttpResponse, message: string): never {
  throw new ResponseValidationError(response.target, [{ path: '(root)', message }]);
}

function isJsonType(response: HttpResponse): boolean {
  return /\bjson\b/i.test(response.headers.get('content-type') ?? '');
}

/** @internal Parses a 2xx body as JSON, or throws `ResponseValidationError` saying what came instead. */
export function decodeJson(response: HttpResponse): unknown {
  if (response.text.trim() === '') fail(response, 'expected a JSON body, got an empty one');
  try {
    return JSON.parse(response.text);
  } catch {
    // Only the media type: a header's parameters are the server's to fill, with anything.
    const type = /^\s*([\w.+-]+\/[\w.+-]+)/.exec(response.headers.get('content-type') ?? '')?.[1] ?? 'no content type';
    fail(response, `expected a JSON body, got one that does not parse (${type})`);
  }
}

/**
 * What the SDK hands out for a valid answer: the server's own value, unknown fields included, with a numeric
 * id turned into a string. (zod's output is a copy without the unknown fields; building and discarding it
 * costs far less than keeping it, which matters in a list of thousands.)
 */
function validated<T>(value: unknown): T {
  const id = (value as { id?: unknown } | null)?.id;
  return (typeof id === 'number' ? { ...(value as object), id: String(id) } : value) as T;
}

/** @internal Validates a decoded body against a schema; failures list every path. */
export function decodeWith<T>(response: HttpResponse, schema: z.ZodMiniType<T>, value = decodeJson(response)): T {
  const result = safeParse(schema, value);
  if (!result.success) throw new ResponseValidationError(response.target, toValidationIssues(result.error.issues));
  return validated(value);
}

/** @internal What a create, update or delete answers at once: `{ id, status, validationResults }`. */
export function decodeOperation(response: HttpResponse): IntegrationOperation {
  return decodeWith(response, integrationOperationSchema);
}

/** @internal The regenerate endpoint's answer, undocumented: kept as sent; an empty body is `{}`. */
export function decodeRegenerated(response: HttpResponse): RegenerateResult {
  const value = response.text.trim() === '' ? {} : decodeJson(response);
  return decodeWith(response, regenerateResultSchema, value);
}

const tokenAnswerSchema = z.looseObject({ token: z.string().check(z.minLength(1)) });

/** @internal The token exchange's answer: its `token`. */
export function decodeToken(response: HttpResponse): string {
  return decodeWith(response, tokenAnswerSchema).token;
}

/** @internal One integration, validated by the schema of its type. */
export function decodeIntegration(response: HttpResponse): Integration {
  const value = decodeJson(response);
  return decodeWith(response, integrationSchemaFor(value), value);
}

/** @internal What is known of a list item that did not match its schema. */
export interface UnvalidatedItem {
  /** Its id as sent, or `#<index>` when it has none usable. */
  readonly id: string;
  /** The paths that failed, e.g. `config.port`. */
  readonly paths: readonly string[];
}

/**
 * @internal A list of integrations of any type. Lenient: one odd item (a connection-backed integration,
 * a `port` sent as a string, `validationResults: null`) must not hide the others, so an item that fails its
 * schema is kept as received — marked, so `isRedshiftIntegration` is false for it — and reported.
 */
export function decodeIntegrationList(
  response: HttpResponse,
  onUnvalidated: (item: UnvalidatedItem) => void = () => undefined,
): Integration[] {
  const value = decodeJson(response);
  if (!Array.isArray(value)) fail(response, 'expected an array of integrations');
  const integrations: Integration[] = [];
  value.forEach((item: unknown, index) => {
    const result = safeParse(integrationSchemaFor(item), item);
    if (result.success) {
      integrations.push(validated(item));
      return;
    }
    markUnvalidated(item);
    integrations.push(item as Integration);
    const id = (item as { id?: unknown } | null)?.id;
    onUnvalidated({
      id: typeof id === 'string' || typeof id === 'number' ? String(id) : `#${index}`,
      paths: [...new Set(toValidationIssues(result.error.issues).map((issue) => issue.path))],
    });
  });
  return integrations;
}

/** @internal The status endpoint's body is undocumented: an object with `status`, a JSON string, or plain text. */
export function decodeStatus(response: HttpResponse): IntegrationStatusInfo {
  const text = response.text.trim();
  if (text === '') fail(response, 'expected a status, got an empty body');
  let value: unknown;
  if (isJsonType(response) || /^["{]/.test(text)) value = decodeJson(response);
  else value = text;
  return decodeWith(response, integrationStatusInfoSchema, typeof value === 'string' ? { status: value } : value);
}

/**
 * @internal A script endpoint answers "the script to run", media type undocumented: plain SQL, a
 * JSON string, or a JSON object holding the script (`{ script }`, or a lone string field).
 */
export function decodeScript(response: HttpResponse): string {
  const text = response.text;
  const looksJson = isJsonType(response) || (!response.headers.has('content-type') && /^\s*["{]/.test(text));
  const value = looksJson ? decodeJson(response) : text;
  let script: unknown = value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const strings = Object.values(record).filter((field) => typeof field === 'string');
    script = typeof record.script === 'string' ? record.script : strings.length === 1 ? strings[0] : undefined;
  }
  if (typeof script !== 'string') fail(response, 'expected the script as text, a JSON string or { "script": "…" }');
  if (script.trim() === '') fail(response, 'the server sent an empty script');
  return script;
}
