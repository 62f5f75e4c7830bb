/**
 * Sets of secrets: many at once, overlapping and nested, short ones only as whole tokens, look-alikes left
 * alone — and the cache of prepared sets never serving a stale one.
 */
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/index.js';
import { scrub, scrubAndCut } from '../../src/internal/scrub.js';
import { secretSetOf } from '../../src/internal/scrub/secret-set.js';
import { base64, jsonEscaped, visibleWindows } from './echoes.js';

/** Secrets of configuration as code: thousands, 20–60 characters, distinct. */
function manySecrets(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `cfg-${i.toString(36)}-${'x7Q!k%2&'.repeat(1 + (i % 7))}-${i}`);
}

describe('many secrets at once', () => {
  it('2,000 secrets, each echoed in a different encoding, are all hidden', () => {
    const secrets = manySecrets(2_000);
    const encodings = [(s: string) => s, jsonEscaped(1), encodeURIComponent, base64];
    const lines = secrets.map((secret, i) => `line ${i}: ${encodings[i % encodings.length]!(secret)} ok`);
    const scrubbed = scrub(lines.join('\n'), secrets, { fields: false });
    expect(scrubbed.split('\n')).toEqual(secrets.map((_, i) => `line ${i}: <REDACTED> ok`));
  });

  it('the order of the secrets does not matter, and duplicates are harmless', () => {
    const secrets = manySecrets(50);
    const text = `${secrets[10]} and ${secrets[40]}`;
    const reversed = [...secrets].reverse();
    expect(scrub(text, [...reversed, ...reversed], { fields: false })).toBe(scrub(text, secrets, { fields: false }));
    expect(scrub(text, secrets, { fields: false })).toBe('<REDACTED> and <REDACTED>');
  });
});

describe('overlapping and nested secrets', () => {
  it('two secrets that overlap in the text are hidden as one stretch', () => {
    expect(scrub('[alpha-bravo-charlie-delta]', ['alpha-bravo-charlie', 'charlie-delta'], { fields: false })).toBe(
      '[<REDACTED>]',
    );
  });

  it('a secret holding another is hidden whole, not around the inner one', () => {
    const inner = 'inner-secret-42';
    const outer = `prefix-${inner}-suffix`;
    expect(scrub(`a ${outer} b ${inner} c`, [inner, outer], { fields: false })).toBe('a <REDACTED> b <REDACTED> c');
    expect(scrub(`a ${outer} b`, [outer, inner], { fields: false })).toBe('a <REDACTED> b');
  });

  it('secrets sharing a long prefix are told apart', () => {
    const secrets = ['shared-prefix-0001-first', 'shared-prefix-0001-second', 'shared-prefix-0002'];
    expect(scrub('shared-prefix-0001-second, shared-prefix-0001-fir', secrets, { fields: false })).toBe(
      '<REDACTED>, shared-prefix-0001-fir',
    );
  });

  it('adjacent echoes of the same secret are all hidden', () => {
    expect(scrub('abcdefgh12abcdefgh12abcdefgh12', ['abcdefgh12'], { fields: false })).toBe('<REDACTED>');
  });
});

describe('short secrets (under 8 characters)', () => {
  it('are hidden only as a whole token, not inside words', () => {
    expect(redactSecrets('password a was refused; already exists', ['a'])).toBe(
      'password <REDACTED> was refused; already exists',
    );
    expect(redactSecrets('key=abc1234, not xabc1234 nor abc1234y', ['abc1234'])).toBe(
      'key=<REDACTED>, not xabc1234 nor abc1234y',
    );
  });

  it('a letter or digit in any script counts as part of a word', () => {
    expect(scrub('éabc1234 abc1234ü 𝐀abc1234 abc1234😀', ['abc1234'], { fields: false })).toBe(
      'éabc1234 abc1234ü 𝐀abc1234 <REDACTED>😀',
    );
  });

  it('in an encoding, the neighbours that count are the decoded ones', () => {
    expect(scrub('"pw\\nabc1234\\n"', ['abc1234'], { fields: false })).toBe('"pw\\n<REDACTED>\\n"');
    expect(scrub('%41abc1234', ['abc1234'], { fields: false })).toBe('%41abc1234');
  });

  it('not inside what ordinary words decode to, read as base64', () => {
    // Some decoding of `payload` holds the byte `k`: a short secret there would blank the word.
    const line = 'payload: sent as given, without checks, what this SDK does not model: config.accessKeyId';
    expect(scrub(line, ['k', 'a', 'pw'])).toBe(line);
  });

  it('but in a long blob that decodes to text holding them, the blob goes', () => {
    const blob = Buffer.from('the key k was refused by the server').toString('base64');
    expect(scrub(`data ${blob} end`, ['k'])).toBe('data <REDACTED> end');
  });

  it('ending in an open escape (`%4`), are not looked for cut short', () => {
    expect(scrub('x marks the spot: x, &#x; x%4', ['x%4'])).toBe('x marks the spot: x, &#x; <REDACTED>');
  });

  it('a long secret whose decoded form is short counts as short there', () => {
    // `%41%42%43` decodes to `ABC`: found as a whole token, not inside `xABCx`.
    expect(scrub('xABCx ABC', ['%41%42%43'], { fields: false })).toBe('xABCx <REDACTED>');
  });
});

describe('what merely resembles a secret is left alone', () => {
  const SECRET = 'Tr0ub4dor&3-horse';

  it.each([
    ['one character short', 'Tr0ub4dor&3-hors'],
    ['one character different', 'Tr0ub4dor&3-horze'],
    ['its case changed', 'TR0UB4DOR&3-HORSE'],
    ['split by a visible character', 'Tr0ub4dor&3-ho.rse'],
    ['its base64 cut short', Buffer.from(SECRET).toString('base64').slice(0, 12)],
  ])('%s', (_name, text) => {
    expect(scrub(`say ${text} end`, [SECRET], { fields: false })).toBe(`say ${text} end`);
  });

  it('ordinary messages keep every character', () => {
    const message = 'Redshift integration already exists on host.example (id = 7). Database immuta is taken.';
    expect(scrub(message, ['immuta-password-1', 'a', 'Database immuta is'.slice(0, 3)])).toBe(message);
  });
});

describe('the cache of prepared secret sets', () => {
  it('serves the same set for the same secrets, in any order or array', () => {
    const secrets = ['cache-secret-one', 'cache-secret-two'];
    expect(secretSetOf(secrets)).toBe(secretSetOf([...secrets].reverse()));
  });

  it('never serves a stale set for an array changed in place', () => {
    const secrets = ['first-secret-value'];
    expect(scrub('first-secret-value second-secret-value', secrets)).toBe('<REDACTED> second-secret-value');
    secrets[0] = 'second-secret-value';
    expect(scrub('first-secret-value second-secret-value', secrets)).toBe('first-secret-value <REDACTED>');
    secrets.push('first-secret-value');
    expect(scrub('first-secret-value second-secret-value', secrets)).toBe('<REDACTED> <REDACTED>');
  });

  it('keeps the 16 sets used last, so thousands of different sets cannot pile up', () => {
    const setOf = (i: number) => secretSetOf([`bounded-cache-secret-${i}`]);
    const first = setOf(0);
    for (let i = 1; i <= 16; i += 1) setOf(i);
    expect(setOf(16)).toBe(setOf(16));
    expect(setOf(0)).not.toBe(first);
  });

  it('ignores what is not a secret: empty, blank, not a string', () => {
    expect(secretSetOf(['', '  ', 5 as unknown as string, null as unknown as string])).toBeUndefined();
    expect(scrub('nothing to hide', ['', ' '])).toBe('nothing to hide');
  });
});

describe('scrubAndCut', () => {
  it('cuts after scrubbing, so a secret across the cut leaks no prefix', () => {
    const SECRET = 'straddle-canary-password-0c9b';
    const text = `${'x'.repeat(90)}${SECRET} and more`;
    expect(scrubAndCut(text, [SECRET], 100)).toBe(`${'x'.repeat(90)}<REDACTED>…`);
  });

  it('a huge text: only a bounded prefix is scrubbed, and an echo cut by the bound shows nothing', () => {
    const token = Array.from({ length: 1500 }, (_, i) => `t${(i * 7919).toString(36).padStart(8, '0')}`).join('');
    // \u-escaped: 6 characters per character of the token, 81,000 in all.
    const echo = [...token].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    for (const before of [0, 1_000, 30_000, 60_000, 66_000, 100_000, 300_000, 450_000, 500_000]) {
      const text = `${'z'.repeat(before)} token ${echo} ${'y'.repeat(20_000_000)}`;
      const shown = scrubAndCut(text, [token], 2_000);
      expect(shown.startsWith(before > 0 ? 'zzz' : ' token <REDACTED>')).toBe(true);
      expect(visibleWindows(shown, token)).toEqual([]);
      expect(visibleWindows(shown, echo, 24)).toEqual([]);
    }
  });
});
