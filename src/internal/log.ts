import type { Logger, LogFields } from '../options.js';
import { scrub } from './scrub.js';

/**
 * @internal The SDK's only way to log. Silent without a logger. Every message and string field passes
 * through `scrub` with the secrets known at the time, though messages are built from method, path,
 * status and timing only: a second guard, not the first.
 */
export class Log {
  readonly #logger: Logger | undefined;
  readonly #secrets: () => readonly string[];

  constructor(logger: Logger | undefined, secrets: () => readonly string[]) {
    this.#logger = logger;
    this.#secrets = secrets;
  }

  /** Whether anything listens: callers skip building lines nobody reads. */
  get active(): boolean {
    return this.#logger !== undefined;
  }

  /** The same log, scrubbing `extra` secrets as well (a wait knows the payload's passwords). */
  with(extra: () => readonly string[]): Log {
    return new Log(this.#logger, () => [...this.#secrets(), ...extra()]);
  }

  debug(message: string, fields?: LogFields): void {
    this.#emit('debug', message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.#emit('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.#emit('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.#emit('error', message, fields);
  }

  #emit(level: keyof Logger, message: string, fields: LogFields | undefined): void {
    // A broken logger (a throwing getter or method, a rejected promise) must not break the call it reports on.
    try {
      const write = this.#logger?.[level];
      if (typeof write !== 'function') return;
      const secrets = this.#secrets();
      const clean: Record<string, string | number | boolean | undefined> = {};
      for (const [key, value] of Object.entries(fields ?? {}))
        clean[key] = typeof value === 'string' ? scrub(value, secrets) : value;
      const result: unknown = write.call(this.#logger, scrub(message, secrets), clean);
      if (result instanceof Promise) result.catch(() => undefined);
    } catch {
      // ignored, as above
    }
  }
}
