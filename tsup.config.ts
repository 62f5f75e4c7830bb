import { defineConfig } from 'tsup';

// tsup 8 passes `baseUrl` to the d.ts build, which TypeScript 6 deprecates (TS5101).
const dts = { compilerOptions: { ignoreDeprecations: '6.0' } };
const entry = {
  index: 'src/index.ts',
  'testing/index': 'src/testing/index.ts',
  'testing/msw': 'src/testing/msw.ts',
  yaml: 'src/yaml/index.ts',
  config: 'src/config/index.ts',
  redshift: 'src/redshift/index.ts',
};

// `tsup --env.TYPES off` (npm test's `build:code`) skips the declarations: the tests run the code, and the
// typecheck covers the types; `npm run build` (and so `npm run check` and publishing) makes them.
export default defineConfig((options) => {
  const types = options.env?.TYPES === 'off' ? false : dts;
  return [
    {
      // The CLI is ESM only, like the `bin` that runs it.
      entry: { ...entry, 'cli/index': 'src/cli/index.ts' },
      format: ['esm'],
      target: 'node20',
      dts: types,
      splitting: true,
      // ky and zod load as dozens of small modules: bundled, a cold import costs a third of the time.
      // yaml stays external and is loaded lazily, only when YAML is used.
      noExternal: ['ky', 'zod'],
      silent: true,
    },
    {
      // ky is ESM-only: bundled, `require` works on every Node 20 (and zod, for load time as above). Split into
      // shared chunks as the ESM build is, so every entry shares one copy of the error classes and of every module
      // with identity (a `require('immuta-redshift/yaml')` error is `instanceof` the main entry's class).
      entry,
      format: ['cjs'],
      target: 'node20',
      dts: types,
      splitting: true,
      noExternal: ['ky', 'zod'],
      silent: true,
    },
  ];
});
