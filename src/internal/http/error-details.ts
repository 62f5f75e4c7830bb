import type { ApiErrorDetails, RequestTarget } from '../../errors/index.js';
import { immutaErrorBodySchema } from '../../model/integration.js';
import { safeParse } from '../../model/parse.js';
import { parseRetryAfter } from './retry-after.js';
import { scrub, scrubAndCut } from '../scrub.js';

/** The most of a foreign (non-Immuta) body a message shows, after scrubbing. */
const MAX_FOREIGN_CHARS = 300;
/** The most of Immuta's own `message` or `error` an error keeps, after scrubbing. */
const MAX_FIELD_CHARS = 2000;
/** The most of an error body that is read at all: far more than any message shows, bounded for any body. */
const MAX_BODY_CHARS = 64 * 1024;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Describes an error body that is not Immuta's JSON: what a person needs to tell a proxy page from an API error. */
function describeForeignBody(text: string, contentType: string | null, statusText: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return `${statusText || 'error'} (empty response body)`;
  if (contentType?.includes('html') || /^<(!doctype|html)/i.test(trimmed)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.replace(/\s+/g, ' ').trim();
    return `the server sent an HTML page${title ? ` ("${cut(title, 120)}")` : ''} instead of Immuta's JSON error; a proxy or load balancer may have answered`;
  }
  return cut(trimmed.replace(/\s+/g, ' '), MAX_FOREIGN_CHARS);
}

/** The origin a redirect's `Location` points to (relative ones resolve against the request): never its path. */
function redirectOrigin(location: string | null, requestUrl: string, secrets: readonly string[]): string | undefined {
  if (location === null) return undefined;
  try {
    const origin = new URL(location, requestUrl).origin;
    // A host name can carry a secret too (`https://<key>.attacker.example`).
    return origin === 'null' ? undefined : scrubAndCut(origin, secrets, 300);
  } catch {
    return undefined;
  }
}

/**
 * @internal What an HTTP error answer says, scrubbed first and shaped after: the whole body is scrubbed of
 * every secret before it is parsed, trimmed, collapsed or cut, and the fields read from it are scrubbed
 * again once their JSON escapes are decoded. So no secret can straddle a cut or hide in collapsed spaces.
 */
export function apiErrorDetails(
  response: Response,
  text: string,
  target: RequestTarget,
  secrets: readonly string[],
  requestUrl: string,
): ApiErrorDetails {
  const clean = scrubAndCut(text, secrets, MAX_BODY_CHARS);
  let parsed: unknown;
  try {
    parsed = JSON.parse(clean);
  } catch {
    parsed = undefined;
  }
  const result = safeParse(immutaErrorBodySchema, parsed);
  const field = (value: string | undefined) =>
    value === undefined ? undefined : scrubAndCut(value, secrets, MAX_FIELD_CHARS);
  const body = result.success
    ? {
        ...(result.data.statusCode !== undefined && { statusCode: result.data.statusCode }),
        ...(result.data.error !== undefined && { error: field(result.data.error) }),
        ...(result.data.message !== undefined && { message: field(result.data.message) }),
      }
    : undefined;
  const detail =
    body?.message ??
    body?.error ??
    describeForeignBody(clean, response.headers.get('content-type'), scrubAndCut(response.statusText, secrets, 80));
  const status = response.status;
  return {
    method: target.method,
    path: target.path,
    status,
    body,
    detail,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    ...(status >= 300 &&
      status < 400 && { targetOrigin: redirectOrigin(response.headers.get('location'), requestUrl, secrets) }),
  };
}

/**
 * @internal What is buried in a fetch failure: the system or parser code (`ECONNREFUSED`, `HPE_…`) and the
 * platform's reason (`bad port`). The cause kept is a fresh summary: the platform's own error may hold
 * the raw bytes the server sent (an HTTP parser error keeps them in `data`).
 */
export function systemCause(
  error: unknown,
  secrets: readonly string[],
): { code?: string; reason?: string; cause?: Error } {
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  if (!inner) return {};
  const code = (inner as { code?: unknown }).code;
  const summary = new Error(typeof code === 'string' ? `${inner.name} (${code})` : inner.name);
  summary.name = inner.name;
  if (typeof code === 'string') Object.assign(summary, { code });
  const reason = scrub(inner.message, secrets).slice(0, 200);
  return { ...(typeof code === 'string' ? { code } : reason ? { reason } : {}), cause: summary };
}
