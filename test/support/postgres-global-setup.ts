import type { TestProject } from 'vitest/node';
import { type PostgresInfo, startPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test PostgreSQL server every Redshift test file shares (see test/support/postgres.ts). */
    postgres: PostgresInfo;
  }
}

/**
 * Vitest globalSetup: one real PostgreSQL server for the whole run, handed to test files with
 * `inject('postgres')`. The teardown vitest calls after the run (failed or not) stops it; if the process dies
 * first, an exit hook stops it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  const { stop, ...info } = server;
  project.provide('postgres', info);
  return stop;
}
