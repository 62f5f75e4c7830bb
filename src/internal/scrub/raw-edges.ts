/**
 * Where a raw echo of a secret may begin or end: a hash filter of the first and last three characters of its
 * raw forms, so the raw text is read again only near the escapes where an echo could sit.
 */
/** The filter bit of the three units of `text` from `at` (past the text's end, a unit counts as 0). */
export function trigram(text: string, at: number): number {
  const hash =
    Math.imul(text.charCodeAt(at), 0x9e3779b1) ^
    Math.imul(text.charCodeAt(at + 1), 0x85ebca6b) ^
    Math.imul(text.charCodeAt(at + 2), 0xc2b2ae35);
  return hash >>> 12;
}

/** Bit `LAST + b` of a filter is a last trigram's, bit `b` a first trigram's. */
export const LAST = 1 << 20;

export function hasBit(filter: Uint32Array, bit: number): boolean {
  return ((filter[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
}

/**
 * Which raw echoes could start or end inside an escape: a hash filter of the first three and the last three
 * characters of every raw form of the secrets (false positives only cost time). Undefined, so every escape is
 * looked at, when a form is shorter than three characters.
 */
export function rawEdgesOf(forms: readonly string[]): Uint32Array | undefined {
  const filter = new Uint32Array((2 * LAST) / 32);
  for (const form of forms) {
    if (form.length < 3) return undefined;
    for (const bit of [trigram(form, 0), LAST + trigram(form, form.length - 3)]) {
      filter[bit >>> 5] = (filter[bit >>> 5] ?? 0) | (1 << (bit & 31));
    }
  }
  return filter;
}
