// After a script stops, what is there to undo: the rule the SDK's and the CLI's "next" advice both follow.
import { describe, expect, it } from 'vitest';
import { StatementFailedError } from '../../src/errors/redshift.js';
import { leftByEarlierRun, tookNoEffect } from '../../src/manual-run.js';

const failedAt = (statementIndex: number, code: string | undefined, serverMessage: string) =>
  new StatementFailedError({
    step: 'initial-create',
    database: 'dev',
    statementIndex,
    line: statementIndex,
    total: 3,
    statement: 'CREATE DATABASE immuta',
    code,
    serverMessage,
    advice: 'Next: …',
  });

describe('what a stopped script left behind', () => {
  it('a first statement that failed took no effect', () => {
    expect(tookNoEffect(failedAt(1, '42501', 'permission denied to create database'))).toBe(true);
    expect(tookNoEffect(failedAt(2, '42501', 'permission denied'))).toBe(false);
  });

  it('"already exists" is what an earlier run left: by SQLSTATE, or by the Data API’s wording alone', () => {
    expect(leftByEarlierRun(failedAt(1, '42P04', 'database "immuta" already exists'))).toBe(true);
    expect(leftByEarlierRun(failedAt(1, '42710', 'role "immuta_system" already exists'))).toBe(true);
    expect(leftByEarlierRun(failedAt(1, undefined, 'ERROR: database "immuta" already exists'))).toBe(true);
    expect(leftByEarlierRun(failedAt(1, '42501', 'permission denied to create database'))).toBe(false);
    expect(leftByEarlierRun(failedAt(1, undefined, 'permission denied to create database'))).toBe(false);
    expect(leftByEarlierRun(new Error('already exists'))).toBe(false);
  });
});
