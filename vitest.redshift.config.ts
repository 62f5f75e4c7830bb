import { defineConfig } from 'vitest/config';

// The cluster side's tests alone: `npx vitest run --config vitest.redshift.config.ts`.
// One real PostgreSQL server for the whole run (globalSetup); each test file makes its own databases and roles.
export default defineConfig({
  test: {
    include: ['test/redshift/**/*.test.ts'],
    globalSetup: ['test/support/postgres-global-setup.ts'],
    // A busy CI machine must not fail a correct suite: no test asserts on wall-clock speed.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
