import type { RedshiftIntegrationConfig } from '../index.js';
import { textOf } from './key.js';

/** `analytics.abc123.us-east-1.redshift.amazonaws.com` → `analytics-abc123-us-east-1-redshift-amazonaws-com`. */
function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'integration'
  );
}

/**
 * Entry names for integrations found on a tenant, derived from the host so the same tenant always gives the
 * same names: the host alone, or — for several integrations on one host — the host and database (then port).
 * Returned in the order of `configs`.
 */
export function entryNames(configs: readonly (RedshiftIntegrationConfig | undefined)[]): string[] {
  const byHost = (config: RedshiftIntegrationConfig | undefined) => slug(textOf(config?.host));
  const withDatabase = (config: RedshiftIntegrationConfig | undefined) =>
    `${byHost(config)}-${slug(textOf(config?.database))}`;
  const count = (names: string[]) =>
    names.reduce((map, name) => map.set(name, (map.get(name) ?? 0) + 1), new Map<string, number>());
  const hosts = configs.map(byHost);
  const hostCounts = count(hosts);
  const names = configs.map((config, i) =>
    (hostCounts.get(hosts[i] ?? '') ?? 0) > 1 ? withDatabase(config) : (hosts[i] ?? ''),
  );
  const nameCounts = count(names);
  const used = new Map<string, number>();
  return names.map((name, i) => {
    if ((nameCounts.get(name) ?? 0) === 1) return name;
    const base = `${name}-${textOf(configs[i]?.port) || 5439}`;
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    return seen === 0 ? base : `${base}-${seen + 1}`;
  });
}

/** `analytics-prod` → `ANALYTICS_PROD`: the stem of the environment variables export names for an entry. */
export function envStem(name: string): string {
  const stem = name
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[A-Z_]/.test(stem) ? stem : `RS_${stem}`;
}
