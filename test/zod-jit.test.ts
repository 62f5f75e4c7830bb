// src/model/zod-jit.ts builds zod/mini object schemas on zod's JIT-compiled object parser, through zod's internal
// constructors. These tests pin what it relies on: a zod upgrade that moves those internals fails here, loudly,
// rather than slowing `list()` down or changing what validates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import * as core from 'zod/v4/core';
import { looseObject, stripObject, strictObject } from '../src/model/zod-jit.js';

const shape = () => ({
  id: z.string(),
  port: z.optional(z.int().check(z.gte(1), z.lte(65535))),
  nested: z.optional(z.object({ enabled: z.boolean() })),
});

/** Traits zod records on every schema instance: what it was built as. */
function traits(schema: unknown): Set<string> {
  return (schema as { _zod: { traits: Set<string> } })._zod.traits;
}

describe('the JIT object schemas', () => {
  it('are built on the internals zod-jit.ts uses, which this zod still has', () => {
    expect(typeof core.$ZodObjectJIT).toBe('function');
    expect(typeof core.$constructor).toBe('function');
    expect(typeof core.util.defineLazy).toBe('function');
    expect(typeof core.util.normalizeParams).toBe('function');
    for (const build of [looseObject, strictObject, stripObject]) {
      const schema = build(shape());
      // The JIT parser, and still a zod/mini schema (with `check`, `shape`, …).
      expect(traits(schema).has('$ZodObjectJIT')).toBe(true);
      expect(traits(schema).has('ZodMiniType')).toBe(true);
      expect(Object.keys(schema.shape)).toEqual(['id', 'port', 'nested']);
    }
  });

  it("accept, refuse and report exactly as zod/mini's own object schemas do", () => {
    const pairs = [
      [looseObject(shape()), z.looseObject(shape())],
      [strictObject(shape()), z.strictObject(shape())],
      [stripObject(shape()), z.object(shape())],
    ] as const;
    const value = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          id: fc.oneof(fc.string(), fc.integer()),
          port: fc.oneof(fc.integer({ min: -5, max: 70_000 }), fc.string()),
          nested: fc.oneof(fc.record({ enabled: fc.boolean() }), fc.jsonValue()),
          extra: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(value, (input) => {
        for (const [jit, reference] of pairs) {
          const fast = jit.safeParse(input);
          const slow = reference.safeParse(input);
          expect(fast.success).toBe(slow.success);
          if (fast.success && slow.success) expect(fast.data).toEqual(slow.data);
          else expect(fast.error?.issues).toEqual(slow.error?.issues);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
