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
    // Configuration as code sits on the client, in its own entry: none of it is here. 32 KB without the
    // masking engine of 0.3 (an automaton over every encoding of every secret, ~3.6 KB): see docs/benchmarks.md.
    limit: '35 KB',
    modifyEsbuildConfig: userBundle,
  },
  {
    name: "the whole main entry: import * from 'immuta-redshift'",
    path: 'dist/index.js',
    import: '*',
    gzip: true,
    limit: '37 KB',
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
    name: "import { plan, apply } from 'immuta-redshift/config' (with the client code they share)",
    path: 'dist/config.js',
    import: '{ plan, apply }',
    gzip: true,
    limit: '31 KB',
    modifyEsbuildConfig: userBundle,
  },
  {
    name: 'the whole of immuta-redshift/config (the YAML parser and the JSON Schema generator included)',
    path: 'dist/config.js',
    import: '*',
    gzip: true,
    limit: '80 KB',
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
  {
    name: 'immuta-redshift/redshift: runners, preflight, verify (its drivers, pg and the AWS SDK clients, not counted)',
    path: 'dist/redshift.js',
    import: '*',
    gzip: true,
    // It carries the masking engine too (SQL with passwords is masked in its errors and events).
    limit: '23 KB',
    ignore: ['pg', '@aws-sdk/client-redshift-data', '@aws-sdk/client-redshift', '@aws-sdk/client-secrets-manager'],
    modifyEsbuildConfig: userBundle,
  },
];
