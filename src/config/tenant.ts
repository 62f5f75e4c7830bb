import { ConfigurationError } from '../index.js';
import { sameTenant } from '../internal/tenant-url.js';
import type { DesiredState } from './state.js';

/**
 * @internal Refuses to plan or apply a file pinned to one tenant (its `tenant`) against another: a production
 * file must not reach a development tenant, nor the other way round.
 *
 * @throws {@link immuta-redshift!ConfigurationError | ConfigurationError} naming both URLs.
 */
export function checkTenant(desired: DesiredState, baseUrl: string): void {
  const pinned = desired.tenant;
  if (pinned === undefined || sameTenant(pinned, baseUrl)) return;
  throw new ConfigurationError(
    `the desired-state file is for the tenant ${pinned}, but the client is connected to ${baseUrl}: nothing was sent. ` +
      'Point the client at the file’s tenant, or change the file’s tenant',
    { option: 'tenant', problem: `the file is for ${pinned}, not ${baseUrl}` },
  );
}
