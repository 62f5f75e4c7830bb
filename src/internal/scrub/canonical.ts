/**
 * The canonical stream of a text: what it says once every escape is decoded, every run of white space is one
 * space and every invisible character and line fold is gone — each canonical unit remembering the span of
 * the original text it came from. Secrets are matched on this stream, so one pattern per secret catches it
 * in every encoding and in any mix of encodings, character by character; the spans say what to hide.
 */
import { type Decoded, mayStartEscape, readEscaped } from './escapes.js';

/** Invisible characters, removed from the text before anything else: interleaved with a secret they would hide it. */
// eslint-disable-next-line no-control-regex
export const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g;

/** Whether a unit is one of {@link INVISIBLE}'s characters (one an escape decoded to, say). */
export function isInvisible(unit: number): boolean {
  return (
    (unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) ||
    (unit >= 0x7f && unit <= 0x9f) ||
    unit === 0xad ||
    (unit >= 0x200b && unit <= 0x200f) ||
    (unit >= 0x2060 && unit <= 0x2064) ||
    unit === 0xfeff
  );
}

/**
 * Whether a unit belongs to a run of white space: JavaScript's `\s` and `+`, which form encoding writes for a
 * space. (A `+` in a secret then also matches a space, and `%2B` a space: harmless, and it keeps one reading
 * of `+` for the text and the secret.)
 */
export function isSpaceLike(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || unit === 0x09 || unit === 0x0a || unit === 0x0d;
  if (unit < 0xa0) return unit === 0x2b;
  return (
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000
  );
}

/** The one unit every run of white space becomes. */
export const SPACE = 0x20;

/**
 * A canonical stream: `units[i]` came from the original text's `[starts[i], ends[i])`. Only the first
 * `length` entries are meaningful.
 */
export interface CanonicalStream {
  length: number;
  units: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
}

/** Streams up to this long reuse one buffer; longer ones (rare: huge texts) get their own and free it after. */
const REUSED_CAPACITY = 64 * 1024;
let reused: CanonicalStream = allocate(1024);

function allocate(capacity: number): CanonicalStream {
  return {
    length: 0,
    units: new Uint16Array(capacity),
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
  };
}

/** A stream with room for `capacity` units: the shared buffer when it fits, which the next call overwrites. */
function streamWithRoom(capacity: number): CanonicalStream {
  if (capacity <= reused.units.length) return reused;
  if (capacity > REUSED_CAPACITY) return allocate(capacity);
  reused = allocate(Math.max(capacity, Math.min(REUSED_CAPACITY, reused.units.length * 2)));
  return reused;
}

const decoded: Decoded = { next: 0, count: 0, first: 0, second: 0 };

/** How an ASCII character is read: copied, merged into a run of white space, or looked at closely. */
const PLAIN = 0;
const WHITE = 1;
const CLOSER = 2;
const ASCII_KIND = new Uint8Array(128);
for (let unit = 0; unit < 128; unit += 1) {
  ASCII_KIND[unit] = isInvisible(unit) || mayStartEscape(unit) ? CLOSER : isSpaceLike(unit) ? WHITE : PLAIN;
}

/**
 * The canonical stream of `text`. Linear in the text's length: each escape is read once, left to right, and
 * a canonical stream is never longer than its text. The result may be a shared buffer: use it before the
 * next call.
 */
export function canonicalise(text: string): CanonicalStream {
  const stream = streamWithRoom(text.length);
  const { units, starts, ends } = stream;
  let length = 0;
  let inSpace = false;
  for (let at = 0; at < text.length;) {
    const unit = text.charCodeAt(at);
    const kind = unit < 128 ? (ASCII_KIND[unit] ?? CLOSER) : CLOSER;
    // The common cases first: a plain character, and white space.
    if (kind === PLAIN || (kind === WHITE && !inSpace)) {
      inSpace = kind === WHITE;
      units[length] = inSpace ? SPACE : unit;
      starts[length] = at;
      at += 1;
      ends[length] = at;
      length += 1;
      continue;
    }
    if (kind === WHITE) {
      at += 1;
      ends[length - 1] = at;
      continue;
    }
    readEscaped(text, at, decoded);
    for (let k = 0; k < decoded.count; k += 1) {
      const each = k === 0 ? decoded.first : decoded.second;
      if (isInvisible(each)) continue;
      if (isSpaceLike(each)) {
        if (inSpace) {
          ends[length - 1] = decoded.next;
          continue;
        }
        inSpace = true;
        units[length] = SPACE;
      } else {
        inSpace = false;
        units[length] = each;
      }
      starts[length] = at;
      ends[length] = decoded.next;
      length += 1;
    }
    at = decoded.next;
  }
  stream.length = length;
  return stream;
}
