import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskSqlSecrets, secretLiteralsIn } from '../../src/redshift/mask-sql.js';

describe('maskSqlSecrets', () => {
  it.each([
    ["CREATE USER u PASSWORD 'abc12345';", "CREATE USER u PASSWORD '<REDACTED>';"],
    [
      "create user u password 'It''s; s3cret' VALID UNTIL 'infinity'",
      "create user u password '<REDACTED>' VALID UNTIL 'infinity'",
    ],
    [
      "ALTER USER u WITH ENCRYPTED PASSWORD 'md5153c434b4b77c89e6b94f12c5393af5b'",
      "ALTER USER u WITH ENCRYPTED PASSWORD '<REDACTED>'",
    ],
    ["ALTER USER u PASSWORD 'sha256|Mypassword1'", "ALTER USER u PASSWORD '<REDACTED>'"],
    ["CREATE ROLE r PASSWORD E'a\\'b;c' LOGIN", "CREATE ROLE r PASSWORD '<REDACTED>' LOGIN"],
    ['CREATE ROLE r PASSWORD $pw$dollar; quoted$pw$ LOGIN', "CREATE ROLE r PASSWORD '<REDACTED>' LOGIN"],
    ["Password='x1'", "Password='<REDACTED>'"],
    [
      "COPY t FROM 's3://b/k' CREDENTIALS 'aws_access_key_id=AKIA;aws_secret_access_key=SECRET'",
      "COPY t FROM 's3://b/k' CREDENTIALS '<REDACTED>'",
    ],
    [
      "UNLOAD ('select 1') TO 's3://b/' ACCESS_KEY_ID 'AKIA' SECRET_ACCESS_KEY 'shh' SESSION_TOKEN 'tok'",
      "UNLOAD ('select 1') TO 's3://b/' ACCESS_KEY_ID '<REDACTED>' SECRET_ACCESS_KEY '<REDACTED>' SESSION_TOKEN '<REDACTED>'",
    ],
  ])('masks %s', (sql, masked) => {
    expect(maskSqlSecrets(sql)).toBe(masked);
  });

  it('masks to the end a literal a message cut off, and to the later end where a backslash makes two readings', () => {
    expect(maskSqlSecrets("CREATE USER u PASSWORD 'abc12…")).toBe("CREATE USER u PASSWORD '<REDACTED>'");
    expect(maskSqlSecrets("ALTER USER u PASSWORD 'ab\\'cd'; SELECT 1")).toBe(
      "ALTER USER u PASSWORD '<REDACTED>'; SELECT 1",
    );
    // PostgreSQL reads one literal here (\'abc, with '' inside); a server taking backslash escapes ends it after \'.
    expect(maskSqlSecrets("ALTER USER u PASSWORD '\\''abc' VALID UNTIL 'x'")).toBe(
      "ALTER USER u PASSWORD '<REDACTED>' VALID UNTIL 'x'",
    );
  });

  it('leaves SQL without secret literals as it is', () => {
    for (const sql of [
      'CREATE USER u PASSWORD DISABLE',
      'ALTER TABLE t ADD COLUMN password varchar(64)',
      "SELECT user_password FROM t WHERE name = 'x'",
      'CREATE DATABASE immuta; GRANT TEMP ON DATABASE immuta TO "immuta_system"',
    ]) {
      expect(maskSqlSecrets(sql)).toBe(sql);
    }
  });

  it('no part of a password written as a literal survives masking, whatever it holds', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.constantFrom('PASSWORD', 'password', 'Password'),
        (secret, keyword) => {
          const literal = `'${secret.replace(/'/g, "''")}'`;
          const masked = maskSqlSecrets(`CREATE USER "u" ${keyword} ${literal} CREATEDB;`);
          const hidden = `CREATE USER "u" ${keyword} '<REDACTED>'`;
          expect(masked.startsWith(hidden)).toBe(true);
          // What follows is the statement's own tail — all of it, unless a backslash (which some servers read as
          // an escape) made the masking run further: never a piece of the secret.
          const rest = masked.slice(hidden.length);
          expect(' CREATEDB;'.endsWith(rest)).toBe(true);
          if (!secret.includes('\\')) expect(rest).toBe(' CREATEDB;');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('secretLiteralsIn', () => {
  it('returns the values written as secret literals, quotes undoubled', () => {
    expect(secretLiteralsIn("CREATE USER a PASSWORD 'It''s-s3cret'; ALTER USER b PASSWORD $$dollar$$")).toEqual([
      "It's-s3cret",
      "It''s-s3cret",
      'dollar',
    ]);
    // Both readings of a backslash: as itself (ends at the second quote) and as an escape (runs on).
    expect(secretLiteralsIn("ALTER USER u PASSWORD 'a\\'b' VALID UNTIL 'x'")).toEqual(['a\\', "a\\'b"]);
    expect(secretLiteralsIn('CREATE USER a PASSWORD DISABLE')).toEqual([]);
  });
});
