import { constants, existsSync } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { exportDesiredState, toDesiredStateJson, toDesiredStateYaml } from '../../config/index.js';
import { UsageError } from '../exit-codes.js';
import type { Context } from '../types.js';
import { noArguments } from '../positionals.js';

const SCHEMA = join('node_modules', 'immuta-redshift', 'dist', 'schemas', 'desired-state.schema.json');

/**
 * The schema's path as the file's editor finds it: relative to the directory the file is saved in, in the nearest
 * project above it that has the package installed; the documented default (`./node_modules/…`) when none has.
 */
function schemaFor(directory: string): string {
  for (let dir = resolve(directory); ; dir = dirname(dir)) {
    if (existsSync(join(dir, SCHEMA))) {
      const path = relative(resolve(directory), join(dir, SCHEMA)).split(sep).join('/');
      return path.startsWith('.') ? path : `./${path}`;
    }
    if (dirname(dir) === dir) return `./${SCHEMA.split(sep).join('/')}`;
  }
}

export async function run(context: Context, args: readonly string[]): Promise<void> {
  noArguments(context, args);
  const out = typeof context.values.out === 'string' ? context.values.out : undefined;
  const cannotWrite = (error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'its folder does not exist' : (error.code ?? 'error');
    throw new UsageError(`cannot write --out ${out ?? ''}: ${why}`);
  };
  // Before the tenant is read: a folder that is not there fails now, not after the export.
  if (out !== undefined) await access(dirname(resolve(out)), constants.W_OK).catch(cannotWrite);
  const client = await context.client();
  const state = await exportDesiredState(client, { signal: context.io.signal });
  // Printed, the file is most likely saved here (`export > desired.yaml`); written with --out, where it is saved.
  const options = { schema: schemaFor(out === undefined ? process.cwd() : dirname(out)) };
  const text = context.format === 'json' ? toDesiredStateJson(state, options) : toDesiredStateYaml(state, options);
  if (out === undefined) {
    context.io.stdout.write(text);
    return;
  }
  await writeFile(out, text).catch(cannotWrite);
  context.io.stderr.write(`wrote ${out}\n`);
}
