import { expect } from 'vitest';
import { ImmutaError } from '../../src/index.js';

/**
 * What a call rejects with. Fails the test if it resolves, or if it rejects with anything but an
 * `ImmutaError` — no SyntaxError, TypeError or ky error may ever reach a user. A function is called
 * first, so a synchronous throw counts as a rejection too.
 */
export async function rejectionOf(call: Promise<unknown> | (() => Promise<unknown>)): Promise<ImmutaError> {
  const error = await (async () => (typeof call === 'function' ? call() : call))().then(
    () => {
      throw new Error('expected the call to fail');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImmutaError);
  return error as ImmutaError;
}
