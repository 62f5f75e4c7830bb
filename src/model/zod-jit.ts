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
  core.util.defineLazy(inst, 'shape', () => def.shape);
});

function objectOf(catchall: () => core.$ZodType | undefined) {
  return ((shape: core.$ZodLooseShape, params?: string | core.$ZodObjectParams) => {
    const rest = catchall();
    return new ZodMiniObjectJIT({
      type: 'object',
      shape,
      ...(rest && { catchall: rest }),
      ...core.util.normalizeParams(params),
    } as core.$ZodObjectDef);
  }) as unknown;
}

/** `z.looseObject` on the JIT-compiled parser: unknown keys are kept. */
export const looseObject = objectOf(() => z.unknown()) as typeof z.looseObject;
/** `z.strictObject` on the JIT-compiled parser: unknown keys are an issue. */
export const strictObject = objectOf(() => z.never()) as typeof z.strictObject;
/** `z.object` on the JIT-compiled parser: unknown keys are dropped from zod's output (no copying them). */
export const stripObject = objectOf(() => undefined) as typeof z.object;
