/**
 * How characters are classified for the canonical reading of a text (done in `search.ts`): what it says once
 * every escape is decoded (`escapes.ts`), every run of white space is one space and every invisible
 * character and line fold is gone — each canonical unit remembering the span of the text it came from.
 * Secrets are matched on that reading, so one pattern per secret catches it in every encoding and in any
 * mix of encodings, character by character; the spans say what to hide. Secrets are read the same way
 * (`forms.ts`).
 */
import { mayStartEscape } from './escapes.js';

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

/** How an ASCII character is read: copied, merged into a run of white space, or looked at closely. */
export const PLAIN = 0;
export const WHITE = 1;
export const CLOSER = 2;
export const ASCII_KIND = new Uint8Array(128);
for (let unit = 0; unit < 128; unit += 1) {
  ASCII_KIND[unit] = isInvisible(unit) || mayStartEscape(unit) ? CLOSER : isSpaceLike(unit) ? WHITE : PLAIN;
}
