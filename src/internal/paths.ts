import { PayloadValidationError } from '../errors/index.js';

/** An integration id as the API knows it: a string (`"123456789"`) or a number. */
export type IntegrationId = string | number;

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

/**
 * @internal `integrations/<id><suffix>`, the id path-encoded, for the transport to join below the base URL.
 * Refuses anything that is not a single path segment with a `PayloadValidationError`, before any request.
 */
export function integrationPath(id: IntegrationId, suffix = ''): string {
  const problem = idProblem(id);
  if (problem) throw new PayloadValidationError([{ path: 'id', message: problem }], 'integration id');
  return `integrations/${encodeURIComponent(String(id))}${suffix}`;
}
