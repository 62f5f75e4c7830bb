/**
 * How a careless or hostile server may echo a secret, for the scrubber's tests: every encoding of
 * docs/reliability.md's rule 3, whole or character by character, and a check that nothing of a secret is
 * left visible.
 */

/** An encoding: the secret as it would appear in an echo. */
export type Echo = (secret: string) => string;

const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');

/** Each UTF-16 unit as `\uXXXX`, lower- or upper-case hex. */
export const uEscaped =
  (upper = false): Echo =>
  (secret) =>
    [...Array(secret.length).keys()]
      .map((i) => `\\u${upper ? hex(secret.charCodeAt(i), 4).toUpperCase() : hex(secret.charCodeAt(i), 4)}`)
      .join('');

/** As JSON string content, escaped `levels` times (a JSON string inside a JSON string …). */
export const jsonEscaped =
  (levels = 1): Echo =>
  (secret) => {
    let out = secret;
    for (let level = 0; level < levels; level += 1) out = JSON.stringify(out).slice(1, -1);
    return out;
  };

/** Python's `json.dumps` default: non-ASCII as `\u00fc`. */
export const asciiJson: Echo = (secret) =>
  JSON.stringify(secret)
    .slice(1, -1)
    .replace(/[^\x20-\x7e]/g, (unit) => `\\u${hex(unit.charCodeAt(0), 4)}`);

/** Each UTF-8 byte as `%XX`, with `25` repeated `stacks` more times (`%2541` is a doubly encoded `A`). */
export const percentEncoded =
  (stacks = 0): Echo =>
  (secret) =>
    [...Buffer.from(secret, 'utf8')].map((byte) => `%${'25'.repeat(stacks)}${hex(byte, 2).toUpperCase()}`).join('');

/** Each code point as `&#…;` or `&#x…;`, the `;` optional. */
export const numericEntities =
  (base: 10 | 16, semicolon = true): Echo =>
  (secret) =>
    [...secret]
      .map((character) => {
        const code = character.codePointAt(0) ?? 0;
        return `&#${base === 16 ? `x${code.toString(16)}` : code}${semicolon ? ';' : ''}`;
      })
      .join('');

export const htmlEscaped: Echo = (secret) =>
  secret
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

export const yamlSingleQuoted: Echo = (secret) => secret.replace(/'/g, "''");

export const base64: Echo = (secret) => Buffer.from(secret).toString('base64');
export const base64url: Echo = (secret) => Buffer.from(secret).toString('base64url');

/** Base64 of a longer blob holding the secret after `before` characters, so at each byte alignment. */
export const base64InBlob =
  (before: string): Echo =>
  (secret) =>
    Buffer.from(`${before}${secret}:end`).toString('base64');

/** Base64 wrapped as MIME does, 76 characters a line. */
export const mimeBase64: Echo = (secret) =>
  (
    Buffer.from(secret)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');

/** Every run of white space in the secret as another kind of white space (or an escape of one). */
export const whitespaceAs =
  (replacement: string): Echo =>
  (secret) =>
    secret.replace(/\s+/g, replacement);

/**
 * As YAML writes a long double-quoted string: JSON-like escapes, and a `\`-escaped line fold every `every`
 * characters — between escapes, never next to white space (YAML would write that space as `\ `).
 */
export const folded =
  (every = 7): Echo =>
  (secret) => {
    const pieces = jsonEscaped(1)(secret).match(/\\u[0-9a-fA-F]{4}|\\.|[^\\]/gu) ?? [];
    return pieces
      .map((piece, i) => {
        const next = pieces[i + 1];
        const fold = i % every === every - 1 && next !== undefined && !/\s/.test(piece) && !/\s/.test(next);
        return fold ? `${piece}\\\n    ` : piece;
      })
      .join('');
  };

/** The ways one character may be written, for echoes that mix encodings character by character. */
export const characterEncodings: readonly Echo[] = [
  (character) => character,
  uEscaped(),
  uEscaped(true),
  percentEncoded(),
  percentEncoded(1),
  numericEntities(10),
  numericEntities(16),
  htmlEscaped,
  jsonEscaped(1),
  jsonEscaped(2),
];

/**
 * The secret with each character written its own way: `choose(i)` picks the encoding of the i-th. A
 * backslash is never left raw (no encoder does that): before the next character's own `\u0041` it would
 * read as one more level of escaping.
 */
export function mixed(secret: string, choose: (index: number) => number): string {
  return [...secret]
    .map((character, i) => {
      const written = characterEncodings[choose(i) % characterEncodings.length]!(character);
      return written === '\\' ? '\\\\' : written;
    })
    .join('');
}

/** The encodings of rule 3, by name: each must be hidden whole. */
export const ECHOES: Readonly<Record<string, Echo>> = {
  raw: (secret) => secret,
  'JSON-escaped': jsonEscaped(1),
  'JSON-escaped twice': jsonEscaped(2),
  'JSON-escaped three times': jsonEscaped(3),
  'JSON-escaped four times': jsonEscaped(4),
  'JSON, non-ASCII as \\u00fc': asciiJson,
  'every unit \\u-escaped': uEscaped(),
  'every unit \\U-escaped (upper-case hex)': uEscaped(true),
  'URL-encoded': encodeURIComponent,
  'URL-encoded twice': (secret) => encodeURIComponent(encodeURIComponent(secret)),
  'form-encoded': (secret) => new URLSearchParams({ p: secret }).toString().slice(2),
  'every byte %-encoded, stacked three times': percentEncoded(3),
  'HTML-escaped': htmlEscaped,
  'decimal entities': numericEntities(10),
  'decimal entities without ;': numericEntities(10, false),
  'hex entities': numericEntities(16),
  'hex entities without ;': numericEntities(16, false),
  "YAML's ''": yamlSingleQuoted,
  'line folds': folded(),
  base64,
  base64url,
  'base64 in a blob, 1 byte before': base64InBlob('u'),
  'base64 in a blob, 2 bytes before': base64InBlob('us'),
  'base64 in a blob, 3 bytes before': base64InBlob('use'),
  'MIME base64': mimeBase64,
  'URL-encoded base64': (secret) => encodeURIComponent(base64(secret)),
  'base64 of URL-encoding': (secret) => base64(encodeURIComponent(secret)),
  'base64 of JSON-escaping': (secret) => base64(`{"password":"${jsonEscaped(1)(secret)}"}`),
  'base64 with \\/ for /': (secret) => base64(`??>${secret}???`).replace(/\//g, '\\/'),
};

/** The `width`-character windows of `secret` still visible in `text` (none, when it was hidden whole). */
export function visibleWindows(text: string, secret: string, width = 8): string[] {
  const out = new Set<string>();
  for (let at = 0; at + width <= secret.length; at += 1) {
    const window = secret.slice(at, at + width);
    if (text.includes(window)) out.add(window);
  }
  return [...out];
}
