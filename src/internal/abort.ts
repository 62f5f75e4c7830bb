/**
 * One listener per caller's `AbortSignal`, however many calls share it: adding a listener per call would
 * trip Node's MaxListenersExceededWarning once a dozen calls run on one signal.
 */
const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

function noop(): void {}

/**
 * @internal Calls `callback` once when `signal` fires (at once if it already has). Returns the way to stop
 * listening, which every caller must call when its work is done.
 */
export function onAbort(signal: AbortSignal | undefined, callback: () => void): () => void {
  if (!signal) return noop;
  if (signal.aborted) {
    callback();
    return noop;
  }
  let callbacks = subscribers.get(signal);
  if (!callbacks) {
    const created = new Set<() => void>();
    callbacks = created;
    subscribers.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        subscribers.delete(signal);
        for (const each of [...created]) each();
        created.clear();
      },
      { once: true },
    );
  }
  const registered = callbacks;
  registered.add(callback);
  return () => registered.delete(callback);
}

/**
 * @internal Resolves as `work` does, or rejects with `onAborted()` as soon as `signal` fires, whichever is
 * first: for work the SDK cannot cancel itself (an `apiKey` function), so an abort still ends the call at once.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined, onAborted: () => Error): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(onAborted());
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => reject(onAborted()));
    work.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}
