import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  deleteCredentialsOf,
  PayloadValidationError,
  validateDeleteCredentials,
  type RedshiftIntegrationPayload,
  redactPayload,
  validateRedshiftPayload,
} from '../src/index.js';
import { payloads } from './support/fixtures.js';
import { BASE_URL, testClient, useMockImmuta } from './support/msw.js';

/** The issues `validateRedshiftPayload` reports for a value, as `path: message` lines. */
function problemsOf(value: unknown): string[] {
  try {
    validateRedshiftPayload(value);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(PayloadValidationError);
    return (error as PayloadValidationError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
}

/** A copy of the guide's userPassword payload with `config` changed. */
function withConfig(changes: Record<string, unknown>): unknown {
  return { ...payloads.autoUserPassword, config: { ...payloads.autoUserPassword.config, ...changes } };
}

describe('validateRedshiftPayload', () => {
  it.each(Object.entries(payloads))('accepts the guide’s %s payload unchanged', (_name, payload) => {
    expect(validateRedshiftPayload(payload)).toEqual(payload);
  });

  it.each([
    ['a URL', 'https://organization.aws.amazon.com', /not a URL/],
    ['a path', 'organization.aws.amazon.com/db', /without a path/],
    ['a port', 'organization.aws.amazon.com:5439', /put the port in config.port/],
    ['spaces', 'organization aws', /host name/],
    ['an empty string', '', /empty/],
  ])('refuses a host with %s', (_what, host, message) => {
    const problems = problemsOf(withConfig({ host }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^config\.host: /);
    expect(problems[0]).toMatch(message);
  });

  it.each([0, 65536, 54.39, '5439'])('refuses port %s', (port) => {
    expect(problemsOf(withConfig({ port }))).toEqual([expect.stringMatching(/^config\.port: /)]);
  });

  it('accepts an explicit port', () => {
    expect(problemsOf(withConfig({ port: 5439 }))).toEqual([]);
  });

  it('names a misspelled key instead of dropping it', () => {
    const { initialDatabase, ...rest } = payloads.autoUserPassword.config;
    const problems = problemsOf({ ...payloads.autoUserPassword, config: { ...rest, initalDatabase: initialDatabase } });
    expect(problems).toContain('config.initalDatabase: unknown field — did you mean initialDatabase?');
    expect(problems).toContainEqual(expect.stringMatching(/^config\.initialDatabase: /));
  });

  it('names unknown keys at the top level and inside okta', () => {
    const okta = payloads.autoOkta.config.authenticationType === 'okta' ? payloads.autoOkta.config.okta : undefined;
    const problems = problemsOf({
      ...payloads.autoOkta,
      extra: true,
      config: { ...payloads.autoOkta.config, okta: { ...okta, appID: 'x' } },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'extra: unknown field (check its spelling)',
        'config.okta.appID: unknown field — did you mean appId?',
      ]),
    );
  });

  it.each(['<REDACTED>', 'REDACTED', '[REDACTED]'])(
    'refuses a password holding %s and says it came from a GET response',
    (marker) => {
      expect(problemsOf(withConfig({ password: marker }))).toEqual([
        expect.stringMatching(/^config\.password: .*copied from a GET response/),
      ]);
    },
  );

  it('refuses redaction markers in okta credentials and in the username', () => {
    const problems = problemsOf({
      ...payloads.autoOkta,
      config: {
        ...payloads.autoOkta.config,
        okta: {
          username: '<REDACTED>',
          password: '<REDACTED>',
          appId: 'Okta',
          idpHost: 'organization.okta.com',
          role: 'admin',
        },
      },
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['config.okta.username', 'config.okta.password']);
  });

  it('refuses okta without its block, and userPassword without a password', () => {
    const { okta: _okta, ...oktaWithout } = payloads.autoOkta.config as Extract<
      RedshiftIntegrationPayload['config'],
      { authenticationType: 'okta' }
    >;
    expect(problemsOf({ ...payloads.autoOkta, config: oktaWithout })).toEqual([
      expect.stringMatching(/^config\.okta: /),
    ]);
    expect(problemsOf(withConfig({ password: undefined }))).toEqual([expect.stringMatching(/^config\.password: /)]);
  });

  it('refuses another integration type and an unknown authentication type', () => {
    expect(problemsOf({ ...payloads.autoUserPassword, type: 'Snowflake' })).toEqual([expect.stringMatching(/^type: /)]);
    expect(problemsOf(withConfig({ authenticationType: 'kerberos' }))).toEqual([
      expect.stringMatching(/^config\.authenticationType: /),
    ]);
  });

  it('refuses a role with impersonation disabled, and accepts enabled without a role', () => {
    expect(problemsOf(withConfig({ impersonation: { enabled: false, role: 'r' } }))).toEqual([
      'config.impersonation.role: unknown field (check its spelling)',
    ]);
    expect(problemsOf(withConfig({ impersonation: { enabled: true } }))).toEqual([]);
  });

  it('never quotes a submitted value in its issues, message or JSON', () => {
    const secret = 'hunter2-very-secret';
    const invalid = [
      withConfig({ username: secret, password: 42 }),
      withConfig({ host: `https://${secret}`, port: secret }),
      withConfig({ authenticationType: secret, password: secret }),
      { ...payloads.autoUserPassword, type: secret, autoBootstrap: secret },
    ];
    for (const value of invalid) {
      const error = (() => {
        try {
          validateRedshiftPayload(value);
        } catch (caught) {
          return caught as PayloadValidationError;
        }
        throw new Error('expected a PayloadValidationError');
      })();
      expect(error.issues.length).toBeGreaterThan(0);
      expect(`${JSON.stringify(error)} ${error.message} ${error.stack}`).not.toContain(secret);
    }
  });
});

describe('validation before sending', () => {
  const server = useMockImmuta();
  const client = testClient();

  it('sends nothing when create, update, delete or a script gets an invalid payload', async () => {
    let requests = 0;
    server.use(
      http.all(`${BASE_URL}/*`, () => {
        requests += 1;
        return HttpResponse.json({});
      }),
    );
    const invalid = withConfig({ host: 'https://x' }) as RedshiftIntegrationPayload;
    const calls = [
      client.create(invalid),
      client.update('1', invalid),
      client.scripts.initialCreate(invalid),
      client.scripts.create(invalid),
      client.scripts.cleanup(invalid),
      client.scripts.edit('1', invalid),
      client.delete('1', { authenticationType: 'userPassword', username: 'u', password: '<REDACTED>' }),
      client.get(''),
    ];
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(PayloadValidationError);
    expect(requests).toBe(0);
  });
});

describe("unknownFields: 'allow'", () => {
  const allow = { unknownFields: 'allow' } as const;
  const accessKey = {
    ...payloads.autoUserPassword,
    config: {
      host: 'organization.aws.amazon.com',
      database: 'immuta',
      initialDatabase: 'REDSHIFT_SAMPLE_DATA',
      authenticationType: 'accessKey',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'example-secret',
    },
  };

  it('lets an authentication type and fields this SDK does not model through, as given', () => {
    expect(validateRedshiftPayload(accessKey, allow)).toEqual(accessKey);
    expect(() => validateRedshiftPayload(accessKey)).toThrow(PayloadValidationError);
  });

  it('still checks the known fields', () => {
    const broken = { ...accessKey, config: { ...accessKey.config, host: 'https://h.example', port: 0 } };
    const error = (() => {
      try {
        validateRedshiftPayload(broken, allow);
      } catch (caught) {
        return caught as PayloadValidationError;
      }
    })();
    expect(error?.issues.map((issue) => issue.path)).toEqual(['config.host', 'config.port']);
    expect(() =>
      validateRedshiftPayload(
        { ...payloads.autoUserPassword, config: { ...payloads.autoUserPassword.config, password: '<REDACTED>' } },
        allow,
      ),
    ).toThrow(/copied from a GET response/);
    expect(() =>
      validateRedshiftPayload(
        { ...payloads.autoOkta, config: { ...payloads.autoOkta.config, okta: undefined } },
        allow,
      ),
    ).toThrow(/config\.okta/);
  });

  it('still refuses a key a few edits from a known one as a typo', () => {
    const typo = { ...accessKey, config: { ...accessKey.config, initalDatabase: 'x' } };
    expect(() => validateRedshiftPayload(typo, allow)).toThrow(
      'config.initalDatabase: unknown field — did you mean initialDatabase?',
    );
  });
});

describe('deleteCredentialsOf', () => {
  it('takes the credentials a DELETE needs from the payload the integration was created with', () => {
    expect(deleteCredentialsOf(payloads.autoUserPassword)).toEqual({
      authenticationType: 'userPassword',
      username: 'taylor@redshift.com',
      password: 'abc1234',
    });
    expect(deleteCredentialsOf(payloads.autoOkta)).toEqual({
      authenticationType: 'okta',
      okta: {
        username: 'taylor@redshift.com',
        password: 'abc1234',
        appId: 'Okta',
        idpHost: 'organization.okta.com',
        role: 'admin',
      },
    });
    expect(validateDeleteCredentials(deleteCredentialsOf(payloads.autoOkta))).toBeTruthy();
  });

  it('is named by the error when a whole config is passed as credentials', () => {
    expect(() => validateDeleteCredentials(payloads.autoUserPassword.config)).toThrow(/deleteCredentialsOf\(payload\)/);
    expect(() => validateDeleteCredentials(payloads.autoUserPassword)).toThrow(/deleteCredentialsOf\(payload\)/);
  });
});

describe('redactPayload', () => {
  it('masks every credential, okta’s included, and leaves the rest and the input alone', () => {
    const original = structuredClone(payloads.autoOkta);
    const redacted = redactPayload(payloads.autoOkta);
    expect(JSON.stringify(redacted)).not.toMatch(/abc1234|taylor@redshift\.com/);
    expect(redacted.config).toMatchObject({
      host: 'organization.aws.amazon.com',
      okta: { username: '<REDACTED>', password: '<REDACTED>', appId: 'Okta', role: 'admin' },
    });
    expect(payloads.autoOkta).toEqual(original);
    expect(redactPayload(payloads.autoUserPassword).config).toMatchObject({
      username: '<REDACTED>',
      password: '<REDACTED>',
    });
  });

  it('copes with any input: deep nesting and cycles end in a note, never a RangeError', () => {
    const cyclic: Record<string, unknown> = { password: 'p' };
    cyclic.self = cyclic;
    expect(() => redactPayload(cyclic)).not.toThrow();
    expect(JSON.stringify(redactPayload(cyclic))).toContain('[nested too deeply]');
  });
});
