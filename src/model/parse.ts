import type * as z from 'zod/mini';
import { config } from 'zod/v4/core';

/**
 * The one way the SDK runs a schema. Kept apart from the issue formatting (issues.ts), which the error classes
 * use: what only formats errors must not load zod (the CLI's `--help` loads the error classes, not zod).
 */

/** What kind of value was found, in words: never the value itself. */
function found(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}

const EXPECTED: Readonly<Record<string, string>> = { int: 'a whole number', array: 'an array', object: 'an object' };

/**
 * Our messages for zod's issues. `zod/mini` ships none (that keeps it small), and writing them here
 * guarantees no message quotes the input, which may be a password.
 */
const issueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `expected ${EXPECTED[issue.expected] ?? `a ${issue.expected}`}, found ${found(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      return options
        ? `must be ${options.map((value) => JSON.stringify(value)).join(' or ')}`
        : 'matches no allowed shape';
    }
    default:
      return 'is not valid';
  }
};

let configured = false;

/**
 * The one way the SDK runs a schema: with messages that never quote the input. The messages are installed
 * as zod's default once, on the first parse: passing them to every parse costs more than the parse itself.
 * zod is bundled into this package, so this configures the SDK's own copy of zod only, never one your code
 * imports.
 */
export function safeParse<T>(schema: z.ZodMiniType<T>, value: unknown) {
  if (!configured) {
    config({ customError: issueMessage });
    configured = true;
  }
  return schema.safeParse(value);
}
