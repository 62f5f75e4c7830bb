import type * as z from 'zod/mini';

/** One problem found in a payload or a response: where it is and what is wrong. */
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
