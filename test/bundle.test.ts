import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Every source file a single-file bundle of `entry` holds, as a user's bundler (a Lambda, a CLI) makes it. */
async function bundledInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('what each entry carries', () => {
  it('the main entry never reaches the yaml package, not even through a dynamic import', async () => {
    const inputs = await bundledInputs('src/index.ts');
    expect(inputs.filter((input) => input.includes('node_modules/yaml/'))).toEqual([]);
    expect(inputs.some((input) => input.includes('node_modules/ky/'))).toBe(true);
  });

  it('immuta-redshift/yaml carries it', async () => {
    expect((await bundledInputs('src/yaml/index.ts')).some((input) => input.includes('node_modules/yaml/'))).toBe(true);
  });

  it('the CLI loads neither ky, zod nor yaml until a command runs: --help stays fast', async () => {
    expect(
      (await eagerInputs('src/cli/index.ts')).filter((input) => /node_modules\/(ky|zod|yaml)\//.test(input)),
    ).toEqual([]);
  });

  it('immuta-redshift/testing needs neither msw nor yaml at load', async () => {
    const inputs = await eagerInputs('src/testing/index.ts');
    expect(inputs.filter((input) => /node_modules\/(msw|yaml)\//.test(input))).toEqual([]);
  });
});

/** Every source file loaded with `entry` itself: splitting on, dynamic imports left out, as Node runs the dist. */
async function eagerInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    outdir: 'out',
    format: 'esm',
    platform: 'node',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // Dynamic-import targets are entry points too: the chunk wanted is the one of `entry` itself.
  const entryChunk = Object.keys(result.metafile.outputs).find(
    (name) => result.metafile.outputs[name]!.entryPoint === entry,
  )!;
  const eager = new Set([entryChunk]);
  for (const name of eager) {
    for (const each of result.metafile.outputs[name]?.imports ?? []) {
      if (each.kind === 'import-statement') eager.add(each.path);
    }
  }
  return [...eager].flatMap((name) => Object.keys(result.metafile.outputs[name]?.inputs ?? {}));
}
