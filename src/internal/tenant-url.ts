/**
 * @internal The path of an Immuta endpoint at the end of a URL: what a URL copied from the guide's curl
 * examples ends in, below the tenant's own.
 */
export const ENDPOINT_PATH = /\/(?:integrations|bim\/apikey\/authenticate)(?:\/.*)?$/i;

/**
 * A tenant URL as comparisons see it: scheme, host in lower case, port (the scheme's default left out), path
 * prefix without its trailing slash — and without an endpoint's path copied from a curl example
 * (`…/integrations`), which the client refuses on its own with the fix.
 */
function normalized(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    const prefix = parsed.pathname.replace(ENDPOINT_PATH, '');
    return `${parsed.protocol}//${parsed.host.toLowerCase()}${prefix.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

/** @internal Whether two URLs name the same tenant: scheme, host (any case), port and path prefix agree. */
export function sameTenant(a: string, b: string): boolean {
  const left = normalized(a);
  return left !== undefined && left === normalized(b);
}
