/**
 * Runs of encoded characters — base64, base64url (with `\/` for `/`), percent-encoding of anything — and
 * what one layer of decoding makes of them. A secret in base64, alone or inside a longer blob, at any byte
 * alignment, is found by decoding the run and reading what it decodes to; so are encodings stacked on one
 * another, one layer at a time.
 */

/** Characters of base64 and base64url, with `=` padding. */
const RUN_UNIT = new Uint8Array(128);
for (const unit of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-')
  RUN_UNIT[unit.charCodeAt(0)] = 1;

/** A MIME line break inside a run is only taken as one after this many run characters on the line. */
const LINE_BEFORE_BREAK = 16;

function isHex(unit: number): boolean {
  return (unit >= 0x30 && unit <= 0x39) || ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x66);
}

/** How many characters of `text` at `at` are one character of a run: 1, 2 (`\/`), 3 (`%2F`), or 0. */
function runPiece(text: string, at: number): number {
  const unit = text.charCodeAt(at);
  if (unit < 128 && RUN_UNIT[unit] === 1) return 1;
  if (unit === 0x5c) return text.charCodeAt(at + 1) === 0x2f ? 2 : 0;
  if (unit === 0x25) return isHex(text.charCodeAt(at + 1)) && isHex(text.charCodeAt(at + 2)) ? 3 : 0;
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
 * run where a long line of it goes on after them (MIME wraps base64 at 76). Linear in the text's length.
 */
export function findRuns(text: string, minLength: number): number[] {
  const runs: number[] = [];
  const length = text.length;
  for (let at = 0; at < length;) {
    const unit = text.charCodeAt(at);
    // Most characters outside runs are neither `\` nor `%`: skip them without a closer look.
    if ((unit >= 128 || RUN_UNIT[unit] !== 1) && ((unit !== 0x5c && unit !== 0x25) || runPiece(text, at) === 0)) {
      at += 1;
      continue;
    }
    const start = at;
    let line = 0;
    for (;;) {
      const next = text.charCodeAt(at);
      if (next < 128 && RUN_UNIT[next] === 1) {
        at += 1;
        line += 1;
        continue;
      }
      const piece = next === 0x5c || next === 0x25 ? runPiece(text, at) : 0;
      if (piece > 0) {
        at += piece;
        line += 1;
        continue;
      }
      const linebreak = line >= LINE_BEFORE_BREAK ? lineBreak(text, at) : 0;
      if (linebreak === 0 || runPiece(text, at + linebreak) === 0) break;
      at += linebreak;
      line = 0;
    }
    if (at - start >= minLength) runs.push(start, at);
  }
  return runs;
}

/** Percent-decoding, lenient: each `%XX` a byte, everything else as it is; the bytes read as UTF-8. */
function percentDecoded(run: string): string {
  const bytes = Buffer.from(run, 'latin1');
  let length = 0;
  for (let at = 0; at < run.length; at += 1) {
    const unit = run.charCodeAt(at);
    if (unit === 0x25 && isHex(run.charCodeAt(at + 1)) && isHex(run.charCodeAt(at + 2))) {
      bytes[length++] = Number.parseInt(run.slice(at + 1, at + 3), 16);
      at += 2;
    } else {
      bytes[length++] = unit;
    }
  }
  return bytes.toString('utf8', 0, length);
}

/**
 * What one layer of decoding makes of a run: its percent-decoding (when it has `%XX`), and each stretch of
 * base64 in it decoded at each of the four character offsets (one of them is the blob's own alignment,
 * whatever stuck to its front). Stretches shorter than `minLength` are skipped. Random bytes come out as
 * text full of replacement characters: harmless, they hold no secret.
 */
export function decodeRun(run: string, minLength: number): string[] {
  const out: string[] = [];
  if (/%[0-9A-Fa-f]{2}/.test(run)) out.push(percentDecoded(run));
  const base64 = run
    .replace(/\\\//g, '/')
    .replace(/\\r\\n|\\n|\r?\n/g, '')
    .replace(/%3[dD]/g, '=')
    .replace(/%2[fF]/g, '/')
    .replace(/%2[bB]/g, '+');
  for (const stretch of base64.split(/[^A-Za-z0-9+/_-]+/)) {
    if (stretch.length < minLength) continue;
    for (let offset = 0; offset < 4 && stretch.length - offset >= 2; offset += 1) {
      out.push(Buffer.from(offset === 0 ? stretch : stretch.slice(offset), 'base64').toString('utf8'));
    }
  }
  return out;
}
