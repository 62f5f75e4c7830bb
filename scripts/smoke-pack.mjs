/**
 * Packs the package as npm would publish it, installs the tarball in a fresh temporary project, and there:
 * (a) requires it, (b) imports it, (c) type-checks small consumers under `module: nodenext` (ESM and CJS
 * files) and `module: commonjs`, and runs the `immuta-redshift` bin. Run by `npm run check`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'immuta-redshift-smoke-'));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
const step = (name) => console.log(`smoke: ${name}`);

try {
  step('npm pack');
  const tarball = run('npm', ['pack', root, '--pack-destination', work, '--silent']).trim().split('\n').pop();
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  step(`install ${tarball} in a fresh project`);
  run('npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    join(work, tarball),
    'msw@^2.15.0',
    '@types/node@^20',
  ]);

  step('require (CommonJS)');
  run('node', [
    '-e',
    `const sdk = require('immuta-redshift');
     const testing = require('immuta-redshift/testing');
     if (typeof sdk.RedshiftIntegrationClient !== 'function' || typeof testing.createFakeImmuta !== 'function') process.exit(1);
     new sdk.RedshiftIntegrationClient({ baseUrl: 'https://immuta.example', apiKey: 'k' });`,
  ]);

  step('import (ESM), and a call through the fake over HTTP');
  run('node', [
    '--input-type=module',
    '-e',
    `import { RedshiftIntegrationClient } from 'immuta-redshift';
     import { startFakeImmutaServer } from 'immuta-redshift/testing';
     const server = await startFakeImmutaServer();
     const list = await new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'k' }).list();
     await server.close();
     if (list.length !== 2) process.exit(1);`,
  ]);

  step('the immuta-redshift bin');
  const version = run('npx', ['--no-install', 'immuta-redshift', '--version']).trim();
  if (!/^\d+\.\d+\.\d+/.test(version)) throw new Error(`unexpected --version output: ${version}`);

  // One consumer body, reached through each way a TypeScript user imports the package.
  const body = `
    const payload: RedshiftIntegrationPayload = {
      type: 'Redshift', autoBootstrap: true,
      config: { host: 'h.example', database: 'd', initialDatabase: 'i', authenticationType: 'userPassword', username: 'u', password: 'p' },
    };
    export async function main(): Promise<string | undefined> {
      const client = new RedshiftIntegrationClient({ baseUrl: 'https://immuta.example', apiKey: 'k' });
      try {
        const integration = await client.createAndWait(payload);
        return isRedshiftIntegration(integration) ? integration.config?.host : undefined;
      } catch (error) {
        if (error instanceof NotFoundError) return String(error.status);
        throw error;
      }
    }`;
  const esmImports = `import { RedshiftIntegrationClient, NotFoundError, isRedshiftIntegration, type RedshiftIntegrationPayload } from 'immuta-redshift';`;
  writeFileSync(
    join(work, 'consumer.ts'),
    `${esmImports}\nimport { createFakeImmuta } from 'immuta-redshift/testing';\nexport const fake = createFakeImmuta();\n${body}`,
  );
  writeFileSync(
    join(work, 'consumer-cjs.cts'),
    `import sdk = require('immuta-redshift');\nimport type { RedshiftIntegrationPayload } from 'immuta-redshift';\nconst { RedshiftIntegrationClient, NotFoundError, isRedshiftIntegration } = sdk;\n${body}`,
  );
  writeFileSync(join(work, 'consumer-commonjs.ts'), `${esmImports}\n${body}`);
  const strict = { strict: true, noEmit: true, skipLibCheck: false, types: ['node'], target: 'ES2022' };
  writeFileSync(
    join(work, 'tsconfig.nodenext.json'),
    JSON.stringify({
      compilerOptions: { ...strict, module: 'nodenext', moduleResolution: 'nodenext' },
      files: ['consumer.ts', 'consumer-cjs.cts'],
    }),
  );
  writeFileSync(
    join(work, 'tsconfig.commonjs.json'),
    JSON.stringify({
      compilerOptions: { ...strict, module: 'commonjs', esModuleInterop: true },
      files: ['consumer-commonjs.ts'],
    }),
  );
  for (const config of ['tsconfig.nodenext.json', 'tsconfig.commonjs.json']) {
    step(`type-check a consumer with ${config}`);
    run('node', [tsc, '-p', config]);
  }
  console.log('smoke: the packed package installs, loads and type-checks');
} catch (error) {
  console.error(`smoke: FAILED\n${error.stdout ?? ''}${error.stderr ?? ''}${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
