/**
 * The secret sweep: canary secrets (usernames among them: every echo here carries them as field values,
 * which are masked), a server that echoes everything it receives (headers, body) into
 * every kind of failure, and every rendering of every resulting error — and every log line — scanned.
 * Real sockets only: no MSW in this file.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ImmutaError,
  type LogFields,
  RedshiftIntegrationClient,
  type RedshiftIntegrationClientOptions,
  type RedshiftIntegrationPayload,
} from '../src/index.js';
import { json, programmableServer } from './support/http-server.js';
import { rejectionOf } from './support/rejection.js';
import { yamlBody } from '../src/yaml/index.js';

const KEY = 'CANARY-KEY-4f1e9a7c2b';
const USER = 'canary-user-5c2a@redshift.example';
const PASSWORD = 'CANARY-PW-8d3b"\\6e'; // a quote and a backslash: JSON-escaped when echoed from a body
const OKTA_USER = 'canary-okta-user-1a6b';
const OKTA_PASSWORD = 'CANARY-OKTA-PW-9e4f';
const CANARIES = [KEY, USER, PASSWORD, JSON.stringify(PASSWORD).slice(1, -1), OKTA_USER, OKTA_PASSWORD];

const userPassword: RedshiftIntegrationPayload = {
  type: 'Redshift',
  autoBootstrap: true,
  config: {
    host: 'sweep.aws.amazon.com',
    database: 'immuta',
    initialDatabase: 'dev',
    authenticationType: 'userPassword',
    username: USER,
    password: PASSWORD,
  },
};
const okta: RedshiftIntegrationPayload = {
  ...userPassword,
  config: {
    host: 'sweep.aws.amazon.com',
    database: 'immuta',
    initialDatabase: 'dev',
    authenticationType: 'okta',
    okta: { username: OKTA_USER, password: OKTA_PASSWORD, appId: 'Okta', idpHost: 'okta.example', role: 'admin' },
  },
};

let server: Awaited<ReturnType<typeof programmableServer>>;
const logLines: string[] = [];
const logger = Object.fromEntries(
  (['debug', 'info', 'warn', 'error'] as const).map((level) => [
    level,
    (message: string, fields?: LogFields) => logLines.push(`${level} ${message} ${JSON.stringify(fields)}`),
  ]),
);

beforeAll(async () => {
  server = await programmableServer();
});
afterAll(() => server.close());

function client(options: RedshiftIntegrationClientOptions = {}) {
  return new RedshiftIntegrationClient({
    baseUrl: server.url,
    apiKey: KEY,
    retry: { limit: 1, baseDelayMs: 1 },
    logger,
    ...options,
  });
}

/** Everything the server got, as one string a careless server would put in its answer. */
function echo(headers: Record<string, unknown>, body: string): string {
  return `received ${JSON.stringify(headers)} with body ${body}`;
}

/** Every way an error can be printed, its cause chain's included. */
function renderings(error: unknown): string[] {
  const out: string[] = [];
  for (let each: unknown = error, depth = 0; each !== undefined && depth < 10; depth += 1) {
    const asError = each as Error;
    out.push(
      String(each),
      asError.message,
      String(asError.stack),
      JSON.stringify(each),
      inspect(each),
      inspect(each, { depth: null, showHidden: true }),
    );
    each = asError.cause;
  }
  return out;
}

const quick = { minDelayMs: 1, maxDelayMs: 2 };
const sendsAnything = [
  ['create (userPassword)', () => client().create(userPassword)],
  ['create (okta)', () => client().create(okta)],
  ['create as YAML', () => client({ bodyFormat: yamlBody }).create(userPassword)],
  ['update', () => client().update(1, okta)],
  [
    'delete with credentials',
    () => client().delete(1, { authenticationType: 'userPassword', username: USER, password: PASSWORD }),
  ],
  ['initial-create script', () => client().scripts.initialCreate({ ...userPassword, autoBootstrap: false })],
  ['list', () => client().list()],
  ['createAndWait', () => client().createAndWait(userPassword, quick)],
] as const;

describe('no secret in any error rendering or log line', () => {
  const answers: [
    string,
    (headers: Record<string, unknown>, body: string, response: import('node:http').ServerResponse) => void,
  ][] = [
    ...[400, 401, 403, 404, 409, 422, 429, 500, 503].map(
      (status) =>
        [
          `Immuta JSON ${status} echoing the request`,
          (headers: Record<string, unknown>, body: string, response: import('node:http').ServerResponse) =>
            json(response, status, {
              statusCode: status,
              error: echo(headers, body),
              message: echo(headers, body),
              request: body,
            }),
        ] as (typeof answers)[number],
    ),
    [
      'an HTML page echoing the request',
      (headers, body, response) => {
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end(`<html><title>${echo(headers, body)}</title></html>`);
      },
    ],
    [
      'plain text echoing the request',
      (headers, body, response) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(echo(headers, body));
      },
    ],
    [
      'a 429 asking for an hour, echoing the request',
      (headers, body, response) => json(response, 429, { message: echo(headers, body) }, { 'retry-after': '3600' }),
    ],
    [
      'a success of the wrong shape holding the request',
      (headers, body, response) => json(response, 200, { id: { echo: echo(headers, body) }, status: [body] }),
    ],
    [
      'a creation that fails with the credentials in its config and test results',
      (headers, body, response) =>
        json(response, 200, {
          id: '9',
          status: 'createError',
          type: 'Redshift',
          config: { username: USER, password: PASSWORD, okta: { username: OKTA_USER, password: OKTA_PASSWORD } },
          validationResults: {
            status: 'failed',
            validationTests: [{ name: 'Connect', status: 'failed', result: [echo(headers, body)] }],
          },
        }),
    ],
    [
      'the request echoed in every encoding a careless server uses',
      (headers, body, response) => {
        const echoed = echo(headers, body);
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(
          [
            Buffer.from(echoed).toString('base64'),
            encodeURIComponent(echoed),
            JSON.stringify(echoed).replace(
              /[^\x20-\x7e]|[<>&]/g,
              (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
            ),
            echoed.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`),
          ].join('\n'),
        );
      },
    ],
    [
      'a redirect whose Location holds the request',
      (headers, body, response) => {
        response.writeHead(307, { location: `http://127.0.0.1:1/${encodeURIComponent(echo(headers, body))}` });
        response.end(echo(headers, body));
      },
    ],
    [
      'an oversized answer echoing the request',
      (headers, body, response) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`${echo(headers, body)}${'x'.repeat(40 * 1024 * 1024)}`);
      },
    ],
    [
      'a connection reset after echoing part of the request',
      (headers, body, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
        response.write(echo(headers, body));
        setTimeout(() => response.socket?.destroy(), 10);
      },
    ],
  ];

  it.each(answers)('when the server answers with %s', async (_name, answer) => {
    logLines.length = 0;
    server.behave((request, response, body) => answer(request.headers, body, response));
    const errors: ImmutaError[] = [];
    for (const [, run] of sendsAnything) {
      // Some answers are valid for some calls (a createError body is a fine answer to a create): only errors are scanned.
      const outcome = await run().catch((caught: unknown) => caught);
      if (outcome instanceof Error) {
        expect(outcome).toBeInstanceOf(ImmutaError);
        errors.push(outcome as ImmutaError);
      }
    }
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      for (const rendering of renderings(error)) {
        for (const canary of CANARIES) expect(rendering, error.name).not.toContain(canary);
      }
    }
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) for (const canary of CANARIES) expect(line).not.toContain(canary);
  });

  it('when waits fail: time out on echoed errors, or end in a failed integration', async () => {
    server.behave((request, response, body) => json(response, 503, { message: echo(request.headers, body) }));
    const timedOut = await rejectionOf(() => client().waitUntilEnabled(1, { ...quick, timeoutMs: 50 }));
    expect(timedOut.name).toBe('WaitTimeoutError');
    const failed = await rejectionOf(async () => {
      const setup = client().manualSetup({ ...okta, autoBootstrap: false });
      server.behave((request, response, body) => json(response, 200, { id: '9', status: 'creating', echo: body }));
      await setup.configure();
      server.behave((request, response) =>
        json(response, 200, {
          id: '9',
          status: 'createError',
          validationResults: {
            status: 'failed',
            validationTests: [{ name: `okta password ${OKTA_PASSWORD}`, status: 'failed' }],
          },
        }),
      );
      return setup.waitUntilEnabled(quick);
    });
    expect(failed.name).toBe('IntegrationFailedError');
    for (const error of [timedOut, failed]) {
      for (const rendering of renderings(error)) for (const canary of CANARIES) expect(rendering).not.toContain(canary);
    }
  });

  it('when the call never gets an answer: timeouts, aborts, refused connections', async () => {
    server.behave(() => undefined);
    const errors = [
      await rejectionOf(() => client().create(userPassword, { timeoutMs: 50 })),
      await rejectionOf(() => client().create(okta, { signal: AbortSignal.timeout(50) })),
      await rejectionOf(() =>
        new RedshiftIntegrationClient({ baseUrl: 'http://127.0.0.1:1', apiKey: KEY }).create(userPassword),
      ),
    ];
    expect(errors.map((error) => error.name)).toEqual(['TimeoutError', 'RequestAbortedError', 'ConnectionError']);
    for (const error of errors) {
      for (const rendering of renderings(error)) for (const canary of CANARIES) expect(rendering).not.toContain(canary);
    }
  });

  it('when the SDK refuses before sending: invalid payloads, bad configuration', async () => {
    const errors = [
      await rejectionOf(async () =>
        client().create({
          ...userPassword,
          config: { ...userPassword.config, host: `https://${PASSWORD}`, port: USER as unknown as number },
        }),
      ),
      await rejectionOf(async () =>
        client().delete(1, { authenticationType: 'okta', username: USER, password: PASSWORD } as never),
      ),
      await rejectionOf(
        async () =>
          new RedshiftIntegrationClient({ baseUrl: `https://${USER}:${OKTA_PASSWORD}@immuta.example`, apiKey: KEY }),
      ),
      await rejectionOf(() =>
        new RedshiftIntegrationClient({
          baseUrl: server.url,
          apiKey: () => {
            throw new Error(`vault refused ${KEY}`);
          },
        }).list(),
      ),
    ];
    for (const error of errors) {
      for (const rendering of renderings(error)) for (const canary of CANARIES) expect(rendering).not.toContain(canary);
    }
  });
});
