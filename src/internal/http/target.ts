import type { RequestTarget } from '../../errors/index.js';

/** @internal A request's target whose path is worked out (scrubbed) only when something reads it. */
export class LazyTarget implements RequestTarget {
  readonly method: string;
  readonly #path: () => string;
  #cached: string | undefined;

  constructor(method: string, path: () => string) {
    this.method = method;
    this.#path = path;
  }

  get path(): string {
    return (this.#cached ??= this.#path());
  }
}
