import { copyJson } from '../internal/copy-json.js';

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/**
 * What an error's `cause` may show: the SDK's own errors as their `toJSON`; anything else — a platform error, an
 * error thrown by a callback of yours, which may quote SQL or a password — only as its kind and system code,
 * never its message.
 */
function describeCause(cause: unknown): unknown {
  if (cause instanceof ImmutaError) return cause.toJSON();
  try {
    if (cause instanceof Error) {
      const code = (cause as { code?: unknown }).code;
      const name = typeof cause.name === 'string' ? cause.name.slice(0, 100) : 'Error';
      return { name, ...(typeof code === 'string' && /^[\w.-]{1,40}$/.test(code) ? { code } : {}) };
    }
  } catch {
    // a getter that throws: nothing more can be said of it
  }
  return { name: cause === null ? 'null' : typeof cause };
}

/**
 * Marks the SDK's error classes, whichever copy of the package made them: the same symbol in every copy (two
 * installed versions, a bundle and `node_modules`), so `instanceof` and {@link isImmutaError} hold across them.
 */
const BRAND = Symbol.for('immuta-redshift.error');

/** Whether `value` is an error made by some copy of this SDK's class named `name` (or a subclass of it). */
function brandedAs(value: unknown, name: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (let proto: unknown = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const candidate = proto as { [BRAND]?: unknown; name?: unknown };
    if (candidate[BRAND] === true && Object.hasOwn(candidate, 'name') && candidate.name === name) return true;
  }
  return false;
}

/**
 * The base class of every error this SDK throws. Catch it to handle any SDK failure.
 *
 * Every subclass builds its message and fields from data the SDK has already scrubbed of the API
 * key, tokens and passwords, and renders the same way in `JSON.stringify` and `util.inspect`.
 *
 * @example
 * ```ts
 * try {
 *   await client.get('123456789');
 * } catch (error) {
 *   if (error instanceof NotFoundError) return undefined;
 *   if (error instanceof ImmutaError) console.error(error.message);
 *   throw error;
 * }
 * ```
 *
 * @group Errors
 */
export class ImmutaError extends Error {
  static {
    this.prototype.name = 'ImmutaError';
    Object.defineProperty(this.prototype, BRAND, { value: true });
  }

  /**
   * `error instanceof NotFoundError` (or any class of this SDK) holds for errors of this class and its
   * subclasses, and also for those made by another copy of this package in the same process — two installed
   * versions, or a bundle beside `node_modules` — matched by class name and the SDK's brand.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value) || brandedAs(value, this.prototype.name);
  }

  /**
   * A plain object with the error's name, message, its own fields and a summary of its cause. Any
   * `username`, `password` or `token` inside a field (an integration a server forgot to mask) is redacted.
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) json[key] = copyJson(value);
    if (this.cause !== undefined) json.cause = describeCause(this.cause);
    return json;
  }

  /** `util.inspect` (and so `console.log`) shows the stack and the same fields as `toJSON`. */
  [inspectCustom](): string {
    const { name: _name, message: _message, ...fields } = this.toJSON();
    const stack = this.stack ?? `${this.name}: ${this.message}`;
    return Object.keys(fields).length === 0 ? stack : `${stack} ${JSON.stringify(fields, null, 2)}`;
  }
}

/**
 * Whether `value` is an error of this SDK — from this copy of the package or any other — so a `catch` can tell
 * the SDK's failures from everything else. The same as `value instanceof ImmutaError`.
 *
 * @example
 * ```ts
 * try {
 *   await client.get(id);
 * } catch (error) {
 *   if (!isImmutaError(error)) throw error;
 *   console.error(error.message);
 * }
 * ```
 *
 * @group Errors
 */
export function isImmutaError(value: unknown): value is ImmutaError {
  return value instanceof ImmutaError;
}

/**
 * The client is set up wrong: no URL or API key, an unusable URL, an option out of its range, or an
 * `apiKey` function that failed. Thrown by the constructor, or (for per-call and wait options) as the
 * call's rejection — always before anything is sent. `option` names the setting at fault.
 *
 * @example
 * ```ts
 * try {
 *   new RedshiftIntegrationClient({ timeoutMs: Number.NaN });
 * } catch (error) {
 *   if (error instanceof ConfigurationError) console.error(error.option); // "timeoutMs"
 * }
 * ```
 *
 * @group Errors
 */
export class ConfigurationError extends ImmutaError {
  /** Always `'ConfigurationError'`. */
  override get name(): string {
    return 'ConfigurationError';
  }
  /**
   * The option at fault (or the one that would fix it), e.g. `baseUrl`, `allowInsecureHttp`, `timeoutMs`,
   * `retry.limit`, `apiKey`; undefined when none applies.
   */
  readonly option: string | undefined;
  /** What is wrong, in words that name no option: the message may add how to fix it with the SDK's options. */
  readonly problem: string;

  constructor(message: string, details: { option?: string; problem?: string } = {}) {
    super(message);
    this.option = details.option;
    this.problem = details.problem ?? message;
  }
}

/**
 * Where a failed request went: `GET` and the path below the base URL, e.g. `/integrations/5`.
 *
 * @group Errors
 */
export interface RequestTarget {
  /** The HTTP method, e.g. `GET`. */
  readonly method: string;
  /** The path below the base URL, e.g. `/integrations/5`. */
  readonly path: string;
}
