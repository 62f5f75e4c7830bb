import { ConfigurationError } from '../index.js';
import type { DesiredState } from './state.js';

/**
 * A tenant URL as the comparison sees it: scheme, host in lower case, port (the scheme's default left out),
 * path prefix without its trailing slash.
 */
function normalized(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host.toLowerCase()}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

/**
 * @internal Refuses to plan or apply a file pinned to one tenant (its `tenant`) against another: a production
 * file must not reach a development tenant, nor the other way round.
 *
 * @throws {@link immuta-redshift!ConfigurationError | ConfigurationError} naming both URLs.
 */
export function checkTenant(desired: DesiredState, baseUrl: string): void {
  const pinned = desired.tenant;
  if (pinned === undefined || normalized(pinned) === normalized(baseUrl)) return;
  throw new ConfigurationError(
    `the desired-state file is for the tenant ${pinned}, but the client is connected to ${baseUrl}: nothing was sent. ` +
      'Point the client at the file’s tenant, or change the file’s tenant',
    { option: 'tenant', problem: `the file is for ${pinned}, not ${baseUrl}` },
  );
}
