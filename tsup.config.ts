import { defineConfig } from 'tsup';

// tsup 8 passes `baseUrl` to the d.ts build, which TypeScript 6 deprecates (TS5101).
const dts = { compilerOptions: { ignoreDeprecations: '6.0' } };

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    target: 'node20',
    dts,
    sourcemap: true,
    splitting: true,
  },
  {
    // ky is ESM-only: bundle it into the CommonJS build so `require` works on every Node 20.
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    target: 'node20',
    dts,
    sourcemap: true,
    noExternal: ['ky'],
  },
]);
