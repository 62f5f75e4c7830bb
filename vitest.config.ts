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
    // Files share each worker's loaded modules (the SDK, zod, ky, pg are imported once per worker, not per file):
    // half the run's time went to importing them again. No test depends on module state from another file: each
    // makes its own clients, fakes and servers. Stubbed environment variables and globals are undone after each
    // test, so none leaks into the next file.
    isolate: false,
    unstubEnvs: true,
    unstubGlobals: true,
  },
});
