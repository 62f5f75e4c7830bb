import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One real PostgreSQL server for the whole run, for the Redshift side's tests (test/support/postgres.ts): each
    // test file makes its own databases and roles. Started once, stopped when the run ends, failed or not.
    globalSetup: ['test/support/postgres-global-setup.ts'],
    // A busy CI machine must not fail a correct suite: no test asserts on wall-clock speed.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Most slow tests wait on subprocesses and sockets, not the CPU: two files at a time on a two-core machine.
    maxWorkers: 2,
  },
});
