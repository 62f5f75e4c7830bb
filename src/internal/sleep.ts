import { onAbort } from './abort.js';

/**
 * Resolves after `ms`, or rejects with `onAborted()` as soon as `signal` fires. The timer is cleared on
 * abort, so an aborted sleep never keeps the process alive.
 */
export function sleep(ms: number, signal: AbortSignal | undefined, onAborted: () => Error): Promise<void> {
  if (signal?.aborted) return Promise.reject(onAborted());
  return new Promise((resolve, reject) => {
    const stop = onAbort(signal, () => {
      clearTimeout(timer);
      reject(onAborted());
    });
    const timer = setTimeout(
      () => {
        stop();
        resolve();
      },
      Math.max(0, ms),
    );
  });
}
