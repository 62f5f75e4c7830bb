/**
 * Cold start and bundle size of the built package (run `npm run build` first; `npm run bench` does).
 */
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function run(args: string[]): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return performance.now() - started;
}

/** `import('immuta-redshift')` in a fresh process, minus a bare `node -e 0`: medians of interleaved runs. */
export function benchColdStart(runs = 21) {
  const bare: number[] = [];
  const esm: number[] = [];
  const cjs: number[] = [];
  run(['-e', '0']);
  for (let i = 0; i < runs; i += 1) {
    bare.push(run(['-e', '0']));
    esm.push(run(['--input-type=module', '-e', "await import('immuta-redshift')"]));
    cjs.push(run(['-e', "require('immuta-redshift')"]));
  }
  return { esmMs: median(esm) - median(bare), cjsMs: median(cjs) - median(bare), bareMs: median(bare) };
}

/**
 * What `import { RedshiftIntegrationClient }` costs a user's bundle: esbuild, minified, with code splitting
 * as app bundlers do, gzip. Counts the entry and every chunk it loads statically; the lazy YAML chunk is
 * reported apart, and `yaml` must not be among the eager inputs.
 */
export async function benchBundle() {
  const result = await build({
    stdin: { contents: "export { RedshiftIntegrationClient } from './dist/index.js';", resolveDir: process.cwd() },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    outdir: 'bench-out',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((name) => outputs[name]!.entryPoint)!;
  const eager = new Set([entry]);
  for (const name of eager) {
    for (const dependency of outputs[name]!.imports)
      if (dependency.kind === 'import-statement') eager.add(dependency.path);
  }
  const gzip = (names: Iterable<string>) =>
    [...names].reduce((total, name) => {
      const file = result.outputFiles.find((output) => output.path.endsWith(name));
      return total + (file ? gzipSync(file.contents).length : 0);
    }, 0);
  const lazy = Object.keys(outputs).filter((name) => !eager.has(name) && name.endsWith('.js'));
  const eagerInputs = [...eager].flatMap((name) => Object.keys(outputs[name]!.inputs));
  return {
    eagerKb: gzip(eager) / 1024,
    lazyKb: gzip(lazy) / 1024,
    yamlEager: eagerInputs.some((input) => input.includes('node_modules/yaml/')),
  };
}
