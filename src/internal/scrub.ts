import { copyJson, REDACTED } from './copy-json.js';

/**
 * The SDK's one scrubber: hides secrets (the API key, bearer tokens, passwords) in text a server sent, before
 * that text is shaped (trimmed, collapsed, cut) into a message, a field, a log line or CLI output.
 *
 * A careless or hostile server may echo what it received in any encoding, so each secret is matched in its
 * raw form and in every form below, mixed freely character by character:
 * - JSON escapes, at any depth of escaping (`\"`, `\\\"`, `\u00fc` in either case, as Python writes by default);
 * - URL and form encoding (`%C3%BC`, `+` for a space);
 * - HTML entities (`&amp;`, `&#252;`, `&#xfc;`) and YAML's `''` for a quote;
 * - any run of white space in the secret as any run of white space (collapsed, or folded across lines);
 * - a line break escaped with `\` between two characters (YAML's folding of long double-quoted strings);
 * - base64 and base64url, of the secret alone or inside a longer encoded blob, at every byte alignment.
 *
 * Secrets shorter than {@link SHORT_SECRET} characters would hide pieces of ordinary words (a password `a`
 * would turn `already` into `<REDACTED>lre<REDACTED>dy`), so they are hidden only where they stand as a whole
 * token: not directly preceded or followed by a letter or digit. Usernames are not secrets here: they are
 * masked as whole field values (`username` in data, by {@link sanitize}; `"username": "…"` in echoed text),
 * as Immuta masks them, never blanked inside free text.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  const pattern = patternFor(secrets);
  const scrubbed = pattern ? text.replace(pattern, REDACTED) : text;
  return scrubbed.replace(CREDENTIAL_FIELD, (match: string, key: string, quote?: string, escapes?: string) => {
    // Keep the quotes, so echoed JSON still parses.
    if (quote !== undefined) return `${key}${quote}${REDACTED}${escapes ?? ''}"`;
    return match.charAt(key.length) === "'" ? `${key}'${REDACTED}'` : `${key}${REDACTED}`;
  });
}

/**
 * A credential written as a field in echoed text — `"username": "…"`, `password: …`, `token=…`, in JSON (at
 * any depth of escaping), YAML or form encoding — has its value masked whatever it is, as Immuta masks
 * credential fields. This is how usernames are hidden: as whole field values, never inside free text.
 */
const CREDENTIAL_FIELD =
  /(\\*["']?\b(?:username|password|token|api_?key)\\*["']?\s*[:=]\s*)(?:((\\*)")(?:(?!\3").)*\3"|'(?:[^']|'')*'|(?!<REDACTED>)[^\s,;&"'}\]]+)/giu;

/** Secrets shorter than this are matched only as whole tokens. */
export const SHORT_SECRET = 8;

/** Base64 pieces shorter than this would match ordinary text by chance. */
const MIN_BASE64_CORE = 6;

const FOLD = String.raw`(?:\\\r?\n[ \t]*)?`;
const WHITE_SPACE_RUN = String.raw`(?:\s|\\+[nrt]|\\+u00(?:20|0[9aAdD])|%(?:20|0[9aAdD])|\+|&#0*(?:32|9|10|13);|&#[xX]0*(?:20|[9aAdD]);|&nbsp;)+`;
const JSON_SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '/': '/',
  '\b': 'b',
  '\f': 'f',
  '\n': 'n',
  '\r': 'r',
  '\t': 't',
};
const HTML_NAMED: Readonly<Record<string, readonly string[]>> = {
  '&': ['&amp;'],
  '<': ['&lt;'],
  '>': ['&gt;'],
  '"': ['&quot;'],
  "'": ['&apos;', "''"],
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A hex number as a pattern that matches it in either case, with any leading zeros. */
function hex(value: number, width = 0): string {
  const digits = value.toString(16).padStart(width, '0');
  return [...digits].map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit)).join('');
}

/** Every way one character (a code point) may be written in an echo. */
function character(ch: string): string {
  const codePoint = ch.codePointAt(0) ?? 0;
  const units = [...Array(ch.length).keys()].map((i) => ch.charCodeAt(i));
  const alternatives = [
    escapeRegExp(ch),
    units.map((unit) => String.raw`\\+u${hex(unit, 4)}`).join(''),
    [...Buffer.from(ch, 'utf8')].map((byte) => `%${hex(byte, 2)}`).join(''),
    `&#0*${codePoint};`,
    `&#[xX]0*${hex(codePoint)};`,
    ...(HTML_NAMED[ch] ?? []).map(escapeRegExp),
  ];
  if (ch === '\\') alternatives[0] = String.raw`\\+`;
  const short = JSON_SHORT_ESCAPES[ch];
  if (short !== undefined) alternatives.push(String.raw`\\+${escapeRegExp(short)}`);
  return `(?:${alternatives.join('|')})`;
}

/** The secret in every textual encoding, characters joined by optional escaped line folds. */
function textual(secret: string): string {
  const parts: string[] = [];
  for (const run of secret.match(/\s+|\S/gu) ?? []) parts.push(/^\s/.test(run) ? WHITE_SPACE_RUN : character(run));
  const body = parts.join(FOLD);
  return secret.length < SHORT_SECRET ? String.raw`(?<![\p{L}\p{N}])(?:${body})(?![\p{L}\p{N}])` : body;
}

/**
 * The pieces of base64 that any encoding containing the secret's bytes must contain: for each of the three
 * byte alignments, the characters whose six bits all come from the secret. Line breaks (MIME wraps at 76)
 * may fall between them.
 */
function base64(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    if (core.length < MIN_BASE64_CORE) continue;
    for (const variant of new Set([core, core.replace(/\+/g, '-').replace(/\//g, '_')])) {
      cores.push([...variant].map(escapeRegExp).join(String.raw`(?:\r?\n)?`));
    }
  }
  return cores;
}

const cache = new Map<string, RegExp | undefined>();
const CACHE_LIMIT = 64;

function patternFor(secrets: readonly string[]): RegExp | undefined {
  const distinct = [...new Set(secrets.filter((secret) => typeof secret === 'string' && secret.trim() !== ''))];
  if (distinct.length === 0) return undefined;
  // Longer secrets first, so a secret that contains another is hidden whole.
  distinct.sort((a, b) => b.length - a.length);
  const key = distinct.join('\u0000');
  if (cache.has(key)) return cache.get(key);
  const pattern = new RegExp(distinct.flatMap((secret) => [textual(secret), ...base64(secret)]).join('|'), 'gu');
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, pattern);
  return pattern;
}

/**
 * A deep copy of data from the server that is about to go inside an error: every string scrubbed of the
 * secrets, and every credential field (`username`, `password`, `token`) masked, at any depth (past
 * {@link copyJson}'s depth limit a value is replaced by a note).
 */
export function sanitize<T>(value: T, secrets: readonly string[]): T {
  return copyJson(value, (text) => scrub(text, secrets)) as T;
}
