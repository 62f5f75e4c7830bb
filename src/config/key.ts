import type { Integration } from '../index.js';

/** A field as text, whatever a server sent: strings and numbers as they are, anything else as nothing. */
export function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * The port as Immuta means it: 5439 when left out; a port a server sent as a numeric string is that number
 * (`list()` hands such an item out as received), so it still matches its entry.
 */
function portOf(port: unknown): number | string {
  if (port === undefined || port === null) return 5439;
  if (typeof port === 'number') return port;
  if (typeof port === 'string' && /^\s*\d{1,5}\s*$/.test(port)) return Number(port);
  return textOf(port);
}

/**
 * How an entry finds its integration: Redshift type, host (case-insensitive, without a trailing dot), port
 * (5439 when left out, as Immuta reports) and database. Safe on any value a server sends.
 */
export function integrationKey(config: unknown): string {
  const fields = (typeof config === 'object' && config !== null ? config : {}) as Record<string, unknown>;
  const host = textOf(fields.host).toLowerCase().replace(/\.$/, '');
  return JSON.stringify(['Redshift', host, portOf(fields.port), textOf(fields.database)]);
}

/**
 * Whether an item of a list is a Redshift integration that still exists — the ones an entry may match. Safe on
 * whatever a server sent (`list()` keeps odd items as received).
 */
export function isLiveRedshift(each: unknown): each is Integration {
  if (typeof each !== 'object' || each === null) return false;
  const { type, status } = each as { type?: unknown; status?: unknown };
  return type === 'Redshift' && status !== 'deleted';
}
