/**
 * A secret of any length is hidden whole, in every form, with nothing of its tail left visible. (The 0.2
 * scrubber matched secrets over 48 characters in 48-character pieces, and left up to 47 characters of
 * their end in sight.)
 */
import { stringify as toYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/index.js';
import { scrub } from '../../src/internal/scrub.js';
import { asciiJson, base64, jsonEscaped, visibleWindows, whitespaceAs } from './echoes.js';

const PASSPHRASE = 'correct horse battery staple mountain river ocean sunshine galaxy quantum twelve tiger';

describe('a long passphrase', () => {
  it('echoed with its spaces doubled is hidden to its last word', () => {
    expect(redactSecrets(`pw=${PASSPHRASE.replace(/ /g, '  ')}`, [PASSPHRASE])).toBe('pw=<REDACTED>');
  });

  it('echoed as YAML, folded across lines, is hidden whole (credential fields aside)', () => {
    const echo = toYaml({ received: { passphrase: PASSPHRASE } });
    expect(echo).toContain('\n'); // the YAML library folds it after "galaxy"
    expect(echo).toMatch(/galaxy\n/);
    const scrubbed = redactSecrets(echo, [PASSPHRASE], { credentialFields: false });
    expect(scrubbed).toBe('received:\n  passphrase: <REDACTED>\n');
  });

  it('echoed as a double-quoted YAML string folded inside a word is hidden whole', () => {
    const secret = `${'unbroken-'.repeat(12)}end`;
    const echo = toYaml({ secret }, { defaultStringType: 'QUOTE_DOUBLE' });
    expect(echo).toContain('\\\n'); // folded with an escaped line break
    expect(visibleWindows(scrub(echo, [secret], { fields: false }), secret)).toEqual([]);
  });
});

describe('a repetitive password', () => {
  const REPETITIVE = 'staple battery staple battery staple battery staple battery staple battery staple';

  it('is hidden whole, however its repetitions line up with the text', () => {
    for (const echo of [REPETITIVE, REPETITIVE.replace(/ /g, '  '), `staple battery ${REPETITIVE}`]) {
      const scrubbed = redactSecrets(`pw=${echo} end`, [REPETITIVE]);
      expect(scrubbed).toMatch(/^pw=(?:staple battery )?<REDACTED> end$/);
      expect(scrubbed).not.toContain('ry staple');
    }
  });

  it('made of one character repeated is hidden whole too', () => {
    const secret = 'a'.repeat(100);
    expect(redactSecrets(`<${'a'.repeat(250)}>`, [secret])).toBe('<<REDACTED>>');
  });
});

describe('secrets of 1 KB and 15 KB (bearer tokens)', () => {
  const tokens = {
    '1 KB': `eyJhbGciOiJIUzI1NiJ9.${'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo'.repeat(28)}.sig-1024`,
    '15 KB': Array.from({ length: 1500 }, (_, i) => `tok${(i * 7919).toString(36).padStart(6, '0')}-`).join(''),
  };
  const phrase = (words: number) =>
    Array.from({ length: words }, (_, i) => ['alpha', 'bravo', 'charlie', 'delta'][i % 4]).join(' ');
  const passphrases = { '1 KB': phrase(180), '15 KB': phrase(2600) };

  const forms: [string, (secret: string) => string][] = [
    ['raw', (secret) => secret],
    ['JSON-escaped', jsonEscaped(1)],
    ['JSON-escaped twice, \\u for non-ASCII', (secret) => jsonEscaped(1)(asciiJson(secret))],
    ['URL-encoded', encodeURIComponent],
    ['base64', base64],
  ];

  for (const [size, token] of Object.entries(tokens)) {
    it.each(forms)(`a ${size} token, %s, leaves no 8-character window`, (_form, encode) => {
      const scrubbed = scrub(`Authorization: Bearer ${encode(token)} was refused`, [token], { fields: false });
      expect(scrubbed).toBe('Authorization: Bearer <REDACTED> was refused');
      expect(visibleWindows(scrubbed, token)).toEqual([]);
    });
  }

  for (const [size, passphrase] of Object.entries(passphrases)) {
    it(`a ${size} passphrase with its white space collapsed or changed leaves nothing`, () => {
      for (const echo of [
        whitespaceAs(' ')(passphrase),
        whitespaceAs('\n   ')(passphrase),
        whitespaceAs('%20')(passphrase),
        whitespaceAs('+')(passphrase),
      ]) {
        expect(scrub(`said: ${echo}.`, [passphrase], { fields: false })).toBe('said: <REDACTED>.');
      }
    });
  }
});
