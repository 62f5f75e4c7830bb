import type * as z from 'zod/mini';
import { config } from 'zod/v4/core';

/** One problem found in a payload or a response: where it is and what is wrong. */
export interface ValidationIssue {
  /** Dotted path to the offending value, e.g. `config.okta.password`; `(root)` for the value itself. */
  readonly path: string;
  /** What is wrong. Never contains the offending value. */
  readonly message: string;
}

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

/**
 * An unknown key as a path shows it: as written when it looks like a field name, otherwise hidden — a YAML
 * slip can turn a password into a key, and no message may repeat a value.
 */
export function shownKey(key: string): string {
  return /^[A-Za-z_$][\w$-]{0,63}$/.test(key) ? key : '(an unknown field)';
}

/** Renders a path the way a person writes it: `config.validationTests[2].name`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Names the known key an unknown one is most likely a misspelling of, given the path of its object. */
export type KeySuggester = (objectPath: readonly PropertyKey[], key: string) => string | undefined;

/** @internal The message for an unknown key: with the nearest known key when there is one. */
export function unknownFieldMessage(suggestion: string | undefined): string {
  return suggestion ? `unknown field — did you mean ${suggestion}?` : 'unknown field (check its spelling)';
}

/**
 * Flattens zod issues into path + message pairs. Union failures are unfolded so the reader sees
 * the branch that came closest, not "invalid input". zod v4 leaves the input out of its issues
 * unless asked, so no value (and no secret) reaches these messages.
 */
export function toValidationIssues(issues: readonly z.core.$ZodIssue[], suggest?: KeySuggester): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
      out.push(
        ...toValidationIssues(
          closest.map((nested) => ({ ...nested, path: [...issue.path, ...nested.path] })),
          suggest,
        ),
      );
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          path: formatPath([...issue.path, shownKey(key)]),
          message: unknownFieldMessage(suggest?.(issue.path, key)),
        });
      }
      continue;
    }
    out.push({ path: formatPath(issue.path), message: issue.message });
  }
  return out;
}

/** `config.host: must be a host name; config.port: …` — one line for an error message. */
export function summarizeIssues(issues: readonly ValidationIssue[], max = 5): string {
  const shown = issues.slice(0, max).map((issue) => `${issue.path}: ${issue.message}`);
  const rest = issues.length - shown.length;
  return rest > 0 ? `${shown.join('; ')}; and ${rest} more` : shown.join('; ');
}
