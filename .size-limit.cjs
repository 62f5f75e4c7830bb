// Size budgets, checked by `npm run check`, measured the way users bundle a Lambda or a CLI: one file,
// esbuild, minified, for Node, ESM, nothing marked external and no code splitting (so nothing a dynamic
// import could reach escapes the count), gzip. `bench/size.ts` measures the same from the installed tarball.
const userBundle = (config) => ({ ...config, platform: 'node', format: 'esm', splitting: false, logLevel: 'error' });

module.exports = [
  {
    name: "import { RedshiftIntegrationClient } from 'immuta-redshift'",
    path: 'dist/index.js',
    import: '{ RedshiftIntegrationClient }',
    gzip: true,
    limit: '32 KB',
    modifyEsbuildConfig: userBundle,
  },
  {
    name: "the whole main entry: import * from 'immuta-redshift'",
    path: 'dist/index.js',
    import: '*',
    gzip: true,
    limit: '33 KB',
    modifyEsbuildConfig: userBundle,
  },
  {
    name: "immuta-redshift/yaml (the client's code it shares is counted again here)",
    path: 'dist/yaml.js',
    import: '*',
    gzip: true,
    limit: '62 KB',
    modifyEsbuildConfig: userBundle,
  },
  {
    name: 'immuta-redshift/testing (no msw; yaml only for YAML bodies, which it loads on use)',
    path: 'dist/testing/index.js',
    import: '*',
    gzip: true,
    limit: '70 KB',
    modifyEsbuildConfig: userBundle,
  },
];
