/** The optimal-string-alignment distance: edits, with a swap of two neighbours counting as one. */
function distance(a: string, b: string): number {
  const width = b.length + 1;
  // One flat table, (a.length + 1) × (b.length + 1), row by row.
  const table = new Array<number>((a.length + 1) * width).fill(0);
  const at = (i: number, j: number): number => table[i * width + j] ?? 0;
  for (let i = 0; i <= a.length; i += 1) table[i * width] = i;
  for (let j = 0; j <= b.length; j += 1) table[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i, j - 1) + 1, at(i - 1, j) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      table[i * width + j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * @internal The known word `word` is most likely a misspelling of, if any: within a quarter of its length in
 * edits (at least one), case ignored — `initalDatabase` → `initialDatabase`; `Host` → `host`; or, for a word of
 * three letters or more, the one known word it begins (`user` → `username`).
 */
export function nearest(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const begun = lower.length >= 3 ? known.filter((candidate) => candidate.toLowerCase().startsWith(lower)) : [];
  if (begun.length === 1 && begun[0] !== word) return begun[0];
  let best: { candidate: string; edits: number } | undefined;
  for (const candidate of known) {
    if (candidate === word) continue;
    const edits = distance(word.toLowerCase(), candidate.toLowerCase());
    if (edits <= Math.max(1, Math.floor(candidate.length / 4)) && (best === undefined || edits < best.edits)) {
      best = { candidate, edits };
    }
  }
  return best?.candidate;
}
