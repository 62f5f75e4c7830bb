/**
 * What a user installs and ships, measured from the packed tarball installed in a fresh project, the way
 * users meet it: the bundle of `import { RedshiftIntegrationClient }` as a Lambda or a CLI bundles it (one
 * file, esbuild, minified, nothing external, no splitting), the cold import, and `immuta-redshift --help`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { median } from './http.js';

export interface Installed {
  readonly dir: string;
  /** Every package the install put in node_modules, direct or not. */
  readonly dependencies: readonly string[];
  /** The package's own dependencies, each with how many packages it brought along. */
  readonly direct: readonly { name: string; brought: number }[];
  remove(): void;
}

/**
 * `name` and every package it depends on, transitively, as installed flat in `modules` — optional dependencies
 * too, when npm installed them (pg's `pg-cloudflare`).
 */
function closureOf(modules: string, name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  const manifest = JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  for (const dependency of Object.keys(manifest.dependencies ?? {})) closureOf(modules, dependency, seen);
  for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) {
    if (existsSync(join(modules, dependency, 'package.json'))) closureOf(modules, dependency, seen);
  }
  return seen;
}

/** Packs the package and installs the tarball alone in a fresh project, as `npm install immuta-redshift` would. */
export function installTarball(): Installed {
  const root = resolve(import.meta.dirname, '..');
  const dir = mkdtempSync(join(tmpdir(), 'immuta-redshift-bench-'));
  const run = (command: string, args: string[]) =>
    execFileSync(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const tarball = run('npm', ['pack', root, '--pack-destination', dir, '--silent']).trim().split('\n').pop() ?? '';
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bench-consumer', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, tarball)]);
  // What is really on disk after the install (an optional peer such as msw is listed by npm, not installed).
  const dependencies = readdirSync(join(dir, 'node_modules'))
    .filter((name) => !name.startsWith('.') && name !== 'immuta-redshift')
    .sort();
  const modules = join(dir, 'node_modules');
  const own = JSON.parse(readFileSync(join(modules, 'immuta-redshift', 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const direct = Object.keys(own.dependencies ?? {})
    .sort()
    .map((name) => ({ name, brought: closureOf(modules, name).size - 1 }));
  return { dir, dependencies, direct, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The single-file bundle of `import { RedshiftIntegrationClient } from 'immuta-redshift'`, gzipped. */
export async function benchBundle(installed: Installed) {
  const result = await build({
    stdin: {
      contents: "export { RedshiftIntegrationClient } from 'immuta-redshift';",
      resolveDir: installed.dir,
    },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.keys(result.metafile.inputs);
  return {
    kb: gzipSync(result.outputFiles[0]!.contents).length / 1024,
    yamlInside: inputs.some((input) => input.includes('node_modules/yaml/')),
  };
}

function run(args: string[], cwd: string): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { cwd, stdio: 'ignore' });
  return performance.now() - started;
}

/** Fresh processes, interleaved with a bare `node -e 0`: the import, and `immuta-redshift --help`. */
export function benchStartup(installed: Installed, runs = 15) {
  const bin = join(installed.dir, 'node_modules', 'immuta-redshift', 'dist', 'cli', 'index.js');
  const bare: number[] = [];
  const esm: number[] = [];
  const help: number[] = [];
  run(['-e', '0'], installed.dir);
  for (let i = 0; i < runs; i += 1) {
    bare.push(run(['-e', '0'], installed.dir));
    esm.push(run(['--input-type=module', '-e', "await import('immuta-redshift')"], installed.dir));
    help.push(run([bin, '--help'], installed.dir));
  }
  return {
    bareMs: median(bare),
    importMs: median(esm.map((value, i) => value - bare[i]!)),
    helpMs: median(help.map((value, i) => value - bare[i]!)),
  };
}
