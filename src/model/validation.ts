import type { ValidationResults } from './integration.js';

/**
 * @internal Each validation test that did not pass, named once, with Immuta's message when it gave one — a
 * message that repeats the test's name does not repeat it here. For messages a person can act on.
 */
export function failedTests(
  results: ValidationResults | undefined,
): { name: string; status: string; message?: string }[] {
  return (results?.validationTests ?? [])
    .filter((test) => test.status !== 'passed' && test.status !== 'skipped')
    .map((test) => {
      const message = test.message?.startsWith(test.name)
        ? test.message.slice(test.name.length).replace(/^[\s:—-]+/, '')
        : test.message;
      return { name: test.name, status: test.status, ...(message ? { message } : {}) };
    });
}
