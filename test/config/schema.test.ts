import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { desiredStateJsonSchema, payloadJsonSchema } from '../../src/config/index.js';
import { desiredStateDocumentSchema } from '../../src/config/file-schema.js';
import { safeParse } from '../../src/model/parse.js';
import { redshiftPayloadSchema } from '../../src/model/payload.js';

const ajv = new Ajv2020({ strict: false, allErrors: false });
const fileSchema = ajv.compile(desiredStateJsonSchema());
const payloadSchema = ajv.compile(payloadJsonSchema());

/** Mostly one of `good`, sometimes one of `bad`: so generated documents are often valid and often not. */
const pick = (good: readonly unknown[], bad: readonly unknown[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 12 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });

/** An object whose optional keys come and go, and whose required ones are, once in a while, missing. */
const object = (fields: Record<string, fc.Arbitrary<unknown>>, optional: string[] = []) =>
  fc
    .tuple(
      fc.record(fields),
      fc.subarray(optional),
      fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 30 },
        { arbitrary: fc.constantFrom(...Object.keys(fields)), weight: 1 },
      ),
      fc.oneof({ arbitrary: fc.constant(false), weight: 30 }, { arbitrary: fc.constant(true), weight: 1 }),
    )
    .map(([value, dropped, missing, extra]) => {
      const gone = new Set([...dropped, ...(missing === undefined ? [] : [missing])]);
      const out = Object.fromEntries(Object.entries(value).filter(([key]) => !gone.has(key)));
      return extra ? { ...out, unknownField: 'x' } : out;
    });

const host = pick(
  [
    'organization.aws.amazon.com',
    'a.b',
    'trailing.dot.example.com.',
    `${'x'.repeat(63)}.example.com`,
    `${'abcdefghi.'.repeat(24)}com`,
    '${env:RS_HOST}',
    '${env:CLUSTER}.us-east-1.redshift.amazonaws.com',
  ],
  [
    'https://with-scheme.example.com',
    'host.example.com:5439',
    'host.example.com/path',
    '',
    '-bad-.example.com',
    `${'x'.repeat(64)}.example.com`,
    `${'abcdefghi.'.repeat(26)}com`,
    '$${env:NOT_A_REFERENCE}',
    '${vault:x}',
    'under_score.example.com',
    5439,
  ],
);
const secret = pick(
  ['s3cret', '${env:RS_PASSWORD}', 'REDACTEDX', 'p@ss <REDACTED> word'],
  ['<REDACTED>', ' REDACTED ', '[REDACTED]', '', 42],
);
const name = pick(['immuta', 'dev', '${env:DB}'], ['', null]);
const port = pick([5439, 1, 65535], [0, 65536, 1.5, '5439']);
const impersonation = pick(
  [{ enabled: false }, { enabled: true }, { enabled: true, role: 'immuta_impersonation' }],
  [{ enabled: true, role: '' }, { enabled: false, role: 'x' }, { enabled: 'yes' }, {}],
);
const okta = object({ username: secret, password: secret, appId: name, idpHost: name, role: name });
const connection = { host, port, database: name, initialDatabase: name, impersonation };
const config = fc.oneof(
  object(
    {
      ...connection,
      authenticationType: pick(['userPassword'], ['okta', 'other']),
      username: secret,
      password: secret,
    },
    ['port', 'impersonation'],
  ),
  object({ ...connection, authenticationType: pick(['okta'], ['userPassword']), okta }, ['port', 'impersonation']),
);
const payload = object({
  type: pick(['Redshift'], ['Snowflake']),
  autoBootstrap: pick([true, false], ['true']),
  config,
});
const entry = object(
  {
    state: pick(['present', 'absent'], ['gone']),
    type: pick(['Redshift'], ['redshift']),
    autoBootstrap: pick([true, false], [1]),
    config,
  },
  ['state', 'type'],
);
const entryName = pick(
  ['analytics-prod', 'a.b_c', '9lives', 'x'.repeat(100)],
  ['bad name', '-dash', 'x'.repeat(101), ''],
);
const document = object(
  {
    $schema: pick(['./schema.json'], [5]),
    // Rarely wrong, so that documents stay valid often enough for both sides to be tested.
    tenant: fc.oneof(
      {
        arbitrary: fc.constantFrom(
          'https://immuta.example.com',
          'http://127.0.0.1:8080',
          'https://host.example.com/immuta/',
          'HTTPS://Host.Example.com',
        ),
        weight: 40,
      },
      {
        arbitrary: fc.constantFrom(
          'ftp://host.example.com',
          'immuta.example.com',
          'https://user:pw@host.example.com',
          'https://h/?q',
          5,
        ),
        weight: 1,
      },
    ),
    integrations: fc.dictionary(entryName as fc.Arbitrary<string>, entry, { minKeys: 1, maxKeys: 3 }),
  },
  ['$schema', 'tenant'],
);

/** Both sides decide, over many generated documents; the run must see both outcomes to mean anything. */
function agree(arbitrary: fc.Arbitrary<unknown>, json: (value: unknown) => boolean, zod: (value: unknown) => boolean) {
  const seen = { valid: 0, invalid: 0 };
  fc.assert(
    fc.property(arbitrary, (value) => {
      const expected = zod(value);
      seen[expected ? 'valid' : 'invalid'] += 1;
      expect(json(value)).toBe(expected);
    }),
    { numRuns: 2000 },
  );
  expect(seen.valid).toBeGreaterThan(200);
  expect(seen.invalid).toBeGreaterThan(200);
}

describe('the JSON Schemas agree with the zod schemas they are generated from', () => {
  it('for a desired-state file', () => {
    agree(
      document,
      (value) => fileSchema(value),
      (value) => safeParse(desiredStateDocumentSchema, value).success,
    );
  });

  it('for one payload', () => {
    agree(
      payload,
      (value) => payloadSchema(value),
      (value) => safeParse(redshiftPayloadSchema, value).success,
    );
  });

  it('ship in the package and are printed by the CLI unchanged', async () => {
    const { readFile } = await import('node:fs/promises');
    const shipped = JSON.parse(await readFile('dist/schemas/desired-state.schema.json', 'utf8')) as unknown;
    expect(shipped).toEqual(desiredStateJsonSchema());
    expect(JSON.parse(await readFile('dist/schemas/payload.schema.json', 'utf8'))).toEqual(payloadJsonSchema());
  });
});
