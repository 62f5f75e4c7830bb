import { readFileSync } from 'node:fs';
import type { RedshiftIntegrationPayload } from '../../src/index.js';

function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** The guide's request payloads. */
export const payloads = {
  autoUserPassword: load<RedshiftIntegrationPayload>('payload-auto-userpassword'),
  autoOkta: load<RedshiftIntegrationPayload>('payload-auto-okta'),
  manualUserPassword: load<RedshiftIntegrationPayload>('payload-manual-userpassword'),
  manualOkta: load<RedshiftIntegrationPayload>('payload-manual-okta'),
  updateAutoOkta: load<RedshiftIntegrationPayload>('payload-update-auto-okta'),
  updateManualOkta: load<RedshiftIntegrationPayload>('payload-update-manual-okta'),
};

/** The guide's responses. */
export const responses = {
  creating: load<Record<string, unknown>>('response-creating'),
  editing: load<Record<string, unknown>>('response-editing'),
  deleting: load<Record<string, unknown>>('response-deleting'),
  getRedshift: load<Record<string, unknown>>('response-get-redshift'),
  list: load<Record<string, unknown>[]>('response-list'),
};

/** The secret values in the guide's payloads, to scan outputs for. */
export const guideSecrets = ['abc1234', 'taylor@redshift.com'];
