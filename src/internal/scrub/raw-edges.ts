/**
 * Which raw echoes could start or end inside an escape: a filter of the first three and the last three
 * characters of every raw form of the secrets. The raw reading of a text (see `find.ts`) is only needed
 * where an escape's characters begin or end such an echo, so only there is it done.
 */

/** The first and last trigrams of the raw forms, as bits of a small hash filter (false positives only cost time). */
export interface RawEdges {
  readonly firsts: Uint32Array;
  readonly lasts: Uint32Array;
  /**
   * Every escape is looked at: when a raw form is shorter than three characters (it has no trigram), or a
   * secret is found canonically only as a whole token (see `Pattern.decodedShort`).
   */
  readonly unfiltered: boolean;
}

const BITS = 1 << 16;

/** The filter bit of the three units of `text` from `at` (which must all exist). */
export function trigramBit(text: string, at: number): number {
  const hash =
    Math.imul(text.charCodeAt(at), 0x9e3779b1) ^
    Math.imul(text.charCodeAt(at + 1), 0x85ebca6b) ^
    Math.imul(text.charCodeAt(at + 2), 0xc2b2ae35);
  return hash >>> 16;
}

/** Whether `bit` is set in `filter`. */
export function hasBit(filter: Uint32Array, bit: number): boolean {
  return ((filter[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
}

function setBit(filter: Uint32Array, bit: number): void {
  filter[bit >>> 5] = (filter[bit >>> 5] ?? 0) | (1 << (bit & 31));
}

/** The filter of a set of raw forms; `unfiltered` to look at every escape anyway. */
export function rawEdgesOf(forms: readonly string[], unfiltered = false): RawEdges {
  const firsts = new Uint32Array(BITS / 32);
  const lasts = new Uint32Array(BITS / 32);
  for (const form of forms) {
    if (form.length < 3) {
      unfiltered = true;
      continue;
    }
    setBit(firsts, trigramBit(form, 0));
    setBit(lasts, trigramBit(form, form.length - 3));
  }
  return { firsts, lasts, unfiltered };
}
