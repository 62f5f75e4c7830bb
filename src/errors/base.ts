import { copyJson } from '../internal/copy-json.js';

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/** What an error's `cause` may show: its kind and system code, never its full content. */
function describeCause(cause: unknown): unknown {
  if (cause instanceof ImmutaError) return cause.toJSON();
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return { name: cause.name, message: cause.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return String(cause);
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
 */
export class ImmutaError extends Error {
  static {
    this.prototype.name = 'ImmutaError';
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
 */
export class ConfigurationError extends ImmutaError {
  static {
    this.prototype.name = 'ConfigurationError';
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

/** Where a failed request went: `GET` and the path below the base URL, e.g. `/integrations/5`. */
export interface RequestTarget {
  /** The HTTP method, e.g. `GET`. */
  readonly method: string;
  /** The path below the base URL, e.g. `/integrations/5`. */
  readonly path: string;
}
