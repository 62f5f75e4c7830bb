import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ImmutaApiError,
  isRedacted,
  PayloadValidationError,
  RedshiftIntegrationClient,
  type RedshiftIntegrationPayload,
  ResponseValidationError,
  validateRedshiftPayload,
} from '../src/index.js';

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/);
const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
const text = fc.string({ minLength: 1, maxLength: 40 });
const secret = text.filter((value) => !isRedacted(value));

const impersonation = fc.oneof(
  fc.constant({ enabled: false as const }),
  fc.record({ enabled: fc.constant(true as const), role: text }, { requiredKeys: ['enabled'] }),
);
const connection = fc.record(
  { host, port: fc.integer({ min: 1, max: 65535 }), database: text, initialDatabase: text, impersonation },
  { requiredKeys: ['host', 'database', 'initialDatabase'] },
);
const credentials = fc.oneof(
  fc.record({ authenticationType: fc.constant('userPassword' as const), username: secret, password: secret }),
  fc.record({
    authenticationType: fc.constant('okta' as const),
    okta: fc.record({ username: secret, password: secret, appId: text, idpHost: text, role: text }),
  }),
);
/** Every payload this generates is valid by the guide's rules. */
const validPayload: fc.Arbitrary<RedshiftIntegrationPayload> = fc
  .tuple(fc.boolean(), connection, credentials)
  .map(([autoBootstrap, config, auth]) => ({ type: 'Redshift', autoBootstrap, config: { ...config, ...auth } }));

/** A valid payload with one value somewhere replaced by arbitrary JSON, or one key removed. */
const damagedPayload = fc
  .tuple(validPayload, fc.jsonValue(), fc.nat(), fc.boolean())
  .map(([payload, junk, pick, remove]) => {
    const copy = structuredClone(payload) as unknown as Record<string, Record<string, unknown>>;
    const targets: Record<string, unknown>[] = [copy, copy.config!];
    if (copy.config!.okta) targets.push(copy.config!.okta as Record<string, unknown>);
    const target = targets[pick % targets.length]!;
    const keys = Object.keys(target);
    const key = keys[pick % keys.length]!;
    if (remove) Reflect.deleteProperty(target, key);
    else target[key] = junk;
    return copy;
  });

/** A client whose fetch captures what is sent and answers with `reply`. */
function capturing(reply: () => Response) {
  const sent: string[] = [];
  const client = new RedshiftIntegrationClient({
    baseUrl: 'https://immuta.test',
    apiKey: 'property-key',
    retry: 0,
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const request = new Request(input, init);
      sent.push(await request.text());
      return reply();
    },
  });
  return { client, sent };
}

const creating = () => Response.json({ id: '1', status: 'creating' });

const isText = (value: unknown) => typeof value === 'string' && value !== '';
const hasIdAndStatus = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  isText((value as { id?: unknown }).id) &&
  typeof (value as { status?: unknown }).status === 'string';

/**
 * The guide's rules for a payload, written apart from the SDK's validator as this test's own oracle: the
 * problems it sees (none for a valid payload).
 */
function guideRules(value: unknown): string[] {
  const problems: string[] = [];
  const payload = value as { type?: unknown; autoBootstrap?: unknown; config?: Record<string, unknown> } | null;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return ['not an object'];
  if (Object.keys(payload).some((key) => !['type', 'autoBootstrap', 'config'].includes(key))) problems.push('key');
  if (payload.type !== 'Redshift') problems.push('type');
  if (typeof payload.autoBootstrap !== 'boolean') problems.push('autoBootstrap');
  const config = payload.config;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return [...problems, 'config'];
  const host = config.host;
  if (
    typeof host !== 'string' ||
    !/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i.test(host)
  ) {
    problems.push('host');
  }
  if (!isText(config.database) || !isText(config.initialDatabase)) problems.push('databases');
  if (
    'port' in config &&
    !(Number.isInteger(config.port) && (config.port as number) >= 1 && (config.port as number) <= 65535)
  ) {
    problems.push('port');
  }
  const impersonation = config.impersonation as Record<string, unknown> | undefined;
  if ('impersonation' in config) {
    const keys = typeof impersonation === 'object' && impersonation !== null ? Object.keys(impersonation) : ['?'];
    const off = impersonation?.enabled === false && keys.length === 1;
    const on =
      impersonation?.enabled === true &&
      keys.every((key) => key === 'enabled' || key === 'role') &&
      (!('role' in impersonation) || isText(impersonation.role));
    if (!off && !on) problems.push('impersonation');
  }
  const credentialKeys = config.authenticationType === 'okta' ? ['okta'] : ['username', 'password'];
  const known = [
    'host',
    'port',
    'database',
    'initialDatabase',
    'impersonation',
    'authenticationType',
    ...credentialKeys,
  ];
  if (Object.keys(config).some((key) => !known.includes(key))) problems.push('config key');
  const secret = (field: unknown) => isText(field) && !isRedacted(field);
  if (config.authenticationType === 'userPassword') {
    if (!secret(config.username) || !secret(config.password)) problems.push('credentials');
  } else if (config.authenticationType === 'okta') {
    const okta = config.okta as Record<string, unknown> | undefined;
    if (
      !okta ||
      !secret(okta.username) ||
      !secret(okta.password) ||
      !isText(okta.appId) ||
      !isText(okta.idpHost) ||
      !isText(okta.role)
    ) {
      problems.push('okta');
    }
  } else problems.push('authenticationType');
  return problems;
}

describe('properties', () => {
  it('accepts every valid payload and sends it unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(validPayload, async (payload) => {
        expect(validateRedshiftPayload(payload)).toEqual(payload);
        const { client, sent } = capturing(creating);
        await client.create(payload);
        expect(sent).toEqual([JSON.stringify(payload)]);
      }),
      { numRuns: 200 },
    );
  });

  it('turns any JSON value into a valid payload or a PayloadValidationError, never another exception', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), damagedPayload), (value) => {
        let checked: RedshiftIntegrationPayload;
        try {
          checked = validateRedshiftPayload(value);
        } catch (error) {
          expect(error).toBeInstanceOf(PayloadValidationError);
          expect((error as PayloadValidationError).issues.length).toBeGreaterThan(0);
          expect(guideRules(value)).not.toEqual([]);
          return;
        }
        // Accepted: the value itself, and valid by the guide's rules as this test reads them.
        accepted += 1;
        expect(checked).toEqual(value);
        expect(guideRules(value)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    // Both branches ran: the property would see a validator that accepted or refused everything.
    expect(accepted).toBeGreaterThan(20);
  });

  it('sends nothing for an invalid payload', async () => {
    await fc.assert(
      fc.asyncProperty(damagedPayload, async (value) => {
        const { client, sent } = capturing(creating);
        const outcome = await client
          .create(value as unknown as RedshiftIntegrationPayload)
          .catch((error: unknown) => error);
        if (outcome instanceof Error) {
          expect(outcome).toBeInstanceOf(PayloadValidationError);
          expect(sent).toEqual([]);
        } else {
          // Sent only because it is valid, and sent as it is.
          expect(guideRules(value)).toEqual([]);
          expect(sent).toEqual([JSON.stringify(value)]);
        }
      }),
      { numRuns: 200 },
    );
  });

  const body = fc.oneof(
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc
      .record(
        {
          id: fc.oneof(fc.string(), fc.integer(), fc.jsonValue()),
          status: fc.jsonValue(),
          type: fc.oneof(fc.constant('Redshift'), fc.string()),
          config: fc.jsonValue(),
        },
        { requiredKeys: [] },
      )
      .map((value) => JSON.stringify(value)),
    fc.string(),
  );
  const contentType = fc.constantFrom('application/json', 'text/plain', 'text/html', '');

  it('reads any success body as integrations or a ResponseValidationError, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(body, contentType, async (text, type) => {
        const reply = () => new Response(text, { status: 200, headers: type ? { 'content-type': type } : {} });
        const { client } = capturing(reply);
        const shapes: [() => Promise<unknown>, (value: unknown) => boolean][] = [
          [() => client.get(1), (value) => hasIdAndStatus(value)],
          [() => client.list(), (value) => Array.isArray(value)],
          [() => client.getStatus(1), (value) => typeof (value as { status?: unknown }).status === 'string'],
          [() => client.scripts.delete(1), (value) => typeof value === 'string' && value.trim() !== ''],
        ];
        for (const [call, shaped] of shapes) {
          const outcome = await call().catch((error: unknown) => error);
          if (outcome instanceof Error) expect(outcome).toBeInstanceOf(ResponseValidationError);
          else expect(shaped(outcome)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('turns any error answer into an ImmutaApiError with its status', async () => {
    await fc.assert(
      fc.asyncProperty(body, contentType, fc.integer({ min: 400, max: 599 }), async (text, type, status) => {
        const reply = () => new Response(text, { status, headers: type ? { 'content-type': type } : {} });
        const error = await capturing(reply)
          .client.get(1)
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ImmutaApiError);
        expect((error as ImmutaApiError).status).toBe(status);
      }),
      { numRuns: 300 },
    );
  });
});
