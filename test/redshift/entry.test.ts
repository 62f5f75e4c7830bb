import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** A single-file bundle of `entry` with every package left external, as a bundler sees the entry's own code. */
async function bundle(entry: string): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

describe('immuta-redshift/redshift stays off the main entry and loads its drivers on use', () => {
  it('the main entry holds none of the cluster side', async () => {
    const { inputs } = await bundle('src/index.ts');
    expect(inputs.filter((input) => input.startsWith('src/redshift/'))).toEqual([]);
  });

  it('pg and the AWS clients are imported dynamically only: importing the entry loads none of them', async () => {
    const { code } = await bundle('src/redshift/index.ts');
    expect(code).toContain('import("pg")');
    expect(code).toContain('import("@aws-sdk/client-redshift-data")');
    expect(code).toContain('import("@aws-sdk/client-redshift")');
    expect(code).not.toMatch(/from\s*["'](?:pg|@aws-sdk\/[^"']+)["']/);
  });

  it('the entry does not reach zod or yaml: the payload types it uses are types only', async () => {
    const { inputs } = await bundle('src/redshift/index.ts');
    expect(inputs.filter((input) => /node_modules\/(zod|yaml)\/|^src\/yaml\//.test(input))).toEqual([]);
  });
});
