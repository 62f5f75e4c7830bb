/**
 * What the fake says. Where Immuta's documentation gives a message, it is quoted verbatim (`DOCUMENTED`);
 * every other wording is the fake's own (`ASSUMED`), and docs/testing.md lists it as an assumption.
 */
export const DOCUMENTED = {
  notFound: (id: string) => `No Integration found with ID ${id}.`,
  conflict: (host: string, id: string) => `Redshift integration already exists on ${host} (id = ${id}).`,
  prerequisites: 'Validation of prerequisite setup failed. Unable to create integration.',
  deleteNeedsCredentials:
    'Integrations that are automatically configured require privileged credentials to disable. Please provide them in your payload.',
} as const;

export const ASSUMED = {
  noRoute: 'Not Found',
  unauthorized: 'Invalid or missing API key.',
  badToken: 'The bearer token is invalid or has expired. Authenticate again.',
  badPayload: 'Invalid request payload input',
  deleteTakesNoPayload:
    'This integration was not configured automatically: delete it without a payload, after running its delete script.',
  badCredentials: 'The credentials do not match the authentication type of this integration.',
  scriptsFirst: 'The payload you provide must match the payload sent when generating the scripts.',
  injected: (status: number) => `Injected HTTP ${status}`,
} as const;

/** Immuta's error body: `{ statusCode, error, message }`. */
export function errorResponse(status: number, message: string, headers?: Record<string, string>): Response {
  const error: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    404: 'Not Found',
    409: 'Conflict',
    422: 'Unprocessable entity',
    429: 'Too Many Requests',
  };
  return Response.json(
    { statusCode: status, error: error[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error'), message },
    { status, headers },
  );
}

/** A script endpoint's answer: `text/plain` SQL (the media type is undocumented; this is one of its readings). */
export function sqlResponse(sql: string): Response {
  return new Response(sql.endsWith('\n') ? sql : `${sql}\n`, { headers: { 'content-type': 'text/plain' } });
}

const REDACTED = '<REDACTED>';
const CREDENTIAL_KEYS = new Set(['username', 'password']);

/** Immuta masks credentials in every answer; so does the fake. */
export function redact(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (CREDENTIAL_KEYS.has(key) && typeof value === 'string') out[key] = REDACTED;
    else if (key === 'okta' && typeof value === 'object' && value !== null)
      out[key] = redact(value as Record<string, unknown>);
    else out[key] = value;
  }
  return out;
}
