import type { Integration, RedshiftIntegrationConfig, RedshiftIntegrationPayload } from '../index.js';
import { textOf } from './key.js';
import type { FieldChange } from './types.js';

type Config = Partial<RedshiftIntegrationConfig> & Record<string, unknown>;

/**
 * The non-secret fields an entry sets, as they are compared. Credentials are write-only (Immuta masks them), and
 * the key fields (host, port, database) are what matched, so neither is compared. An omitted `impersonation` is
 * `{ enabled: false }`, as Immuta reports it; an omitted impersonation `role` is not compared (Immuta picks one).
 */
function comparedFields(config: RedshiftIntegrationPayload['config']): [string, unknown][] {
  const fields: [string, unknown][] = [
    ['config.initialDatabase', config.initialDatabase],
    ['config.authenticationType', config.authenticationType],
    ['config.impersonation.enabled', config.impersonation?.enabled ?? false],
  ];
  if (config.impersonation?.enabled && config.impersonation.role !== undefined) {
    fields.push(['config.impersonation.role', config.impersonation.role]);
  }
  if (config.authenticationType === 'okta') {
    fields.push(['config.okta.appId', config.okta.appId]);
    fields.push(['config.okta.idpHost', config.okta.idpHost]);
    fields.push(['config.okta.role', config.okta.role]);
  }
  return fields;
}

function at(config: Config, field: string): unknown {
  let node: unknown = { config };
  for (const step of field.split('.')) node = (node as Record<string, unknown> | undefined)?.[step];
  return node;
}

/**
 * The fields that differ. A field the tenant does not report is not a difference: the SDK cannot tell, and a
 * plan that always showed it would never be clean (an assumption: Immuta's answers carry every field).
 */
export function changesOf(
  payload: RedshiftIntegrationPayload,
  integration: Integration,
  references: ReadonlyMap<string, string>,
): FieldChange[] {
  const current = (integration.config ?? {}) as Config;
  const changes: FieldChange[] = [];
  for (const [field, wanted] of comparedFields(payload.config)) {
    const before = at(current, field);
    if (before === undefined || before === wanted) continue;
    changes.push({ field, before, after: references.get(field) ?? wanted });
  }
  return changes;
}

/**
 * The tenant's non-secret view of an integration, field by field: what apply checks has not changed since the
 * plan. Credentials are left out (masked, and write-only), validation results too (they change with every
 * check). One list, so the fingerprint and the names of its differences cannot drift apart.
 */
const WATCHED = [
  'autoBootstrap',
  'config.host',
  'config.port',
  'config.database',
  'config.initialDatabase',
  'config.authenticationType',
  'config.impersonation.enabled',
  'config.impersonation.role',
  'config.okta.appId',
  'config.okta.idpHost',
  'config.okta.role',
] as const;

/** A watched field's value, as the key and the comparison read it (host case-folded, Immuta's defaults filled in). */
function watched(integration: Integration, field: (typeof WATCHED)[number]): unknown {
  if (field === 'autoBootstrap') return integration.autoBootstrap;
  const value = at((integration.config ?? {}) as Config, field);
  if (field === 'config.host') return textOf(value).toLowerCase();
  if (field === 'config.port') return value ?? 5439;
  if (field === 'config.impersonation.enabled') return value ?? false;
  return value;
}

/** @internal The watched fields of an integration, as one string to keep in a plan. */
export function fingerprintOf(integration: Integration): string {
  return JSON.stringify(WATCHED.map((field) => watched(integration, field)));
}

/** Which fields differ between two fingerprints, for the message of a stale plan. */
export function fingerprintDifferences(before: string, after: string): string[] {
  const a = JSON.parse(before) as unknown[];
  const b = JSON.parse(after) as unknown[];
  return WATCHED.filter((_, i) => JSON.stringify(a[i]) !== JSON.stringify(b[i]));
}
