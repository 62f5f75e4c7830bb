import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PayloadValidationError } from '../src/index.js';
import { parseRedshiftPayload, yamlBody } from '../src/yaml/index.js';
import { payloads, responses } from './support/fixtures.js';
import { BASE_URL, testClient, useMockImmuta } from './support/msw.js';

const server = useMockImmuta();

async function problemOf(text: string): Promise<PayloadValidationError> {
  const error = await parseRedshiftPayload(text).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(PayloadValidationError);
  return error as PayloadValidationError;
}

const YAML_PAYLOAD = `
type: Redshift
autoBootstrap: true
config:
  host: organization.aws.amazon.com
  database: immuta
  initialDatabase: REDSHIFT_SAMPLE_DATA
  authenticationType: userPassword
  username: taylor@redshift.com
  password: abc1234
`;

describe('sending YAML', () => {
  it('sends application/yaml that parses back to the payload with bodyFormat: yamlBody', async () => {
    let body = '';
    let type: string | null = null;
    server.use(
      http.post(`${BASE_URL}/integrations`, async ({ request }) => {
        body = await request.text();
        type = request.headers.get('content-type');
        return HttpResponse.json(responses.creating);
      }),
    );

    await testClient({ bodyFormat: yamlBody }).create(payloads.autoOkta);

    expect(type).toBe('application/yaml');
    expect(parse(body)).toEqual(payloads.autoOkta);
  });
});

describe('parseRedshiftPayload', () => {
  it('reads a YAML payload', async () => {
    expect(await parseRedshiftPayload(YAML_PAYLOAD)).toEqual(payloads.autoUserPassword);
  });

  it('reads a JSON payload', async () => {
    expect(await parseRedshiftPayload(JSON.stringify(payloads.manualOkta, null, 2))).toEqual(payloads.manualOkta);
  });

  it('names the line and column of a syntax error without quoting the text', async () => {
    const error = await problemOf('type: Redshift\nconfig:\n  password: "abc1234\n  host: x\n');
    expect(error.issues[0]!.path).toMatch(/^line \d+, column \d+$/);
    expect(error.message).not.toContain('abc1234');
  });

  it('refuses duplicate keys instead of keeping the last one', async () => {
    const error = await problemOf(`${YAML_PAYLOAD}  password: other\n`);
    expect(error.issues[0]!.message).toMatch(/duplicate key/);
    expect(error.issues[0]!.path).toMatch(/^line 11,/);
  });

  it('refuses an alias bomb quickly', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 9; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const error = await problemOf(lines.join('\n'));
    expect(error.message).toMatch(/alias/);
  });

  it('refuses documents over 1 MiB', async () => {
    const error = await problemOf(`${YAML_PAYLOAD}# ${'x'.repeat(1024 * 1024)}\n`);
    expect(error.message).toMatch(/more than the 1048576 allowed/);
  });

  it('cannot pollute prototypes through __proto__ or constructor keys', async () => {
    const error = await problemOf(
      `${YAML_PAYLOAD}__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\n`,
    );
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(error.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
  });

  it('refuses an empty document and several documents', async () => {
    await problemOf('');
    await problemOf(`${YAML_PAYLOAD}---\n${YAML_PAYLOAD}`);
  });
});

describe('every problem of a payload file in one pass', () => {
  it('a misspelt authentication type is named with the right one, and the rest is checked as that type', async () => {
    const error = (await parseRedshiftPayload(
      [
        'type: redshift',
        'autoBootstrap: true',
        'config:',
        '  host: https://h.example.com',
        '  database: immuta',
        '  initialDatabase: dev',
        '  authenticationType: userpassword',
        '  username: u',
        '  pasword: p',
      ].join('\n'),
    ).catch((failure: unknown) => failure)) as PayloadValidationError;
    expect(error.issues).toEqual([
      { path: 'config.authenticationType', message: 'must be "userPassword" or "okta" — did you mean userPassword?' },
      { path: 'type', message: 'must be "Redshift" — did you mean Redshift?' },
      { path: 'config.host', message: 'must be a host name, not a URL: drop the scheme (https://)' },
      { path: 'config.password', message: 'is required — given as pasword: did you mean password?' },
      { path: 'config.pasword', message: 'unknown field — did you mean password?' },
    ]);
  });

  it('a key that begins a known one gets it suggested: okta.user → okta.username', async () => {
    const error = (await parseRedshiftPayload(
      'type: Redshift\nautoBootstrap: true\nconfig:\n  host: h.example.com\n  database: d\n  initialDatabase: i\n  authenticationType: okta\n  okta:\n    user: u\n    password: p\n    appId: a\n    idpHost: h\n    role: r\n',
    ).catch((failure: unknown) => failure)) as PayloadValidationError;
    expect(error.issues).toContainEqual({
      path: 'config.okta.user',
      message: 'unknown field — did you mean username?',
    });
  });

  it('a line indented more than the keys above it is named, not the line before it', async () => {
    const error = (await parseRedshiftPayload(
      'type: Redshift\nautoBootstrap: true\nconfig:\n  host: h.example.com\n  database: immuta\n   initialDatabase: dev\n',
    ).catch((failure: unknown) => failure)) as PayloadValidationError;
    expect(error.issues).toEqual([
      { path: 'line 6, column 4', message: 'syntax error: this line is indented differently from the keys above it' },
    ]);
  });
});
