// The CLI names its own flags and variables in the advice of a failed Redshift connection, never the SDK's
// options — for every kind of failure the SDK advises on, so a new SDK wording cannot slip through.
import { describe, expect, it } from 'vitest';
import { inCliWords } from '../src/cli/cli-words.js';
import { Redactor } from '../src/redshift/redact.js';
import { connectionError } from '../src/redshift/wire-errors.js';

const failure = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
const target = { host: 'cluster.example.com', port: 5439, user: 'admin', database: 'dev', connectTimeoutMs: 10_000 };

describe('connection advice in the CLI’s words', () => {
  it.each([
    failure('password authentication failed for user "admin"', '28P01'),
    failure('The server does not support SSL connections'),
    failure('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'),
    failure('connect ECONNREFUSED 10.0.0.1:5439', 'ECONNREFUSED'),
    failure('getaddrinfo ENOTFOUND cluster.invalid', 'ENOTFOUND'),
    failure('Connection terminated due to connection timeout'),
    failure('database "nope" does not exist', '3D000'),
    failure('Connection terminated unexpectedly'),
    failure('something else entirely'),
  ])('%s', (cause) => {
    const message = inCliWords(connectionError(cause, target, new Redactor([])).message);
    expect(message).not.toMatch(/sslmode: '|`ca`|connectTimeoutMs|\b[a-z]+[A-Z]\w*Ms\b/);
  });

  it('spells the TLS switch as its flag and variable', () => {
    const message = inCliWords(
      connectionError(failure('The server does not support SSL connections'), target, new Redactor([])).message,
    );
    expect(message).toContain('pass --sslmode disable, or PGSSLMODE=disable');
  });
});
