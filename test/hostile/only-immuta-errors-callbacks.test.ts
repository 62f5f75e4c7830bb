/** Only ImmutaErrors escape, whatever the input, the options or the callbacks. Real sockets only. */
import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  PayloadValidationError,
  RedshiftIntegrationClient,
  validateRedshiftPayload,
} from '../../src/index.js';
import { json } from '../support/http-server.js';
import { rejectionOf } from '../support/rejection.js';
import { payload, PW, quick, useHostileServer } from './support.js';

const hostile = useHostileServer();
const { client } = hostile;

describe('only ImmutaErrors escape, whatever the input', () => {
  it.each([
    ['a signal that is not an AbortSignal', () => client().get(1, { signal: {} as AbortSignal })],
    ['wait options that are not an object', () => client().waitForStatus(1, 5 as never)],
    ['options to a …AndWait helper that are not an object', () => client().createAndWait(payload, 'x' as never)],
    ['a header with a line break', () => client().get(1, { headers: { 'x-a': 'b\r\nc' } })],
    ['an onPoll that is not a function', () => client().createAndWait(payload, { onPoll: 'x' as never })],
  ])('%s is a ConfigurationError, before anything is sent', async (_name, call) => {
    hostile.server.behave((_request, response) => json(response, 200, { id: '1', status: 'creating' }));
    expect(await rejectionOf(call)).toBeInstanceOf(ConfigurationError);
    expect(hostile.server.requests).toBe(0);
  });

  it('null options mean no options', async () => {
    hostile.server.behave((_request, response) => json(response, 200, { id: '1', status: 'enabled' }));
    expect((await client().waitForStatus(1, null as never)).status).toBe('enabled');
    expect((await client().createAndWait(payload, null as never)).status).toBe('enabled');
    expect(() => new RedshiftIntegrationClient(null as never)).toThrow(/No Immuta URL/);
  });

  it('the constructor refuses options that are not an object, and bad headers, with a ConfigurationError', () => {
    expect(() => new RedshiftIntegrationClient(5 as never)).toThrow(ConfigurationError);
    expect(() => client({ headers: { 'x-a': 'b\nc' } })).toThrow(ConfigurationError);
    expect(() => client({ userAgent: 'ua\r\nx: y' })).toThrow(ConfigurationError);
  });

  it('an onPoll that throws ends the wait with an ImmutaError whose cause is its error', async () => {
    hostile.server.behave((_request, response) => json(response, 200, { id: '1', status: 'creating' }));
    const mine = new Error('stop now');
    const error = await rejectionOf(() =>
      client().waitUntilEnabled(1, {
        ...quick,
        onPoll: () => {
          throw mine;
        },
      }),
    );
    expect(error.cause).toBe(mine);
  });

  it('a broken logger — a throwing getter, a rejecting async method — never breaks a call', async () => {
    hostile.server.behave((_request, response) => json(response, 200, { id: '1', status: 'enabled' }));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const throwing = {
        get debug(): never {
          throw new Error('getter');
        },
      };
      expect((await client({ logger: throwing }).get(1)).status).toBe('enabled');
      const rejecting = { debug: async () => Promise.reject(new Error('async logger')) };
      expect((await client({ logger: rejecting }).get(1)).status).toBe('enabled');
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it('an unknown key that looks like a value is not repeated', () => {
    const withSecretKey = { ...payload, config: { ...payload.config, [PW]: true } };
    const error = (() => {
      try {
        validateRedshiftPayload(withSecretKey);
      } catch (caught) {
        return caught as PayloadValidationError;
      }
    })();
    expect(error?.message).toContain('config.(an unknown field): unknown field');
    expect(error?.message).not.toContain(PW);
  });
});
