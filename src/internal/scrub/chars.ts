/**
 * How each UTF-16 unit is read, in one table: copied as it is, merged into a run of white space, dropped as
 * invisible, or looked at closely as the start of an escape — and, apart from that, whether it is a base64
 * character. The canonical reading of a text (`search.ts`), the reading of a secret (`forms.ts`) and the
 * runs of encoded characters (`encoded-runs.ts`) all classify by it, so they never disagree.
 */

/** A unit copied as it is. */
export const PLAIN = 0;
/**
 * A unit of a run of white space, which reads as one space: JavaScript's `\s` and `+`, which form encoding
 * writes for a space. (A `+` in a secret then also matches a space, and `%2B` a space: harmless, and it
 * keeps one reading of `+` for the text and the secret.)
 */
export const SPACE_LIKE = 1;
/**
 * An invisible unit: C0 and C1 controls but tab and line breaks, zero-width characters, soft hyphens,
 * byte-order marks. Interleaved with a secret they would hide it, so they are dropped.
 */
export const INVISIBLE_UNIT = 2;
/** A unit that may start an escape (`\`, `%`, `&`, `'`). */
export const ESCAPE_START = 3;
/** The bit of a base64 or base64url character (`=` included). */
export const BASE64 = 4;

/** The invisible units, as pairs of first and last unit of each range. */
const INVISIBLE_RANGES =
  '\u0000\u0008\u000b\u000c\u000e\u001f\u007f\u009f\u00ad\u00ad\u200b\u200f\u2060\u2064\ufeff\ufeff';

/** Invisible characters, removed from a text before anything else. */
export const INVISIBLE = new RegExp(`[${INVISIBLE_RANGES.replace(/(.)(.)/g, '$1-$2')}]`, 'g');

/** The class of every unit (`& 3`), and its {@link BASE64} bit. */
export const KIND = new Uint8Array(0x10000);
for (const [ranges, kind] of [
  ['\t\n\r\r  ++\u00a0\u00a0\u1680\u1680\u2000\u200a\u2028\u2029\u202f\u202f\u205f\u205f\u3000\u3000', SPACE_LIKE],
  [INVISIBLE_RANGES, INVISIBLE_UNIT],
  ["\\\\%%&&''", ESCAPE_START],
  ['AZaz09++//==__--', BASE64],
] as const) {
  for (let i = 0; i < ranges.length; i += 2) {
    for (let unit = ranges.charCodeAt(i); unit <= ranges.charCodeAt(i + 1); unit += 1)
      KIND[unit] = (KIND[unit] ?? 0) | kind;
  }
}

/**
 * The class of a unit: {@link PLAIN}, {@link SPACE_LIKE}, {@link INVISIBLE_UNIT} or {@link ESCAPE_START}. (Past
 * a text's end `charCodeAt` gives NaN: read as 0, invisible, so the table is only ever read at an index.)
 */
export function classOf(unit: number): number {
  return (KIND[unit & 0xffff] ?? 0) & 3;
}

/**
 * What a secret's text becomes in the canonical reading, escapes aside: invisible units dropped, each run of
 * white space one space.
 */
export function canonicalText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/[\s+]+/g, ' ');
}
