import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('what the main entry loads', () => {
  it('reaches the yaml package only through a dynamic import, so JSON users never load it', async () => {
    const result = await build({
      entryPoints: ['src/index.ts'],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      outdir: 'out',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = result.metafile.outputs;
    const entry = Object.keys(outputs).find((name) => outputs[name]!.entryPoint === 'src/index.ts')!;

    // Every chunk the entry pulls in with a static import, transitively.
    const loadedAtImport = new Set([entry]);
    for (const name of loadedAtImport) {
      for (const dependency of outputs[name]!.imports) {
        if (dependency.kind === 'import-statement') loadedAtImport.add(dependency.path);
      }
    }
    const inputsOf = (names: Iterable<string>) => [...names].flatMap((name) => Object.keys(outputs[name]!.inputs));

    expect(inputsOf(Object.keys(outputs)).some((input) => input.includes('node_modules/yaml/'))).toBe(true);
    expect(inputsOf(loadedAtImport).filter((input) => input.includes('node_modules/yaml/'))).toEqual([]);
  });
});
