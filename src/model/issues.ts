import type * as z from 'zod/mini';
import { nearest } from '../internal/suggest.js';

/**
 * One problem found in a payload or a response: where it is and what is wrong.
 *
 * @group Payloads
 */
export interface ValidationIssue {
  /** Dotted path to the offending value, e.g. `config.okta.password`; `(root)` for the value itself. */
  readonly path: string;
  /** What is wrong. Never contains the offending value. */
  readonly message: string;
  /**
   * A machine-readable kind, for the few issues a program may want to act on:
   * `'config-as-credentials'` — a whole payload or config was passed where delete credentials belong.
   */
  readonly code?: 'config-as-credentials';
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

/** The value at a path of an input, for a did-you-mean: never quoted, only compared. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const step of path) node = (node as Record<PropertyKey, unknown> | null | undefined)?.[step];
  return node;
}

/**
 * Flattens zod issues into path + message pairs. Union failures are unfolded so the reader sees
 * the branch that came closest, not "invalid input". zod v4 leaves the input out of its issues
 * unless asked, so no value (and no secret) reaches these messages. Given the `input`, a value that must be one
 * of a few words and nearly is one (`redshift`, `userpassword`) gets a did-you-mean naming the allowed word.
 */
/**
 * For a field reported missing or invalid (`impersonation.enabled`) where its object has no such key but one
 * close to it (`enable`): ` — given as enable: did you mean enabled?`. Empty otherwise.
 */
function misspeltKey(input: unknown, path: readonly PropertyKey[]): string {
  const field = path[path.length - 1];
  if (input === undefined || typeof field !== 'string') return '';
  const parent = valueAt(input, path.slice(0, -1));
  if (typeof parent !== 'object' || parent === null || field in parent) return '';
  const given = Object.keys(parent).find((key) => nearest(key, [field]) === field);
  return given === undefined ? '' : ` — given as ${given}: did you mean ${field}?`;
}

export function toValidationIssues(
  issues: readonly z.core.$ZodIssue[],
  suggest?: KeySuggester,
  input?: unknown,
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
      out.push(
        ...toValidationIssues(
          closest.map((nested) => ({ ...nested, path: [...issue.path, ...nested.path] })),
          suggest,
          input,
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
    const given = input === undefined || issue.code !== 'invalid_value' ? undefined : valueAt(input, issue.path);
    const words = issue.code === 'invalid_value' ? issue.values.filter((value) => typeof value === 'string') : [];
    const likely = typeof given === 'string' ? nearest(given, words as string[]) : undefined;
    out.push({
      path: formatPath(issue.path),
      message: likely
        ? `${issue.message} — did you mean ${likely}?`
        : `${issue.message}${misspeltKey(input, issue.path)}`,
    });
  }
  return out;
}

/** `config.host: must be a host name; config.port: …` — one line for an error message. */
export function summarizeIssues(issues: readonly ValidationIssue[], max = 5): string {
  const shown = issues.slice(0, max).map((issue) => `${issue.path}: ${issue.message}`);
  const rest = issues.length - shown.length;
  return rest > 0 ? `${shown.join('; ')}; and ${rest} more` : shown.join('; ');
}
