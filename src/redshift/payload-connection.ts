import { ConfigurationError } from '../errors/base.js';
import { REDACTED } from '../model/redaction.js';
import type { RedshiftConfig } from '../model/payload.js';
import type { WireConnectionOptions } from './wire-options.js';

/**
 * The wire runner's connection for the account a `userPassword` payload names: its host, port (5439 by
 * default), username and password — the account automatic setup hands to Immuta, which is the one preflight
 * should check. `extra` adds or overrides options (`sslmode`, `connectTimeoutMs`, …).
 *
 * @throws {@link ConfigurationError} for another authentication type (Okta's credentials are not database
 * credentials): pass the connection options of the account yourself.
 *
 * The object it returns shows `<REDACTED>` for the password when printed or serialized (`console.log`,
 * `JSON.stringify`); a copy you make with `{ ...spread }` is a plain object again.
 *
 * @example
 * ```ts
 * const runner = createWireRunner(wireConnectionOf(payload));
 * ```
 *
 * @group Runners
 */
export function wireConnectionOf(
  payload: { readonly config: RedshiftConfig },
  extra: Partial<WireConnectionOptions> = {},
): WireConnectionOptions {
  const { config } = payload;
  if (config.authenticationType !== 'userPassword') {
    throw new ConfigurationError(
      `the payload authenticates with ${config.authenticationType}, whose credentials are not a database user's: pass the connection options yourself`,
      { option: 'authenticationType' },
    );
  }
  const options = {
    host: config.host,
    port: config.port ?? 5439,
    user: config.username,
    password: config.password,
    ...extra,
  };
  // Printed or serialized as it is (console.log, JSON.stringify), it shows no password; spread, it is yours.
  const shown = () => ({ ...options, ...(options.password !== undefined && { password: REDACTED }) });
  Object.defineProperties(options, {
    toJSON: { value: shown },
    [Symbol.for('nodejs.util.inspect.custom')]: { value: shown },
  });
  return options;
}
