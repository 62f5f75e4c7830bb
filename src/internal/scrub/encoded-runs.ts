/**
 * Runs of encoded characters — base64, base64url (with `\/` for `/`), percent-encoding of anything — and
 * encodings stacked on one another: base64 of URL-encoded text, URL-encoded base64, base64 of JSON whose
 * password needed escapes. A run that decodes, up to three layers, to text holding a secret (or a credential
 * field) is hidden whole. A secret in base64, alone or inside a longer blob, at any byte alignment, is found
 * by decoding the run at each of the four character offsets (one of them is the blob's own alignment,
 * whatever stuck to its front) and reading what it decodes to.
 */
import { isUtf8 } from 'node:buffer';
import { BASE64, KIND } from './chars.js';
import { hexValue } from './escapes.js';
import { findCredentialFields, mayHoldField } from './fields.js';
import { findSecrets } from './find.js';
import type { SecretSet } from './secret-set.js';
import type { Spans } from './spans.js';

/** How many characters of `text` at `at` are one character of a run: 1, 2 (`\/`), 3 (`%2F`), or 0. */
function runPiece(text: string, at: number): number {
  const unit = text.charCodeAt(at);
  if ((KIND[unit & 0xffff] ?? 0) & BASE64) return 1;
  if (unit === 0x5c) return text.charCodeAt(at + 1) === 0x2f ? 2 : 0;
  return unit === 0x25 && hexValue(text, at + 1, at + 3) >= 0 ? 3 : 0;
}

/** A line break, real or JSON-escaped (`\n`, `\r\n`). */
const LINE_BREAK = /\r?\n|\\(?:r\\)?n/y;

/** Whether a line break starts at `at` (then `LINE_BREAK.lastIndex` is where it ends). */
function lineBreakAt(text: string, at: number): boolean {
  LINE_BREAK.lastIndex = at;
  return LINE_BREAK.test(text);
}

/**
 * Calls `each` with the start and end of every maximal run of at least `minLength` characters, until it
 * returns true (then returns true); a line break is part of a run where at least 16 of its characters come
 * before it on the line and it goes on after it (MIME wraps base64 at 76). One pass, linear in the text.
 */
function someRun(text: string, minLength: number, each: (start: number, end: number) => boolean): boolean {
  let start = -1;
  let line = 0;
  const length = text.length;
  for (let at = 0; at < length;) {
    const piece = runPiece(text, at);
    if (piece > 0) {
      if (start < 0) {
        start = at;
        line = 0;
      }
      line += 1;
      at += piece;
      // The plain base64 characters that follow, one piece each, at once.
      while (piece === 1 && at < length && (KIND[text.charCodeAt(at)] ?? 0) & BASE64) {
        at += 1;
        line += 1;
      }
      continue;
    }
    if (start >= 0 && line >= 16 && lineBreakAt(text, at) && runPiece(text, LINE_BREAK.lastIndex) > 0) {
      line = 0;
      at = LINE_BREAK.lastIndex;
      continue;
    }
    if (start >= 0 && at - start >= minLength && each(start, at)) return true;
    start = -1;
    at += 1;
  }
  return start >= 0 && length - start >= minLength && each(start, length);
}

/** What bytes decoded from a run turned out to be. */
const RANDOM = 0;
const TEXT = 1;
const FOUND = 2;

/** Adds to `spans` every run of encoded characters in `text` whose decoding holds a secret. */
export function hideEncodedRuns(set: SecretSet, text: string, spans: Spans): void {
  someRun(text, set.shortestRun, (start, end) => {
    if (runHoldsSecret(set, text.slice(start, end), 1)) spans.add(start, end);
    return false;
  });
}

/**
 * Whether one layer of decoding of a run holds a secret: its percent-decoding (when it has `%`), and its
 * stretches of base64 (`=` and any `%XX` left end one; `\/` and `%2F` are `/`, `%2B` `+`, `%3D` `=`, line
 * breaks nothing) at each of the four character offsets.
 */
function runHoldsSecret(set: SecretSet, run: string, layer: number): boolean {
  const long = run.length >= 16;
  if (run.includes('%')) {
    // Each `%XX` a byte, as a Latin-1 character (a run's `%` is always followed by two hex digits).
    const bytes = unescape(run);
    // The canonical reading of the text decodes `%XX` itself: when the decoding holds no further escape, no
    // field name and no encoded run, reading it again would find nothing new.
    const readAlready = !/[\\%&']/.test(bytes) && !mayHoldField(bytes) && !someRun(bytes, set.shortestRun, () => true);
    if (!readAlready && bytesHoldSecret(set, Buffer.from(bytes, 'latin1'), layer, long) === FOUND) return true;
  }
  const base64 = run.replace(/\\(?=\/)|[\r\n]|\\(?:r\\)?n/g, '').replace(/%2[BFbf]|%3[Dd]/g, decodeURIComponent);
  for (const stretch of base64.split(/[^\w+/-]/)) {
    for (let offset = 0; offset < 4 && stretch.length - offset >= Math.max(set.shortestRun, 2); offset += 1) {
      const outcome = bytesHoldSecret(set, Buffer.from(stretch.slice(offset), 'base64'), layer, long);
      if (outcome === FOUND) return true;
      // Text from the first character: the blob starts there, and the other offsets are random bytes.
      if (offset === 0 && outcome === TEXT) break;
    }
  }
  return false;
}

/**
 * Whether bytes decoded from a run hold a secret in any form ({@link FOUND}): in each stretch of them that is
 * text (most are random: a wrong alignment). When they are all text ({@link TEXT} if nothing is found), also
 * a credential field, or a run that decodes (one layer further, up to the third) to such text. Short secrets
 * (whole-token patterns) count only when the bytes are all text and their run at least 16 characters long:
 * decodings of ordinary words are full of short random strings (a secret `k` is in some decoding of
 * `payload`).
 */
function bytesHoldSecret(set: SecretSet, bytes: Buffer, layer: number, longRun: boolean): number {
  const { shortest } = set.automaton;
  if (!isUtf8(bytes)) {
    // Malformed UTF-8 decodes to U+FFFD: what lies between is text (no more units than bytes).
    const text = bytes.length < shortest ? '' : bytes.toString();
    for (let from = 0, to = 0; from < text.length; from = to + 1) {
      to = text.indexOf('\ufffd', from);
      if (to < 0) to = text.length;
      if (to - from >= shortest && findSecrets(set, text.slice(from, to), undefined, false)) return FOUND;
    }
    return RANDOM;
  }
  const text = bytes.toString();
  if (findSecrets(set, text, undefined, longRun)) return FOUND;
  if (layer >= 3) return TEXT;
  return findCredentialFields(text) ||
    someRun(text, set.shortestRun, (start, end) => runHoldsSecret(set, text.slice(start, end), layer + 1))
    ? FOUND
    : TEXT;
}
