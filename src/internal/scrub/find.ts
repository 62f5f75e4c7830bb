/**
 * Finding the secrets of a set in a text: the automaton run over the text's canonical reading (every
 * encoding, any mix) and, near escapes, over the raw text — there the canonical reading may have joined an
 * echo's first or last character with the escape next to it (`C:\\` before a secret starting with `n` reads
 * as a line break), and the raw reading still finds it.
 */
import { escapesListed, type Found, search } from './search.js';
import { hasBit, LAST, trigram } from './raw-edges.js';
import type { SecretSet } from './secret-set.js';

/** Stretches of a text as flat `[from, to, …]`, the last one extended when the next one meets it. */
function addStretch(list: number[], from: number, to: number): void {
  const last = list.length - 1;
  if (last > 0 && from <= (list[last] ?? 0)) {
    list[last - 1] = Math.min(list[last - 1] ?? 0, from);
    list[last] = Math.max(list[last] ?? 0, to);
  } else {
    list.push(from, to);
  }
}

const escapes: number[] = [];
const stretches: number[] = [];

/**
 * Reports to `found` the span of every echo of a secret of `set` in `text` — or, without `found`, stops at
 * the first one — and returns whether there was any. Short secrets (whole-token patterns) count only with
 * `wholeTokens`.
 *
 * The raw reading covers, around each escape the canonical reading met, wherever in it a raw form could begin
 * (the stretch from there, as long as the longest form) or end (the stretch up to there) — also at its first
 * or last character, where a raw echo that reads short canonically (`%41%42%43` is `ABC`) may begin or end;
 * stretches that meet are read as one. Everywhere else the canonical reading of a raw echo is the echo's own,
 * searched already.
 */
export function findSecrets(set: SecretSet, text: string, found?: Found, wholeTokens = true): boolean {
  const { automaton, rawEdges } = set;
  const reach = automaton.longest;
  stretches.length = 0;
  let any = search(automaton, text, 0, text.length, found, escapes, wholeTokens);
  if (any && found === undefined) return true;
  for (let i = 0; i < escapesListed; i += 2) {
    const start = escapes[i] ?? 0;
    const end = escapes[i + 1] ?? 0;
    if (rawEdges === undefined) addStretch(stretches, start - reach, end + reach);
    for (let at = start; rawEdges !== undefined && at < end; at += 1) {
      if (hasBit(rawEdges, trigram(text, at))) addStretch(stretches, at, at + reach);
      if (hasBit(rawEdges, LAST + trigram(text, at - 2))) addStretch(stretches, at + 1 - reach, at + 1);
    }
  }
  for (let i = 0; i < stretches.length && !(any && found === undefined); i += 2) {
    const from = Math.max(0, stretches[i] ?? 0);
    const to = Math.min(text.length, stretches[i + 1] ?? 0);
    any = search(automaton, text, from, to, found, undefined, wholeTokens) || any;
  }
  return any;
}
