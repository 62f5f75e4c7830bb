/**
 * How an entry finds its integration: Redshift type, host (case-insensitive, without a trailing dot), port
 * (5439 when left out, as Immuta reports) and database.
 */
export function integrationKey(config: { host?: unknown; port?: unknown; database?: unknown }): string {
  const host = String(config.host ?? '')
    .toLowerCase()
    .replace(/\.$/, '');
  const port = typeof config.port === 'number' ? config.port : 5439;
  return JSON.stringify(['Redshift', host, port, String(config.database ?? '')]);
}

/** The key as a person reads it: `host:port/database`. */
export function shownKey(config: { host?: unknown; port?: unknown; database?: unknown }): string {
  const [, host, port, database] = JSON.parse(integrationKey(config)) as [string, string, number, string];
  return `${host}:${port}/${database}`;
}
