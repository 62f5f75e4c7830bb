/**
 * @internal The SQLSTATEs of "it exists already" — a duplicate database, schema, object or function: what a
 * script meets when an earlier run got that far. The run's advice (`redshift/advice.ts`) and the manual
 * workflows' next step (`manual-run.ts`) both tell it by this list.
 */
export const ALREADY_EXISTS: readonly string[] = ['42P04', '42P06', '42710', '42723'];
