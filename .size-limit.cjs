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
    // 32 KB before 0.3: plan, apply and exportDesiredState are methods of the client and add about 8 KB here.
    // Node and bundlers that split code load them only on first use (a dynamic import); this one-file measure
    // counts them anyway.
    limit: '39 KB',
    modifyEsbuildConfig: userBundle,
  },
  {
    name: "the whole main entry: import * from 'immuta-redshift'",
    path: 'dist/index.js',
    import: '*',
    gzip: true,
    limit: '40 KB',
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
    name: 'immuta-redshift/config (with the YAML parser, and the client code it shares)',
    path: 'dist/config.js',
    import: '*',
    gzip: true,
    limit: '75 KB',
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
