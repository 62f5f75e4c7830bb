// One error class per name, in every entry of the built package, ESM and CommonJS: what `instanceof` needs to
// hold for a user who imports the client from one entry and catches an error thrown by another. Needs `dist`
// (npm test builds it first).
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const ENTRIES = ['index', 'yaml', 'config', 'testing/index'] as const;

type Module = Record<string, unknown>;

/** The SDK's error classes an entry exports, by name. */
function errorClasses(entry: Module, base: abstract new (...args: never[]) => Error): Map<string, unknown> {
  return new Map(
    Object.entries(entry).filter(
      ([, value]) => typeof value === 'function' && (value === base || value.prototype instanceof base),
    ),
  );
}

async function esm(name: string): Promise<Module> {
  return (await import(/* @vite-ignore */ pathToFileURL(resolve(`dist/${name}.js`)).href)) as Module;
}

function cjs(name: string): Module {
  return require(`../dist/${name}.cjs`) as Module;
}

describe.each([
  ['ESM', esm],
  ['CommonJS', async (name: string) => cjs(name)],
])('%s: every error class of every entry is the main entry’s', (_format, load) => {
  it('the same class objects, whichever entry exports them', async () => {
    const main = await load('index');
    const ImmutaError = main.ImmutaError as abstract new () => Error;
    const classes = errorClasses(main, ImmutaError);
    expect(classes.size).toBeGreaterThan(20);
    for (const entry of ENTRIES.slice(1)) {
      for (const [name, value] of errorClasses(await load(entry), ImmutaError)) expect(value).toBe(classes.get(name));
    }
  });

  it('an error thrown by the yaml entry is the main entry’s PayloadValidationError and ImmutaError', async () => {
    const main = await load('index');
    const yaml = await load('yaml');
    const error = await (yaml.parseRedshiftPayload as (text: string) => Promise<unknown>)('type: Redshift\n').catch(
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(main.PayloadValidationError as never);
    expect(error).toBeInstanceOf(main.ImmutaError as never);
    expect((main.isImmutaError as (value: unknown) => boolean)(error)).toBe(true);
  });

  it('an error thrown by the config entry is the main entry’s', async () => {
    const main = await load('index');
    const config = await load('config');
    const error = await (config.loadDesiredState as (text: string) => Promise<unknown>)('nope: [').catch(
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(main.PayloadValidationError as never);
  });
});

describe('two copies of the package in one process', () => {
  it('the ESM and CommonJS builds are separate copies, yet instanceof and isImmutaError hold across them', async () => {
    const fromEsm = await esm('index');
    const fromCjs = cjs('index');
    expect(fromEsm.NotFoundError).not.toBe(fromCjs.NotFoundError);
    const NotFoundError = fromCjs.NotFoundError as new (details: object) => Error;
    const error = new NotFoundError({ method: 'GET', path: '/integrations/5', status: 404, detail: 'gone' });
    expect(error).toBeInstanceOf(fromEsm.NotFoundError as never);
    expect(error).toBeInstanceOf(fromEsm.ImmutaApiError as never);
    expect(error).toBeInstanceOf(fromEsm.ImmutaError as never);
    expect(error).not.toBeInstanceOf(fromEsm.ConflictError as never);
    expect((fromEsm.isImmutaError as (value: unknown) => boolean)(error)).toBe(true);
    expect((fromEsm.isImmutaError as (value: unknown) => boolean)(new Error('plain'))).toBe(false);
    expect((fromEsm.isImmutaError as (value: unknown) => boolean)({ name: 'ImmutaError' })).toBe(false);
  });
});
