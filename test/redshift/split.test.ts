import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScriptSyntaxError } from '../../src/errors/redshift.js';
import { scanSql } from '../../src/redshift/lexer.js';
import { splitSqlScript } from '../../src/redshift/split.js';
import { standInScript } from '../../src/testing/stand-in-scripts.js';

const texts = (sql: string) => splitSqlScript(sql).map((statement) => statement.text);

describe('splitSqlScript, by example', () => {
  it('splits at semicolons in code, dropping empty statements and a comment-only tail', () => {
    expect(texts('SELECT 1;;\n  SELECT 2 ;\n-- the end\n/* really */')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('keeps semicolons inside quotes, doubled quotes and quoted identifiers', () => {
    expect(texts(`SELECT 'a;''b;' AS "x;""y";SELECT 2`)).toEqual([`SELECT 'a;''b;' AS "x;""y"`, 'SELECT 2']);
  });

  it("reads E'…' with backslash escapes, but a backslash in an ordinary literal as itself", () => {
    expect(texts(String.raw`SELECT E'it\'s; fine';SELECT 'C:\';SELECT 3`)).toEqual([
      String.raw`SELECT E'it\'s; fine'`,
      String.raw`SELECT 'C:\'`,
      'SELECT 3',
    ]);
  });

  it('takes backslash escapes in ordinary literals too when standardConformingStrings is false', () => {
    const sql = String.raw`SELECT 'it\'s; one';SELECT 2`;
    expect(splitSqlScript(sql, { standardConformingStrings: false }).map((each) => each.text)).toEqual([
      String.raw`SELECT 'it\'s; one'`,
      'SELECT 2',
    ]);
  });

  it('keeps a $$ body with semicolons whole, and a $tag$ body that contains $$', () => {
    const procedure = "CREATE PROCEDURE p() AS $$\nBEGIN\n  RAISE INFO 'a;b';\n  PERFORM 1;\nEND;\n$$ LANGUAGE plpgsql";
    const tagged = "CREATE FUNCTION f() RETURNS text AS $body$ SELECT $$;$$ || ';' $body$ LANGUAGE sql";
    expect(texts(`${procedure};\n${tagged};`)).toEqual([procedure, tagged]);
  });

  it('does not take $1 or an identifier containing $ for a dollar quote', () => {
    expect(texts('SELECT $1, a$b$ FROM t;SELECT 2')).toEqual(['SELECT $1, a$b$ FROM t', 'SELECT 2']);
  });

  it('nests block comments, as PostgreSQL does', () => {
    expect(texts('SELECT /* outer /* inner; */ still; comment */ 1;SELECT 2')).toEqual([
      'SELECT /* outer /* inner; */ still; comment */ 1',
      'SELECT 2',
    ]);
  });

  it('ignores semicolons in line comments, and leaves comments before a statement out of its text', () => {
    const statements = splitSqlScript('-- first; not a statement\n\n  /* a note; */ SELECT 1 -- trailing;\n;');
    expect(statements).toEqual([{ text: 'SELECT 1', index: 1, line: 3, start: 43, end: 51 }]);
  });

  it('numbers statements and gives the line each starts on', () => {
    const statements = splitSqlScript('SELECT 1;\n\nSELECT\n  2; SELECT 3;\n');
    expect(statements.map(({ index, line }) => [index, line])).toEqual([
      [1, 1],
      [2, 3],
      [3, 4],
    ]);
  });

  it('refuses an unclosed quote, dollar quote or block comment, naming the line it opens on', () => {
    for (const [sql, construct, line] of [
      ["SELECT 1;\nSELECT 'open", 'string', 2],
      ['SELECT 1;\n\nSELECT $x$ open $y$', 'dollar-quoted', 3],
      ['/* open /* nested */', 'block-comment', 1],
      ['SELECT "open', 'quoted-identifier', 1],
    ] as const) {
      const error = (() => {
        try {
          splitSqlScript(sql);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ScriptSyntaxError);
      expect(error).toMatchObject({ construct, line });
    }
  });

  it('splits each stand-in script into its statements, the procedure in one piece', () => {
    const payload = {
      config: {
        host: 'h.example.com',
        database: 'imm;uta',
        initialDatabase: 'dev',
        impersonation: { enabled: true as const, role: 'imp"ers' },
      },
    };
    const create = splitSqlScript(standInScript('create', payload));
    expect(create.map((each) => each.text.split(/\s/)[0])).toEqual([
      'CREATE',
      'CREATE',
      'CREATE',
      'GRANT',
      'GRANT',
      'GRANT',
      'CREATE',
      'GRANT',
      'GRANT',
    ]);
    const procedure = create[6]!;
    expect(procedure.text).toMatch(
      /^CREATE OR REPLACE PROCEDURE immuta_procedures\.impersonate_user[\s\S]*\$\$ LANGUAGE plpgsql$/,
    );
    expect(procedure.line).toBe(10);
    const initial = texts(standInScript('initial-create', payload));
    expect(initial[0]).toBe('CREATE DATABASE "imm;uta"');
    expect(initial.at(-1)).toBe('CREATE GROUP "imp""ers"');
  });
});

// Statements are made of tokens joined by white space, so two tokens never fuse into another (`E` + `'x'`).
const word = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
const filler = fc.stringMatching(/^[^'"$;\\/*\-\r\n]{0,6}$/);
const singleQuoted = fc
  .array(fc.oneof(filler, fc.constant("''"), fc.constant(';'), fc.constant('$$'), fc.constant('--')), { maxLength: 5 })
  .map((parts) => `'${parts.join('')}'`);
const escapeString = fc
  .array(fc.oneof(filler, fc.constant("\\'"), fc.constant('\\\\'), fc.constant(';'), fc.constant("''")), {
    maxLength: 5,
  })
  .map((parts) => `E'${parts.join('')}'`);
const quotedIdentifier = fc
  .array(fc.oneof(filler, fc.constant('""'), fc.constant(';')), { maxLength: 5 })
  .map((parts) => `"${parts.join('')}"`);
const tag = fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z_]{1,5}$/));
const dollarQuoted = fc
  .tuple(
    tag,
    fc.array(
      fc.oneof(filler, fc.constant(';'), fc.constant("'"), fc.constant('/*'), fc.constant('\n'), fc.constant('$ $')),
      { maxLength: 5 },
    ),
  )
  .map(([name, parts]) => `$${name}$${parts.join('').replace(/\$/g, '$ ')}$${name}$`);
const lineComment = filler.map((text) => `-- ${text};\n`);
const blockComment = fc
  .tuple(filler, filler, fc.boolean())
  .map(([outer, inner, nested]) => (nested ? `/* ${outer}; /* ${inner}; */ ${outer} */` : `/* ${outer}; */`));
const significant = fc.oneof(
  word,
  singleQuoted,
  escapeString,
  quotedIdentifier,
  dollarQuoted,
  fc.constantFrom('1', '(', ')', ',', '=', '+', '$1'),
);
const anyToken = fc.oneof({ weight: 4, arbitrary: significant }, lineComment, blockComment);
const space = fc.constantFrom(' ', '\n', '\t', '  ', ' \n ');
/** A statement: significant tokens first and last, anything between (its text excludes comments around it). */
const statement = fc
  .tuple(significant, fc.array(fc.tuple(space, anyToken), { maxLength: 6 }), space, significant)
  .map(
    ([first, middle, gap, last]) => `${first}${middle.map(([before, token]) => before + token).join('')}${gap}${last}`,
  );
const separator = fc.constantFrom(';', ';\n', ' ;\n\n', ';;', '; -- done;\n', ';/* ; */\n', ';\n-- note\n');
const script = fc.tuple(
  fc.array(statement, { minLength: 1, maxLength: 6 }),
  fc.array(separator, { minLength: 6, maxLength: 6 }),
  fc.constantFrom('', '\n', '-- header;\n', '/* header; */ '),
  fc.constantFrom('', ';', '\n-- tail;', ' /* tail */'),
);

describe('splitSqlScript, by property', () => {
  it('gives back exactly the statements a script was made of, whatever their quotes, bodies and comments', () => {
    fc.assert(
      fc.property(script, ([statements, separators, head, tail]) => {
        const sql = head + statements.map((each, i) => (i === 0 ? each : separators[i - 1] + each)).join('') + tail;
        expect(texts(sql)).toEqual(statements);
      }),
    );
  });

  it('each statement is the script between its offsets, and starts on the line its offset is on', () => {
    fc.assert(
      fc.property(script, ([statements, separators, head]) => {
        const sql = head + statements.map((each, i) => (i === 0 ? each : separators[i - 1] + each)).join('');
        for (const each of splitSqlScript(sql)) {
          expect(sql.slice(each.start, each.end)).toBe(each.text);
          expect(each.line).toBe(sql.slice(0, each.start).split('\n').length);
        }
      }),
    );
  });

  it('splitting, re-joining with semicolons and splitting again preserves every statement', () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 6 }), (statements) => {
        const once = texts(statements.join(';\n'));
        expect(texts(once.join(';\n'))).toEqual(once);
        expect(once).toEqual(statements);
      }),
    );
  });

  it('never ends a statement inside a quote, a dollar-quoted body or a comment', () => {
    fc.assert(
      fc.property(script, ([statements, separators]) => {
        const sql = statements.map((each, i) => (i === 0 ? each : separators[i - 1] + each)).join('');
        const inside = scanSql(sql).filter((region) => region.kind !== 'code');
        for (const each of splitSqlScript(sql)) {
          expect(inside.some((region) => region.start < each.end && each.end < region.end)).toBe(false);
        }
      }),
    );
  });
});
