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

  it('immuta-redshift/testing needs neither msw nor yaml at load', async () => {
    const result = await build({
      entryPoints: ['src/testing/index.ts'],
      bundle: true,
      splitting: true,
      outdir: 'out',
      format: 'esm',
      platform: 'node',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const entry = Object.keys(result.metafile.outputs).find((name) => result.metafile.outputs[name]!.entryPoint)!;
    const eager = new Set([entry]);
    for (const name of eager) {
      for (const each of result.metafile.outputs[name]?.imports ?? []) {
        if (each.kind === 'import-statement') eager.add(each.path);
      }
    }
    const inputs = [...eager].flatMap((name) => Object.keys(result.metafile.outputs[name]?.inputs ?? {}));
    expect(inputs.filter((input) => /node_modules\/(msw|yaml)\//.test(input))).toEqual([]);
  });
});
