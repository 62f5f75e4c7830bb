import { describe, expect, it } from 'vitest';
import { toNamedParameters } from '../../src/redshift/parameters.js';
import { quoteIdentifier, quoteLiteral } from '../../src/redshift/quote.js';
import { databaseFor, SCRIPT_STEPS } from '../../src/model/script-steps.js';

const payload = { config: { database: 'immuta', initialDatabase: 'dev' } };

describe('databaseFor', () => {
  it('runs initial-create, delete and cleanup in initialDatabase; create and edit in the Immuta database', () => {
    expect(Object.fromEntries(SCRIPT_STEPS.map((step) => [step, databaseFor(step, payload)]))).toEqual({
      'initial-create': 'dev',
      create: 'immuta',
      edit: 'immuta',
      delete: 'dev',
      cleanup: 'dev',
    });
  });

  it('lets the caller override a step', () => {
    expect(databaseFor('edit', payload, { edit: 'dev' })).toBe('dev');
    expect(databaseFor('create', payload, { edit: 'dev' })).toBe('immuta');
  });
});

describe('quoting', () => {
  it('doubles inner quotes', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
    expect(quoteLiteral("it's")).toBe("'it''s'");
  });
});

describe('toNamedParameters, for the Data API', () => {
  it('rewrites $n in code to :pn, leaving quotes, comments, casts and identifiers alone', () => {
    expect(toNamedParameters("SELECT $1::int, '$1', a$1, $2 -- $1\nWHERE x = $1", [7, 'two'])).toEqual({
      sql: "SELECT :p1::int, '$1', a$1, :p2 -- $1\nWHERE x = :p1",
      parameters: [
        { name: 'p1', value: '7' },
        { name: 'p2', value: 'two' },
      ],
    });
  });

  it('writes a null as NULL in place, since Data API parameters cannot carry one', () => {
    expect(toNamedParameters('SELECT $1, $2', [null, true])).toEqual({
      sql: 'SELECT NULL, :p2',
      parameters: [{ name: 'p2', value: 'true' }],
    });
  });
});
