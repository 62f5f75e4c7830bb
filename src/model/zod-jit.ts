/**
 * Object schemas on zod's JIT-compiled object parser (`$ZodObjectJIT`, the one classic `zod` uses) instead of
 * `zod/mini`'s interpreted one: the same schemas, checks, issues and types, parsed about twice as fast — what
 * a `list()` of thousands of integrations spends its time on. Loose, strict, and stripping (`z.object`). (`z.compile` is faster still, but would add
 * 9 KB gzip to every bundle of the client.) Where `new Function` is not allowed, zod falls back to its
 * interpreted parser by itself.
 */
import * as z from 'zod/mini';
import * as core from 'zod/v4/core';

const objectJit: core.$constructor<core.$ZodObject> = core.$ZodObjectJIT;
const miniType: core.$constructor<z.ZodMiniType> = z.ZodMiniType;

/** `ZodMiniObject`, built on the JIT-compiled object parser. */
const ZodMiniObjectJIT = core.$constructor('ZodMiniObject', (inst: z.ZodMiniObject, def: core.$ZodObjectDef) => {
  objectJit.init(inst, def);
  miniType.init(inst, def);
  // As zod's own `shape`, without reaching through `core.util`: that namespace would bring all of zod's utilities
  // (13 KB minified) into every bundle of the client.
  Object.defineProperty(inst, 'shape', { get: () => def.shape, configurable: true });
});

function objectOf(catchall: () => core.$ZodType | undefined) {
  return (shape: core.$ZodLooseShape) => {
    const rest = catchall();
    return new ZodMiniObjectJIT({ type: 'object', shape, ...(rest && { catchall: rest }) } as core.$ZodObjectDef);
  };
}

/** `z.looseObject` on the JIT-compiled parser: unknown keys are kept. (No `params`: no schema here needs them.) */
export const looseObject = objectOf(() => z.unknown()) as <T extends core.$ZodLooseShape>(
  shape: T,
) => z.ZodMiniObject<T, core.$loose>;
/** `z.strictObject` on the JIT-compiled parser: unknown keys are an issue. */
export const strictObject = objectOf(() => z.never()) as <T extends core.$ZodLooseShape>(
  shape: T,
) => z.ZodMiniObject<T, core.$strict>;
/** `z.object` on the JIT-compiled parser: unknown keys are dropped from zod's output (no copying them). */
export const stripObject = objectOf(() => undefined) as <T extends core.$ZodLooseShape>(
  shape: T,
) => z.ZodMiniObject<T, core.$strip>;
