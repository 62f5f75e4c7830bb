/**
 * Runs of encoded characters — base64, base64url (with `\/` for `/`), percent-encoding of anything — and
 * what one layer of decoding makes of them. A secret in base64, alone or inside a longer blob, at any byte
 * alignment, is found by decoding the run and reading what it decodes to; so are encodings stacked on one
 * another, one layer at a time.
 */

/** How each UTF-16 unit takes part in a run: not at all, as a base64 character, or as the start of `\/`, `%XX` or a line break. */
const OUTSIDE = 0;
const BASE64 = 1;
const BACKSLASH = 2;
const PERCENT = 3;
const LINE_BREAK = 4;
const RUN_KIND = new Uint8Array(0x10000);
for (const unit of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-') {
  RUN_KIND[unit.charCodeAt(0)] = BASE64;
}
RUN_KIND[0x5c] = BACKSLASH;
RUN_KIND[0x25] = PERCENT;
RUN_KIND[0x0a] = LINE_BREAK;
RUN_KIND[0x0d] = LINE_BREAK;

/** A MIME line break inside a run is only taken as one after this many run characters on the line. */
const LINE_BEFORE_BREAK = 16;

function isHex(unit: number): boolean {
  return (unit >= 0x30 && unit <= 0x39) || ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x66);
}

/** How many characters of `text` at `at` are one character of a run: 1, 2 (`\/`), 3 (`%2F`), or 0. */
function runPiece(text: string, at: number): number {
  const kind = RUN_KIND[text.charCodeAt(at)] ?? OUTSIDE;
  if (kind === BASE64) return 1;
  if (kind === BACKSLASH) return text.charCodeAt(at + 1) === 0x2f ? 2 : 0;
  if (kind === PERCENT) return isHex(text.charCodeAt(at + 1)) && isHex(text.charCodeAt(at + 2)) ? 3 : 0;
  return 0;
}

/** How many characters of `text` at `at` are a line break, real or JSON-escaped (`\n`, `\r\n`), or 0. */
function lineBreak(text: string, at: number): number {
  if (text.startsWith('\r\n', at) || text.startsWith('\\n', at)) return 2;
  if (text.startsWith('\\r\\n', at)) return 4;
  return text.charCodeAt(at) === 0x0a ? 1 : 0;
}

/**
 * Every maximal run of at least `minLength` characters, as flat `[start, end, …]`; line breaks are part of a
 * run where a long line of it goes on after them (MIME wraps base64 at 76). One pass, linear in the text.
 */
export function findRuns(text: string, minLength: number): number[] {
  const runs: number[] = [];
  const length = text.length;
  let start = -1;
  let line = 0;
  for (let at = 0; at < length;) {
    const kind = RUN_KIND[text.charCodeAt(at)] ?? OUTSIDE;
    if (kind === BASE64) {
      if (start < 0) {
        start = at;
        line = 0;
      }
      line += 1;
      at += 1;
      continue;
    }
    if (kind !== OUTSIDE) {
      const piece = runPiece(text, at);
      if (piece > 0) {
        if (start < 0) {
          start = at;
          line = 0;
        }
        line += 1;
        at += piece;
        continue;
      }
      const linebreak = start >= 0 && line >= LINE_BEFORE_BREAK ? lineBreak(text, at) : 0;
      if (linebreak > 0 && runPiece(text, at + linebreak) > 0) {
        line = 0;
        at += linebreak;
        continue;
      }
    }
    if (start >= 0 && at - start >= minLength) runs.push(start, at);
    start = -1;
    at += 1;
  }
  if (start >= 0 && length - start >= minLength) runs.push(start, length);
  return runs;
}

function hexDigit(unit: number): number {
  return unit <= 0x39 ? unit - 0x30 : (unit | 0x20) - 0x61 + 10;
}

/** Percent-decoding, lenient: each `%XX` a byte, every other character as it is (runs are ASCII). */
function percentDecoded(run: string): Uint8Array {
  const bytes = Buffer.allocUnsafe(run.length);
  let length = 0;
  for (let at = 0; at < run.length; at += 1) {
    const unit = run.charCodeAt(at);
    if (unit === 0x25 && isHex(run.charCodeAt(at + 1)) && isHex(run.charCodeAt(at + 2))) {
      bytes[length++] = hexDigit(run.charCodeAt(at + 1)) * 16 + hexDigit(run.charCodeAt(at + 2));
      at += 2;
    } else {
      bytes[length++] = unit;
    }
  }
  return bytes.subarray(0, length);
}

/** What `%XX` stands for in URL-encoded base64, by its hex digits, upper-case. */
const PERCENT_BASE64: Readonly<Record<string, string>> = { '2B': '+', '2F': '/', '3D': '=' };

/** A run's base64 characters: `\/` and `%2F` as `/`, `%2B` as `+`, `%3D` as `=`, line breaks gone. One pass. */
function base64Of(run: string): string {
  let out = '';
  let kept = 0;
  for (let at = 0; at < run.length; at += 1) {
    const unit = run.charCodeAt(at);
    let skip = 0;
    let instead = '';
    if (unit === 0x5c) {
      const next = run.charCodeAt(at + 1);
      if (next === 0x2f) [skip, instead] = [2, '/'];
      else if (next === 0x6e) skip = 2;
      else if (next === 0x72 && run.startsWith('\\n', at + 2)) skip = 4;
    } else if (unit === 0x0a || unit === 0x0d) {
      skip = 1;
    } else if (unit === 0x25) {
      const replacement = PERCENT_BASE64[run.slice(at + 1, at + 3).toUpperCase()];
      if (replacement !== undefined) [skip, instead] = [3, replacement];
    }
    if (skip === 0) continue;
    out += run.slice(kept, at) + instead;
    kept = at + skip;
    at += skip - 1;
  }
  return kept === 0 ? run : out + run.slice(kept);
}

/**
 * What one layer of decoding makes of a run: its percent-decoding, as bytes (when it has `%`), and its
 * stretches of base64 at least `minLength` long, for {@link base64Decoded} to decode at each of the four
 * character offsets (one of them is the blob's own alignment, whatever stuck to its front).
 */
export function decodeRun(run: string, minLength: number): { percent: Uint8Array | undefined; stretches: string[] } {
  const percent = run.includes('%') ? percentDecoded(run) : undefined;
  const stretches: string[] = [];
  const base64 = base64Of(run);
  // Stretches of base64 characters: padding (`=`) and any `%XX` left end one.
  let start = 0;
  for (let at = 0; at <= base64.length; at += 1) {
    if (at < base64.length && RUN_KIND[base64.charCodeAt(at)] === BASE64 && base64.charCodeAt(at) !== 0x3d) continue;
    if (at - start >= Math.max(minLength, 2)) stretches.push(base64.slice(start, at));
    start = at + 1;
  }
  return { percent, stretches };
}

/** A stretch of base64 decoded from its `offset`-th character: random bytes, unless that is the blob's alignment. */
export function base64Decoded(stretch: string, offset: number): Uint8Array {
  return Buffer.from(offset === 0 ? stretch : stretch.slice(offset), 'base64');
}

/** How many bytes the well-formed UTF-8 character at `bytes[at]` takes, or 0 if it is not one. */
function utf8Length(bytes: Uint8Array, at: number): number {
  const lead = bytes[at] ?? 0;
  if (lead < 0x80) return 1;
  const length =
    lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (at + length > bytes.length) return 0;
  for (let k = 1; k < length; k += 1) if (((bytes[at + k] ?? 0) & 0xc0) !== 0x80) return 0;
  return length;
}

/**
 * The stretches of `bytes` that are well-formed UTF-8 and at least `minLength` bytes long, as flat
 * `[start, end, …]`. Random bytes hardly ever hold 20 such in a row, so decodings at a wrong alignment cost
 * one pass over their bytes and nothing more.
 */
export function textStretches(bytes: Uint8Array, minLength: number): number[] {
  const out: number[] = [];
  let start = 0;
  for (let at = 0; at <= bytes.length;) {
    const length = at < bytes.length ? utf8Length(bytes, at) : 0;
    if (length > 0) {
      at += length;
      continue;
    }
    if (at - start >= minLength) out.push(start, at);
    at += 1;
    start = at;
  }
  return out;
}
