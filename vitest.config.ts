import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A busy CI machine must not fail a correct suite: no test asserts on wall-clock speed.
    testTimeout: 20_000,
    // Most slow tests wait on subprocesses and sockets, not the CPU: two files at a time on a two-core machine.
    maxWorkers: 2,
  },
});
