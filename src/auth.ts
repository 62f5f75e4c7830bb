import * as z from 'zod/mini';
import { ConfigurationError, RequestAbortedError, type RequestTarget } from './errors/index.js';
import { raceAbort } from './internal/abort.js';
import type { HttpResponse } from './http.js';
import type { ApiKeySource } from './options.js';
import { decodeWith } from './response.js';

/** Keys and tokens seen recently, so that an echo of an older one is still scrubbed. */
const REMEMBERED = 8;

function remember(list: string[], value: string): void {
  if (list.includes(value)) return;
  list.push(value);
  if (list.length > REMEMBERED) list.shift();
}

/** @internal Supplies the `Authorization` header of each attempt, and the secrets it involves. */
export interface Authenticator {
  /**
   * The header value for the next attempt — at once when it is at hand (a fixed key), else a promise that
   * rejects with `RequestAbortedError` as soon as `signal` fires.
   */
  authorize(signal: AbortSignal | undefined, target: RequestTarget): string | Promise<string>;
  /** After a 401 to `used`: whether a fresh credential is now available (renewing it if need be). */
  renew(used: string): boolean;
  /** Every key and token in use recently: scrubbed from anything the server says. */
  secrets(): readonly string[];
}

/** @internal Resolves the API key for one request. */
async function resolveApiKey(source: ApiKeySource): Promise<string> {
  let key: unknown;
  try {
    key = typeof source === 'function' ? await source() : source;
  } catch {
    // The provider's own error may quote the key or its vault path: keep it out.
    throw new ConfigurationError('The apiKey function threw; no request was sent', { option: 'apiKey' });
  }
  if (typeof key !== 'string' || key.trim() === '') {
    throw new ConfigurationError('The apiKey function returned no key; no request was sent', { option: 'apiKey' });
  }
  return key.trim();
}

/** @internal The API key, raw in `Authorization`, as the guide sends it. A 401 cannot be helped by renewing. */
export class ApiKeyAuthenticator implements Authenticator {
  readonly #source: ApiKeySource;
  readonly #keys: string[] = [];

  constructor(source: ApiKeySource) {
    this.#source = source;
    if (typeof source === 'string') remember(this.#keys, source.trim());
  }

  /** The key itself (for the token exchange, too). */
  async key(signal: AbortSignal | undefined, target: RequestTarget): Promise<string> {
    if (typeof this.#source === 'string') return this.#keys[0] ?? this.#source;
    const key = await raceAbort(resolveApiKey(this.#source), signal, () => new RequestAbortedError(target));
    remember(this.#keys, key);
    return key;
  }

  authorize(signal: AbortSignal | undefined, target: RequestTarget): string | Promise<string> {
    return typeof this.#source === 'string' ? (this.#keys[0] ?? this.#source) : this.key(signal, target);
  }

  renew(): boolean {
    return false;
  }

  secrets(): readonly string[] {
    return this.#keys;
  }
}

const tokenAnswerSchema = z.looseObject({ token: z.string().check(z.minLength(1)) });

/**
 * @internal Exchanges the key for a token: `POST /bim/apikey/authenticate`, resolving with its answer's body.
 * `signal` fires when no caller waits for the token any more: nothing more may be sent then.
 */
export type TokenExchange = (key: string, signal: AbortSignal) => Promise<HttpResponse>;

/**
 * @internal `Authorization: Bearer <token>`, the token from `POST /bim/apikey/authenticate`. One exchange
 * is shared by every concurrent call; a 401 to the current token drops it so the next attempt gets a new one.
 */
export class BearerTokenAuthenticator implements Authenticator {
  readonly #key: ApiKeyAuthenticator;
  readonly #exchange: TokenExchange;
  readonly #tokens: string[] = [];
  #current: Promise<string> | undefined;
  #currentValue: string | undefined;
  /** Callers waiting for the exchange under way, and the way to stop it when the last one gives up. */
  #waiting = 0;
  #exchangeController: AbortController | undefined;

  constructor(key: ApiKeyAuthenticator, exchange: TokenExchange) {
    this.#key = key;
    this.#exchange = exchange;
  }

  async authorize(signal: AbortSignal | undefined, target: RequestTarget): Promise<string> {
    // The exchange is shared, so one caller's abort must not cancel it for the others: each caller only stops
    // waiting for it — and when the last one has stopped, the exchange stops too, so no key is sent for nobody.
    this.#waiting += 1;
    try {
      return `Bearer ${await raceAbort(this.#token(), signal, () => new RequestAbortedError(target))}`;
    } finally {
      this.#waiting -= 1;
      if (this.#waiting === 0 && this.#currentValue === undefined) this.#exchangeController?.abort();
    }
  }

  renew(used: string): boolean {
    if (this.#currentValue !== undefined && used === `Bearer ${this.#currentValue}`) {
      this.#current = undefined;
      this.#currentValue = undefined;
    }
    return true;
  }

  secrets(): readonly string[] {
    return [...this.#key.secrets(), ...this.#tokens];
  }

  #token(): Promise<string> {
    this.#current ??= this.#fetchToken().then(
      (token) => {
        this.#currentValue = token;
        return token;
      },
      (error: unknown) => {
        this.#current = undefined;
        throw error;
      },
    );
    return this.#current;
  }

  async #fetchToken(): Promise<string> {
    const controller = new AbortController();
    this.#exchangeController = controller;
    const key = await this.#key.key(controller.signal, { method: 'POST', path: '/bim/apikey/authenticate' });
    const { token } = decodeWith(await this.#exchange(key, controller.signal), tokenAnswerSchema);
    remember(this.#tokens, token);
    return token;
  }
}
