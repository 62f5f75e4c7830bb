import { stableList } from '../stable-list.js';
import { ConfigurationError, RequestAbortedError, type RequestTarget } from '../../errors/index.js';
import type { ApiKeySource } from '../../options.js';
import { raceAbort } from '../abort.js';

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

/**
 * @internal Exchanges the key for a token (`POST /bim/apikey/authenticate`). `signal` fires when no caller
 * waits for the token any more: nothing more may be sent then.
 */
export type TokenExchange = (key: string, signal: AbortSignal) => Promise<string>;

/** An exchange under way: its result, the way to stop it, and how many callers wait for it. */
interface Exchange {
  readonly token: Promise<string>;
  readonly controller: AbortController;
  waiting: number;
}

/**
 * @internal `Authorization: Bearer <token>`, the token from `POST /bim/apikey/authenticate`. Concurrent calls
 * share one exchange. Each caller may stop waiting for it (an abort, a timeout) without cancelling it for the
 * others; when the last one leaves, the exchange is cancelled and forgotten, so the next call starts a fresh
 * one instead of inheriting a cancelled one. A 401 to the current token drops it: the next attempt gets a new
 * one.
 */
export class BearerTokenAuthenticator implements Authenticator {
  readonly #key: ApiKeyAuthenticator;
  readonly #exchange: TokenExchange;
  readonly #tokens: string[] = [];
  readonly #secrets = stableList();
  #token: string | undefined;
  #pending: Exchange | undefined;

  constructor(key: ApiKeyAuthenticator, exchange: TokenExchange) {
    this.#key = key;
    this.#exchange = exchange;
  }

  async authorize(signal: AbortSignal | undefined, target: RequestTarget): Promise<string> {
    if (this.#token !== undefined) return `Bearer ${this.#token}`;
    const exchange = (this.#pending ??= this.#start());
    exchange.waiting += 1;
    try {
      return `Bearer ${await raceAbort(exchange.token, signal, () => new RequestAbortedError(target))}`;
    } finally {
      exchange.waiting -= 1;
      if (exchange.waiting === 0 && this.#pending === exchange) {
        // Nobody waits for it any more: stop it, so no key is sent for nobody, and let the next call start afresh.
        this.#pending = undefined;
        exchange.controller.abort();
      }
    }
  }

  renew(used: string): boolean {
    if (this.#token !== undefined && used === `Bearer ${this.#token}`) this.#token = undefined;
    return true;
  }

  secrets(): readonly string[] {
    return this.#secrets([...this.#key.secrets(), ...this.#tokens]);
  }

  #start(): Exchange {
    const controller = new AbortController();
    const exchange: Exchange = {
      controller,
      waiting: 0,
      token: (async () => {
        const key = await this.#key.key(controller.signal, { method: 'POST', path: '/bim/apikey/authenticate' });
        return this.#exchange(key, controller.signal);
      })().then(
        (token) => {
          remember(this.#tokens, token);
          if (this.#pending === exchange) {
            this.#token = token;
            this.#pending = undefined;
          }
          return token;
        },
        (error: unknown) => {
          if (this.#pending === exchange) this.#pending = undefined;
          throw error;
        },
      ),
    };
    // Each waiter handles the outcome; an exchange nobody waits for any more must not be an unhandled rejection.
    exchange.token.catch(() => undefined);
    return exchange;
  }
}
