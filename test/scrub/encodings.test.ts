/**
 * Every encoding of docs/reliability.md's rule 3 and 4, alone and mixed character by character: the echo is
 * hidden whole, and the text around it is left as it was.
 */
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/index.js';
import { scrub } from '../../src/internal/scrub.js';
import { ECHOES, folded, mixed, percentEncoded, uEscaped, visibleWindows } from './echoes.js';

/** Secrets that exercise the encodings: non-ASCII, astral, escapes of every kind, white space runs. */
const SECRETS = [
  'Pw-S3cr3t!Sup3rLong#Value_42',
  'ünï&"cödé <canary> pass/phrase+1 with spaces',
  `it's "quoted" \\ back\\slashed & <tagged>`,
  'emoji 😀 and 𝐀 astral-password',
  'looks%41like&amp;escapes\\u0041already',
];

describe.each(SECRETS)('the secret %j', (secret) => {
  it.each(Object.entries(ECHOES))('%s: hidden whole, the text around it kept', (_name, echo) => {
    const scrubbed = scrub(`echo: ${echo(secret)} (end)`, [secret], { fields: false });
    expect(scrubbed).toBe('echo: <REDACTED> (end)');
  });

  it('mixed encodings, character by character, are hidden whole', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const echo = mixed(secret, (i) => (i * 7 + seed * 13) % 97);
      expect(scrub(`[${echo}]`, [secret], { fields: false }), echo).toBe('[<REDACTED>]');
    }
  });
});

describe('white space', () => {
  const SECRET = 'four words with  spaces';

  it.each([
    ['collapsed', 'four words with spaces'],
    ['folded across lines', 'four words\n    with spaces'],
    ['JSON-escaped line breaks and tabs', 'four\\nwords\\twith\\r\\nspaces'],
    ['URL-encoded', 'four%20words%20with%20%20spaces'],
    ['form-encoded', 'four+words+with++spaces'],
    ['as entities', 'four&#32;words&#x20;with&nbsp;spaces'],
    ['escaped in JSON as \\u0020', 'four\\u0020words\\u00a0with\\u0009spaces'],
  ])('any run matches any run: %s', (_name, echo) => {
    expect(scrub(`<${echo}>`, [SECRET], { fields: false })).toBe('<<REDACTED>>');
  });

  it('a secret surrounded by white space is trimmed before it is looked for', () => {
    expect(redactSecrets('rejected Sup3rS3cretPassw0rd for you', ['  Sup3rS3cretPassw0rd\n'])).toBe(
      'rejected <REDACTED> for you',
    );
  });
});

describe('invisible characters', () => {
  it('interleaved with a secret are removed first, so they cannot hide it', () => {
    const SECRET = 'invisible-canary-pw';
    const echo = [...SECRET].join('\u200b').replace('canary', 'ca\u00adna\u0000ry');
    expect(scrub(`pw ${echo}!`, [SECRET])).toBe('pw <REDACTED>!');
  });

  it('written as escapes (\\u200b, %E2%80%8B, &#8203;) vanish as well', () => {
    const SECRET = 'invisible-canary-pw';
    const echo = ['invi', '\\u200b', 'sible-', '%E2%80%8B', 'canary', '&#8203;', '-pw'].join('');
    expect(scrub(`pw ${echo}!`, [SECRET], { fields: false })).toBe('pw <REDACTED>!');
  });
});

describe('escapes that meet an echo', () => {
  it('an escape just before a raw echo cannot join with its first character', () => {
    const SECRET = 'nimbus-secret-77';
    // `\\` + `n` reads as an escaped line break; the raw reading still finds the secret.
    expect(scrub(String.raw`path C:\\${SECRET} end`, [SECRET], { fields: false })).toBe(
      String.raw`path C:\\<REDACTED> end`,
    );
    // `%25` + `41` reads as a doubly encoded `A`; again the raw reading finds the secret.
    expect(scrub('100%2541 abc-secret!', ['41 abc-secret!'], { fields: false })).toBe('100%25<REDACTED>');
  });

  it('a secret ending with a backslash, echoed in JSON, is hidden', () => {
    const SECRET = 'ends-with-backslash\\';
    expect(scrub(JSON.stringify({ message: `bad ${SECRET}` }), [SECRET], { fields: false })).toBe(
      '{"message":"bad <REDACTED>"}',
    );
  });

  it('a fold right after an escaped backslash keeps the backslash', () => {
    const SECRET = 'back\\slash-folded-secret';
    const echo = 'back\\\\\\\n    slash-folded-secret';
    expect(scrub(`"${echo}"`, [SECRET], { fields: false })).toBe('"<REDACTED>"');
  });

  it('JSON escaping deeper than 4 levels is still read (more than promised)', () => {
    const SECRET = 'quote"in-the-secret';
    let echo = SECRET;
    for (let level = 0; level < 6; level += 1) echo = JSON.stringify(echo).slice(1, -1);
    expect(scrub(`x ${echo} y`, [SECRET], { fields: false })).toBe('x <REDACTED> y');
  });
});

describe('percent-encoding over other encodings', () => {
  it('URL-encoded JSON whose secret needed escapes: the decoded escapes are read again', () => {
    const SECRET = 'quote"in\\side-pw';
    const echo = encodeURIComponent(JSON.stringify({ password: SECRET }));
    expect(scrub(`q=${echo} end`, [SECRET], { fields: false })).toBe('<REDACTED> end');
  });
});

describe('credential fields', () => {
  it('an empty value is masked too, so it does not show that the password is empty', () => {
    expect(scrub('{"password": "", "username": "taylor"}', [])).toBe(
      '{"password": "<REDACTED>", "username": "<REDACTED>"}',
    );
  });
});

describe('base64', () => {
  const SECRET = 'base64-canary-secret!';

  it('at each byte alignment inside a longer blob, with anything stuck to its front', () => {
    for (const before of ['', 'u', 'us', 'use']) {
      for (const glued of ['', 'token=', 'x']) {
        const blob = Buffer.from(`${before}${SECRET}:end of a longer message`).toString('base64');
        expect(scrub(`data ${glued}${blob} more`, [SECRET], { fields: false })).toBe('data <REDACTED> more');
      }
    }
  });

  it('with MIME line breaks, real or JSON-escaped', () => {
    const blob = Buffer.from(`${'lorem ipsum '.repeat(10)}${SECRET}${' dolor sit'.repeat(10)}`).toString('base64');
    const lines = blob.match(/.{1,76}/g) ?? [];
    for (const lineBreak of ['\r\n', '\n', '\\n', '\\r\\n']) {
      expect(scrub(`mail: ${lines.join(lineBreak)} --`, [SECRET], { fields: false })).toBe('mail: <REDACTED> --');
    }
  });

  it('inside a blob that is otherwise binary', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0x00, 0xfe, 0x81, 0x92]),
      Buffer.from(SECRET),
      Buffer.from([0xc3]),
    ]);
    expect(scrub(`bin ${bytes.toString('base64')} !`, [SECRET], { fields: false })).toBe('bin <REDACTED> !');
  });

  it('under three stacked layers: base64 of URL-encoded base64, base64 of base64 of base64', () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    for (const echo of [b64(encodeURIComponent(b64(`pw=${SECRET}`))), b64(b64(b64(`pw=${SECRET}`)))]) {
      expect(scrub(`x ${echo} y`, [SECRET], { fields: false })).toBe('x <REDACTED> y');
    }
  });
});

describe('the encodings of one character', () => {
  const SECRET = 'Ü-umlaut-secret';
  it.each([
    ['\\u00dc', `${uEscaped()('Ü')}-umlaut-secret`],
    ['\\u00DC', `${uEscaped(true)('Ü')}-umlaut-secret`],
    ['%C3%9C', `${percentEncoded()('Ü')}-umlaut-secret`],
    ['%25C3%259C', `${percentEncoded(1)('Ü')}-umlaut-secret`],
    ['%252525C3', `${percentEncoded(3)('Ü')}-umlaut-secret`],
    ['&#220;', '&#220;-umlaut-secret'],
    ['&#220 (no ;)', '&#220-umlaut-secret'],
    ['&#xdc;', '&#xdc;-umlaut-secret'],
    ['&#XDC (no ;)', '&#XDC-umlaut-secret'],
    ['&#00220; (leading zeros)', '&#00220;-umlaut-secret'],
  ])('%s', (_name, echo) => {
    expect(scrub(`(${echo})`, [SECRET], { fields: false })).toBe('(<REDACTED>)');
  });

  it('a surrogate pair as two \\u escapes, either case', () => {
    const SECRET = 'astral-😀-secret';
    expect(scrub('(astral-\\uD83D\\ude00-secret)', [SECRET], { fields: false })).toBe('(<REDACTED>)');
    expect(scrub('(astral-%F0%9F%98%80-secret)', [SECRET], { fields: false })).toBe('(<REDACTED>)');
    expect(scrub('(astral-&#128512;-secret)', [SECRET], { fields: false })).toBe('(<REDACTED>)');
  });

  it("YAML's doubled quote", () => {
    expect(scrub("'it''s-a-secret-pw'", ["it's-a-secret-pw"], { fields: false })).toBe("'<REDACTED>'");
  });

  it('line folds between any two characters', () => {
    const SECRET = 'folded-everywhere-secret';
    for (const every of [1, 2, 3, 5]) {
      expect(visibleWindows(scrub(`"${folded(every)(SECRET)}"`, [SECRET], { fields: false }), SECRET)).toEqual([]);
    }
  });
});
