import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/redshift/redact.js';
import { connectionError, connectionFailureOf, isConnectionLoss } from '../../src/redshift/wire-errors.js';

const failure = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
const target = {
  host: 'examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com',
  port: 5439,
  user: 'admin',
  database: 'dev',
  connectTimeoutMs: 10_000,
};

describe('why a connection failed', () => {
  it.each([
    [failure('password authentication failed for user "admin"', '28P01'), 'authentication'],
    [
      failure('no pg_hba.conf entry for host "1.2.3.4", user "admin", database "dev", no encryption', '28000'),
      'authentication',
    ],
    [failure('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'), 'authentication'],
    [failure('The server does not support SSL connections'), 'tls'],
    [failure('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls'],
    [failure("Hostname/IP does not match certificate's altnames", 'ERR_TLS_CERT_ALTNAME_INVALID'), 'tls'],
    [failure('connect ECONNREFUSED 10.0.0.1:5439', 'ECONNREFUSED'), 'refused'],
    [failure('getaddrinfo ENOTFOUND examplecluster.invalid', 'ENOTFOUND'), 'dns'],
    [failure('getaddrinfo EAI_AGAIN examplecluster.invalid', 'EAI_AGAIN'), 'dns'],
    [failure('Connection terminated due to connection timeout'), 'timeout'],
    [failure('database "nope" does not exist', '3D000'), 'database'],
    [failure('Connection terminated unexpectedly'), 'lost'],
    [failure('something else entirely'), 'other'],
  ] as const)('%s → %s', (error, reason) => {
    expect(connectionFailureOf(error)).toBe(reason);
  });

  it('says what to check for a host that does not resolve, with the code, and no more of the driver error than its name and code', () => {
    const error = connectionError(
      failure('getaddrinfo ENOTFOUND examplecluster.invalid', 'ENOTFOUND'),
      target,
      new Redactor([]),
    );
    expect(error.message).toBe(
      `Could not connect to ${target.host}:5439 (database "dev") [ENOTFOUND]: getaddrinfo ENOTFOUND examplecluster.invalid. ` +
        'The host name does not resolve: check it is the cluster endpoint, e.g. examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com, without scheme or port',
    );
    expect(error.cause).toMatchObject({ name: 'Error', code: 'ENOTFOUND', message: 'Error ENOTFOUND' });
  });

  it('tells a lost connection from a failed statement', () => {
    expect(isConnectionLoss(failure('terminating connection due to administrator command', '57P01'))).toBe(true);
    expect(isConnectionLoss(failure('read ECONNRESET', 'ECONNRESET'))).toBe(true);
    expect(isConnectionLoss(failure('division by zero', '22012'))).toBe(false);
  });
});
