/**
 * Packs the package as npm would publish it, installs the tarball in a fresh temporary project, and there:
 * (a) requires it, (b) imports it, (c) type-checks small consumers under `module: nodenext` (ESM and CJS
 * files) and `module: commonjs`, and runs the `immuta-redshift` bin. Run by `npm run check`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'immuta-redshift-smoke-'));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const run = (command, args, options = {}) =>
  execFileSync(command, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
const step = (name) => console.log(`smoke: ${name}`);

/** The bare module names the files of a folder import, by their endings. */
function importsIn(dir, endings) {
  const found = new Set();
  for (const entry of readdirSync(dir, { recursive: true })) {
    const name = String(entry);
    if (!endings.some((ending) => name.endsWith(ending))) continue;
    const text = readFileSync(join(dir, name), 'utf8');
    for (const [, specifier] of text.matchAll(/(?:from\s*|import\(\s*|require\(\s*)["']([^"'./][^"']*)["']/g)) {
      if (
        specifier.startsWith('node:') ||
        builtinModules.includes(specifier) ||
        specifier.startsWith('immuta-redshift')
      )
        continue;
      found.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
    }
  }
  return found;
}

/** A dependency bundled into dist is not also installed, unless the published types need it. */
function checkDependencies(packageDir) {
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const dependencies = Object.keys(pkg.dependencies ?? {});
  const peers = Object.keys(pkg.peerDependencies ?? {});
  const runtime = importsIn(join(packageDir, 'dist'), ['.js', '.cjs']);
  const types = importsIn(join(packageDir, 'dist'), ['.d.ts', '.d.cts']);
  const problems = [
    ...[...runtime]
      .filter((name) => !dependencies.includes(name) && !peers.includes(name))
      .map((name) => `dist imports ${name}, which is not a dependency`),
    ...dependencies
      .filter((name) => !runtime.has(name) && !types.has(name))
      .map((name) => `${name} is a dependency, but nothing in dist or its types uses it`),
  ];
  if (problems.length > 0) throw new Error(problems.join('\n'));
  console.log(
    `smoke:   runtime: ${[...runtime].join(', ')}; types only: ${[...types].filter((name) => !runtime.has(name)).join(', ')}`,
  );
}

/** Markdown links (`[text](target)`) that are relative must name a file the package ships. */
function checkPackedLinks(packageDir) {
  const documents = [
    'README.md',
    'CHANGELOG.md',
    ...readdirSync(join(packageDir, 'docs')).map((name) => `docs/${name}`),
  ];
  const broken = [];
  for (const document of documents.filter((name) => name.endsWith('.md'))) {
    const text = readFileSync(join(packageDir, document), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      const file = resolve(dirname(join(packageDir, document)), target.split('#')[0]);
      if (!file.startsWith(packageDir) || !existsSync(file)) broken.push(`${document} -> ${target}`);
    }
  }
  if (broken.length > 0) throw new Error(`links that go nowhere in the packed package:\n${broken.join('\n')}`);
}

/** The installed bin's `fake-server`, as `npx immuta-redshift fake-server` runs it: prints its URL, answers, exits 0 on SIGINT. */
function fakeServerRoundTrip() {
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(work, 'node_modules', '.bin', 'immuta-redshift'),
      ['fake-server', '--require-api-key', 'k'],
      {
        cwd: work,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const fail = (why) => {
      child.kill('SIGKILL');
      reject(new Error(`fake-server: ${why}\n${output}`));
    };
    const timer = setTimeout(() => fail('no URL within 20 s'), 20_000);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdout.on('data', async (chunk) => {
      output += chunk;
      const url = /^(http:\/\/\S+)$/m.exec(output)?.[1];
      if (!url || child.answered) return;
      child.answered = true;
      clearTimeout(timer);
      const response = await fetch(`${url}/integrations`, { headers: { authorization: 'k' } }).catch(() => undefined);
      if (response?.status !== 200) return fail(`GET /integrations answered ${response?.status}`);
      child.kill('SIGINT');
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : fail(`exited ${code}`)));
  });
}

try {
  step('npm pack');
  const tarball = run('npm', ['pack', root, '--pack-destination', work, '--silent']).trim().split('\n').pop();
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // First with nothing but the package (and Node's types, for the type-checks below): no msw.
  step(`install ${tarball} alone in a fresh project`);
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, tarball), '@types/node@^20']);

  step('require (CommonJS)');
  run('node', [
    '-e',
    `const sdk = require('immuta-redshift');
     const testing = require('immuta-redshift/testing');
     if (typeof sdk.RedshiftIntegrationClient !== 'function' || typeof testing.createFakeImmuta !== 'function') process.exit(1);
     new sdk.RedshiftIntegrationClient({ baseUrl: 'https://immuta.example', apiKey: 'k' });`,
  ]);

  step('without msw: the fake server, and create → wait → delete through it over HTTP');
  run('node', [
    '--input-type=module',
    '-e',
    `import { RedshiftIntegrationClient, deleteCredentialsOf } from 'immuta-redshift';
     import { startFakeImmutaServer } from 'immuta-redshift/testing';
     const payload = { type: 'Redshift', autoBootstrap: true, config: { host: 'smoke.example', database: 'immuta',
       initialDatabase: 'dev', authenticationType: 'userPassword', username: 'u', password: 'p' } };
     const server = await startFakeImmutaServer({ apiKey: 'k' });
     const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'k' });
     const created = await client.createAndWait(payload, { minDelayMs: 1 });
     const deleted = await client.deleteAndWait(created.id, deleteCredentialsOf(payload), { minDelayMs: 1 });
     const list = await client.list();
     await server.close();
     if (created.status !== 'enabled' || deleted.status !== 'deleted' || list.length !== 2) process.exit(1);`,
  ]);

  step("without msw: the fake's fetch as the client's fetch, no server");
  run('node', [
    '--input-type=module',
    '-e',
    `import { RedshiftIntegrationClient } from 'immuta-redshift';
     import { createFakeImmuta } from 'immuta-redshift/testing';
     const fake = createFakeImmuta();
     const list = await new RedshiftIntegrationClient({ baseUrl: 'https://immuta.test', apiKey: 'k', fetch: fake.fetch }).list();
     if (list.length !== 2) process.exit(1);`,
  ]);

  // Configuration as code takes a client from the main entry; in CommonJS as in ESM, the entries share one copy
  // of every module with identity (error classes, a loaded state), so an installed user can mix them.
  const configRun = (imports) => `${imports}
     const text = JSON.stringify({ integrations: { smoke: { autoBootstrap: true, config: { host: 'smoke.example', database: 'immuta', initialDatabase: 'dev', authenticationType: 'userPassword', username: 'u', password: '\${env:SMOKE_PW}' } } } });
     const server = await startFakeImmutaServer({ apiKey: 'k' });
     const client = new RedshiftIntegrationClient({ baseUrl: server.url, apiKey: 'k' });
     const desired = await loadDesiredState(text, { env: { SMOKE_PW: 'smoke-secret-pw' } });
     const first = await apply(client, desired, { wait: { minDelayMs: 1 } });
     const again = await plan(client, desired);
     const exported = toDesiredStateYaml(await exportDesiredState(client));
     await server.close();
     if (!first.ok || again.hasChanges || !formatPlan(again).startsWith('No changes') || !exported.includes('\${env:SMOKE_EXAMPLE_PASSWORD}')) process.exit(1);
     if (JSON.stringify(again).includes('smoke-secret-pw')) process.exit(2);`;
  step('immuta-redshift/config (ESM): load → apply → plan clean → export, through the fake over HTTP');
  run('node', [
    '--input-type=module',
    '-e',
    configRun(`import { RedshiftIntegrationClient } from 'immuta-redshift';
     import { apply, exportDesiredState, formatPlan, loadDesiredState, plan, toDesiredStateYaml } from 'immuta-redshift/config';
     import { startFakeImmutaServer } from 'immuta-redshift/testing';`),
  ]);
  step('immuta-redshift/config (CommonJS): the same, with the client from one bundle and the state from another');
  run('node', [
    '-e',
    `(async () => {
     const { RedshiftIntegrationClient } = require('immuta-redshift');
     const { apply, exportDesiredState, formatPlan, loadDesiredState, plan, toDesiredStateYaml } = require('immuta-redshift/config');
     const { startFakeImmutaServer } = require('immuta-redshift/testing');
     ${configRun('')}
     })().catch((error) => { console.error(error); process.exit(3); });`,
  ]);
  step('one error class per name across entries, installed: a yaml error is the main entry’s, in CommonJS and ESM');
  run('node', [
    '-e',
    `(async () => {
     const main = require('immuta-redshift');
     const error = await require('immuta-redshift/yaml').parseRedshiftPayload('type: Redshift\\n').catch((e) => e);
     if (!(error instanceof main.PayloadValidationError) || !(error instanceof main.ImmutaError)) process.exit(1);
     if (require('immuta-redshift/config').PlanError !== main.PlanError) process.exit(2);
     const esm = await import('immuta-redshift');
     if (!(error instanceof esm.PayloadValidationError) || !esm.isImmutaError(error)) process.exit(3);
     })().catch((e) => { console.error(e); process.exit(4); });`,
  ]);
  step('the JSON Schemas resolve by their export paths and where the exported file points');
  run('node', [
    '-e',
    `const schema = require(require.resolve('immuta-redshift/schemas/desired-state.schema.json'));
     require(require.resolve('immuta-redshift/schemas/payload.schema.json'));
     require('./node_modules/immuta-redshift/dist/schemas/desired-state.schema.json');
     if (schema.type !== 'object' || !schema.properties.integrations) process.exit(1);`,
  ]);

  step(
    'immuta-redshift/redshift, installed alone: pg works; the Data API asks for its package by name, in ESM and CommonJS',
  );
  run('node', [
    '--input-type=module',
    '-e',
    `import { createDataApiRunner, createWireRunner, splitSqlScript, OptionalPackageMissingError, RedshiftConnectionError } from 'immuta-redshift/redshift';
     import * as main from 'immuta-redshift';
     if (splitSqlScript('SELECT 1; SELECT $$a;b$$;').length !== 2) process.exit(1);
     const runner = createWireRunner({ host: '127.0.0.1', port: 1, user: 'u', password: 'p', sslmode: 'disable', connectTimeoutMs: 2000 });
     const refused = await runner.query('dev', 'SELECT 1').catch((e) => e);
     await runner.close();
     if (!(refused instanceof RedshiftConnectionError) || !(refused instanceof main.ImmutaError)) { console.error(refused); process.exit(2); }
     const api = createDataApiRunner({ clusterIdentifier: 'c', dbUser: 'u', region: 'us-west-2' });
     const missing = await api.query('dev', 'SELECT 1').catch((e) => e);
     if (!(missing instanceof OptionalPackageMissingError) || missing.packageName !== '@aws-sdk/client-redshift-data') { console.error(missing); process.exit(3); }
     if (OptionalPackageMissingError !== main.OptionalPackageMissingError) process.exit(4);`,
  ]);
  run('node', [
    '-e',
    `(async () => {
     const redshift = require('immuta-redshift/redshift');
     const main = require('immuta-redshift');
     if (redshift.StatementFailedError !== main.StatementFailedError) process.exit(1);
     const missing = await redshift.createDataApiRunner({ workgroupName: 'w', secretArn: 'arn:aws:secretsmanager:us-west-2:1:secret:s', region: 'us-west-2' }).query('dev', 'SELECT 1').catch((e) => e);
     if (!(missing instanceof main.OptionalPackageMissingError)) { console.error(missing); process.exit(2); }
     })().catch((e) => { console.error(e); process.exit(3); });`,
  ]);

  step('without msw: immuta-redshift fake-server starts, serves, and stops on Ctrl-C');
  await fakeServerRoundTrip();

  step('with msw installed: immuta-redshift/testing/msw');
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', 'msw@^2.15.0']);
  run('node', [
    '--input-type=module',
    '-e',
    `import { setupServer } from 'msw/node';
     import { RedshiftIntegrationClient } from 'immuta-redshift';
     import { createFakeImmuta } from 'immuta-redshift/testing';
     import { mswHandlers } from 'immuta-redshift/testing/msw';
     const server = setupServer(...mswHandlers(createFakeImmuta({ baseUrl: 'https://immuta.test' })));
     server.listen({ onUnhandledRequest: 'error' });
     const list = await new RedshiftIntegrationClient({ baseUrl: 'https://immuta.test', apiKey: 'k' }).list();
     server.close();
     if (list.length !== 2) process.exit(1);`,
  ]);

  step('every dependency is what the code runs or what the published types need, and nothing else');
  checkDependencies(join(work, 'node_modules', 'immuta-redshift'));

  step('every relative link in the packed README and guides resolves inside the package');
  checkPackedLinks(join(work, 'node_modules', 'immuta-redshift'));

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
