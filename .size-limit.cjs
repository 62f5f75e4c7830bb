// Size budgets, checked by `npm run check`. Sizes are minified + gzip, with dependencies bundled.
// esbuild's "ignored bare import" warnings are about order-only imports between our chunks, which hold
// declarations only: dropping them is harmless, so they are silenced here to keep CI logs readable.
const quiet = (config) => ({ ...config, logLevel: 'error' });

module.exports = [
  {
    name: 'import { RedshiftIntegrationClient }: our code, ky and zod (yaml loads only when YAML is used)',
    path: 'dist/index.js',
    import: '{ RedshiftIntegrationClient }',
    ignore: ['yaml'],
    gzip: true,
    limit: '32 KB',
    modifyEsbuildConfig: quiet,
  },
  {
    name: 'the whole main entry (yaml loads only when YAML is used)',
    path: 'dist/index.js',
    import: '*',
    ignore: ['yaml'],
    gzip: true,
    limit: '32 KB',
    modifyEsbuildConfig: quiet,
  },
  {
    name: 'the YAML support, loaded on first use',
    path: 'dist/index.js',
    import: '{ parseRedshiftPayload }',
    gzip: true,
    limit: '56 KB',
    modifyEsbuildConfig: quiet,
  },
  {
    name: "immuta-redshift/testing (msw and Node built-ins are the user's)",
    path: 'dist/testing/index.js',
    import: '*',
    ignore: ['msw', 'http', 'util'],
    gzip: true,
    limit: '60 KB',
    modifyEsbuildConfig: quiet,
  },
];
