/**
 * The 0.2 baseline: `src/internal/scrub.ts` (and `copy-json.ts`, which it imports) as released in 0.2.0,
 * frozen here so `bench/scrub.ts` can show the new engine side by side with the old one. Not used by the
 * SDK; do not fix anything in it — its defects (long secrets leaking their tail, seconds of work for a long
 * token) are the point of the comparison.
 */

/**
 * The SDK's one scrubber: hides secrets (the API key, bearer tokens, passwords) in text a server sent, before
 * that text is shaped (trimmed, collapsed, cut) into a message, a field, a log line or CLI output.
 *
 * A careless or hostile server may echo what it received in any encoding, so:
 * 1. Invisible characters (C0 and C1 controls but tab and line breaks, zero-width characters, soft hyphens,
 *    byte-order marks) are removed first: interleaved with a secret they would hide it from a pattern.
 * 2. Each secret (its surrounding white space trimmed) is matched in its raw form and, character by
 *    character and in any mix: JSON-escaped at up to four levels of escaping (`\"`, `\\\"`, `\u00fc` in either
 *    case); URL- and form-encoded (`%C3%BC`, `+`); as HTML entities (`&amp;`, `&#252;`, `&#xfc;`, with or
 *    without the `;`) and YAML's `''`; any run of white space in it as any run of white space (collapsed, or
 *    folded across lines); a `\`-escaped line break between two characters (YAML's long double-quoted
 *    strings); and in base64 and base64url, alone or inside a longer blob, at every byte alignment.
 * 3. Encodings stacked on one another — base64 of URL-encoded text, URL-encoded base64, double URL-encoding,
 *    `\/` in base64 — are caught by decoding: a run of such characters that decodes (up to three layers) to
 *    text holding a secret is hidden whole.
 * 4. The value of a credential field written in the text — `"password": "…"`, `username: …`, `token=…`,
 *    `<username>…</username>`, `&quot;username&quot;: &quot;…&quot;`, `%22username%22%3A%22…%22` — is masked
 *    whatever it is. This is how usernames are hidden: as whole field values, never inside free text.
 *
 * Secrets shorter than {@link SHORT_SECRET} characters would hide pieces of ordinary words (a password `a`
 * would turn `already` into `<REDACTED>lre<REDACTED>dy`), so they are matched only as a whole token, not
 * directly preceded or followed by a letter or digit. Long secrets (bearer tokens) are matched piece by
 * piece, so every piece of any echo of them is hidden. Every pattern is linear: no input, however hostile
 * (a megabyte of backslashes), makes scrubbing slow.
 */
export function scrub(text: string, secrets: readonly string[], { fields = true }: ScrubOptions = {}): string {
  return scrubLayers(String(text).replace(INVISIBLE, ''), usable(secrets), 0, fields);
}

/** How much to hide. */
export interface ScrubOptions {
  /**
   * Whether the values of credential fields written in the text (rule 4) are masked too. On (the default) for
   * text a server sent; off for text that also holds the SDK's own words, where `config.password: is required`
   * is a message, not a field (the CLI's output: what the server said in it was scrubbed already).
   */
  fields?: boolean;
}

/**
 * Scrub first, then cut: the first `max` characters of the scrubbed text, safely. Scrubs only a bounded
 * prefix of a huge text (so a hostile 30 MB status costs nothing), and drops the tail of that prefix where
 * a secret cut in half by the bound could still show.
 */
export function scrubAndCut(text: string, secrets: readonly string[], max: number): string {
  const raw = String(text);
  const bound = max + SCAN_MARGIN;
  const scrubbed =
    raw.length <= bound ? scrub(raw, secrets) : scrub(raw.slice(0, bound), secrets).slice(0, -tailMargin(secrets));
  return scrubbed.length > max ? `${scrubbed.slice(0, max)}…` : scrubbed;
}

/** Secrets shorter than this are matched only as whole tokens. */
const SHORT_SECRET = 8;

/** Base64 pieces shorter than this would match ordinary text by chance. */
const MIN_BASE64_CORE = 6;
/** Secrets longer than this are matched as pieces of this length (the last piece overlapping). */
const PIECE = 48;
/** The most backslashes one escape may carry: four levels of JSON in JSON (1, 3, 7, 15). */
const BACKSLASHES = String.raw`\\{1,15}`;
/** How far past a cut the scrubber reads, so a secret across the cut is still recognized. */
const SCAN_MARGIN = 64 * 1024;

// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g;

const FOLD = String.raw`(?:\\\r?\n[ \t]*)?`;
const WHITE_SPACE_RUN = String.raw`(?:\s|${BACKSLASHES}[nrt]|${BACKSLASHES}u00(?:20|0[9aAdD])|%(?:20|0[9aAdD])|\+|&#0*(?:32|9|10|13);?|&#[xX]0*(?:20|[9aAdD]);?|&nbsp;?)+`;
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

function usable(secrets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string') continue;
    const trimmed = secret.replace(INVISIBLE, '').trim();
    if (trimmed !== '') out.add(trimmed);
  }
  return [...out];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A hex number as a pattern that matches it in either case. */
function hex(value: number, width = 0): string {
  const digits = value.toString(16).padStart(width, '0');
  return [...digits].map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit)).join('');
}

/** Every way one character (a code point) may be written in an echo. */
function character(ch: string): string {
  const codePoint = ch.codePointAt(0) ?? 0;
  const units = [...Array(ch.length).keys()].map((i) => ch.charCodeAt(i));
  const alternatives = [
    ch === '\\' ? BACKSLASHES : escapeRegExp(ch),
    units.map((unit) => `${BACKSLASHES}u${hex(unit, 4)}`).join(''),
    // Percent-encoding, repeated up to four times (`%23`, `%2523`, …).
    [...Buffer.from(ch, 'utf8')].map((byte) => `%(?:25){0,3}${hex(byte, 2)}`).join(''),
    `&#0*${codePoint};?`,
    `&#[xX]0*${hex(codePoint)};?`,
    ...(HTML_NAMED[ch] ?? []).map(escapeRegExp),
  ];
  const short = JSON_SHORT_ESCAPES[ch];
  if (short !== undefined) alternatives.push(`${BACKSLASHES}${escapeRegExp(short)}`);
  return `(?:${alternatives.join('|')})`;
}

/** The secret in every textual encoding, characters joined by optional escaped line folds. */
function textual(secret: string, whole: boolean): string {
  const parts: string[] = [];
  for (const run of secret.match(/\s+|\S/gu) ?? []) parts.push(/^\s/.test(run) ? WHITE_SPACE_RUN : character(run));
  const body = parts.join(FOLD);
  return whole ? String.raw`(?<![\p{L}\p{N}])(?:${body})(?![\p{L}\p{N}])` : body;
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

/** A long secret as overlapping-free pieces covering all of it (the last one reaching its end). */
function pieces(secret: string): string[] {
  const chars = [...secret];
  if (chars.length <= PIECE) return [secret];
  const out: string[] = [];
  for (let start = 0; start < chars.length; start += PIECE) {
    out.push(chars.slice(Math.min(start, chars.length - PIECE), start + PIECE).join(''));
  }
  return out;
}

/** A secret's raw, JSON-escaped, URL-encoded and base64 forms, as plain strings. */
function literalForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...new Set(forms)].filter((form) => form.length >= SHORT_SECRET).sort((a, b) => b.length - a.length);
}

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 256;

/** The pattern of one secret (or one piece of a long one), compiled once. */
function patternOf(secret: string): RegExp {
  const cached = cache.get(secret);
  if (cached) return cached;
  const whole = [...secret].length < SHORT_SECRET;
  const pattern = new RegExp([textual(secret, whole), ...base64(secret)].join('|'), 'gu');
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(secret, pattern);
  return pattern;
}

/** How much of the end of a cut prefix may hold part of a secret: the longest any encoding of one gets. */
function tailMargin(secrets: readonly string[]): number {
  return Math.max(64, ...usable(secrets).map((secret) => Math.min(secret.length, PIECE) * 24 + 64));
}

/**
 * A run of characters that may be an encoding stacked on another: base64 or base64url (with `\/` or
 * `%2F` for `/`), percent-encoding (of anything, doubled too).
 */
const ENCODED_RUN = /(?:[A-Za-z0-9+/=_-]|\\\/|%[0-9A-Fa-f]{2}){16,}/g;

/** The texts a run may stand for, one decoding layer deep each, up to three layers. */
function decodings(run: string): string[] {
  const out: string[] = [];
  let layer = [run];
  for (let depth = 0; depth < 3 && layer.length > 0; depth += 1) {
    const next: string[] = [];
    for (const text of layer) {
      const unslashed = text.replace(/\\\//g, '/');
      if (/%[0-9A-Fa-f]{2}/.test(unslashed)) {
        try {
          next.push(decodeURIComponent(unslashed.replace(/\+/g, ' ')));
        } catch {
          // not valid percent-encoding: nothing to decode
        }
      }
      const compact = unslashed.replace(/%3[dD]/g, '=');
      if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact) && compact.length % 4 !== 1) {
        const decoded = Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
        // Only text: random bytes decoded as UTF-8 are full of replacement characters.
        if (decoded.length > 0 && !decoded.includes('\ufffd')) next.push(decoded);
      }
    }
    out.push(...next);
    layer = next;
  }
  return out;
}

/**
 * The value of a credential field written in text, whatever it is: JSON or YAML (`"password": "…"`, at up
 * to four levels of escaping; `password: …`), form data (`password=…`), XML (`<password>…</password>`),
 * JSON in HTML (`&quot;password&quot;: &quot;…&quot;`) and URL-encoded JSON (`%22password%22%3A%22…%22`).
 * Every quantifier is bounded, so the patterns stay linear on any input.
 */
const FIELD_NAME = String.raw`(?:user_?name|password|passwd|secret|token|api_?key)`;
const CREDENTIAL_FIELDS: readonly { pattern: RegExp; mask: (match: string, ...groups: string[]) => string }[] = [
  {
    // "key": "value" (any escaping depth), 'key': 'value', key: value, key=value
    pattern: new RegExp(
      String.raw`(\b${FIELD_NAME}(?:\\{0,15}["'])?[ \t]{0,16}[:=][ \t]{0,16})(?:(\\{0,15}")(?:(?!\\{0,15}").){0,4096}\\{0,15}"|'(?:[^'\n]|''){0,4096}'|(?!<REDACTED>)[^\s,;&"'}\]<]{1,4096})`,
      'giu',
    ),
    mask: (match, key = '', quote) => {
      // Keep the quotes, so echoed JSON still parses.
      if (quote !== undefined) return `${key}${quote}${REDACTED}${quote}`;
      return match.charAt(key.length) === "'" ? `${key}'${REDACTED}'` : `${key}${REDACTED}`;
    },
  },
  {
    pattern: new RegExp(String.raw`(<(${FIELD_NAME})>)[^<]{1,4096}(<\/\2>)`, 'giu'),
    mask: (_match, open = '', _name, close = '') => `${open}${REDACTED}${close}`,
  },
  {
    pattern: new RegExp(
      String.raw`(&quot;${FIELD_NAME}&quot;[ \t]{0,16}:[ \t]{0,16}&quot;)(?:(?!&quot;).){0,4096}(&quot;)`,
      'giu',
    ),
    mask: (_match, open = '', close = '') => `${open}${REDACTED}${close}`,
  },
  {
    pattern: new RegExp(
      String.raw`(%22${FIELD_NAME}%22(?:%20){0,16}%3A(?:%20){0,16}%22)(?:(?!%22).){0,4096}(%22)`,
      'giu',
    ),
    mask: (_match, open = '', close = '') => `${open}${REDACTED}${close}`,
  },
];

function scrubLayers(text: string, secrets: readonly string[], depth: number, fields = true): string {
  let out = text;
  // Stacked encodings first, so a blob that hides a secret goes whole rather than piece by piece.
  if (depth < 2 && secrets.length > 0) {
    out = out.replace(ENCODED_RUN, (run) =>
      decodings(run).some((decoded) => scrubLayers(decoded, secrets, depth + 1) !== decoded) ? REDACTED : run,
    );
  }
  // Longer secrets first, so a secret that contains another is hidden whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if ([...secret].length > PIECE) {
      // A long secret's common forms, whole, by plain search: its pieces alone could leave a remainder of a
      // secret that repeats itself.
      for (const form of literalForms(secret)) out = out.split(form).join(REDACTED);
    }
    for (const piece of pieces(secret)) out = out.replace(patternOf(piece), REDACTED);
  }
  if (fields) for (const { pattern, mask } of CREDENTIAL_FIELDS) out = out.replace(pattern, mask as never);
  return out;
}

/**
 * A deep copy of data from the server that is about to go inside an error: every string (and every key)
 * scrubbed of the secrets and cut to a readable length, and every credential field masked, at any depth
 * (past {@link copyJson}'s depth limit a value is replaced by a note).
 */
export function sanitize<T>(value: T, secrets: readonly string[]): T {
  return copyJson(value, (text) => scrubAndCut(text, secrets, 4096)) as T;
}

// ---- src/internal/copy-json.ts (0.2), inlined ----

/** What this SDK prints wherever it hides a secret: Immuta's own marker. */
export const REDACTED = '<REDACTED>';

/**
 * Fields whose string values are credentials, wherever they appear and however they are cased: masked in
 * every copy made for display (`username`, `userName`, `password`, `okta.password`, `token`, `apiKey`, any
 * `…secret…` or `…password…`).
 */
const CREDENTIAL_FIELD =
  /^(?:user_?name|login|api_?key|(?:access_?|bearer_?|auth_?|refresh_?)?token)$|password|passwd|secret/i;

/** Deeper than this, a value is replaced by a note: nothing real is that deep, and recursion must stay bounded. */
const MAX_DEPTH = 64;
const TOO_DEEP = '[nested too deeply]';

/**
 * @internal A deep copy of JSON-like data with every credential field masked and every other string (keys
 * included) passed through `text`. Bounded: beyond {@link MAX_DEPTH} levels (or in a cycle) the value becomes {@link TOO_DEEP},
 * so no input can overflow the stack.
 */
export function copyJson(value: unknown, text: (value: string) => string = (same) => same, depth = 0): unknown {
  if (typeof value === 'string') return text(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => copyJson(item, text, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    // Keys go through `text` too: a hostile server may put a secret in a key.
    out[text(key)] =
      CREDENTIAL_FIELD.test(key) && typeof field === 'string' ? REDACTED : copyJson(field, text, depth + 1);
  }
  return out;
}
