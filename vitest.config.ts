import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A busy CI machine must not fail a correct suite: no test asserts on wall-clock speed.
    testTimeout: 20_000,
  },
});
