/**
 * Finding the secrets of a set in a text: the automaton run over the text's canonical reading (every
 * encoding, any mix) and, near escapes, over the raw text — there the canonical reading may have joined an
 * echo's first or last character with the escape next to it (`C:\\` before a secret starting with `n` reads
 * as a line break), and the raw reading still finds it.
 */
import { hasBit, trigramBit } from './raw-edges.js';
import { type Found, search, type SearchRequest } from './search.js';
import type { SecretSet } from './secret-set.js';

/** Stretches of a text, merged as they are added (in roughly increasing order), as flat `[from, to, …]`. */
class Stretches {
  readonly list: number[] = [];
  #from = -1;
  #to = -1;

  constructor(readonly length: number) {}

  add(from: number, to: number): void {
    const start = Math.max(0, from);
    const end = Math.min(this.length, to);
    if (this.#from >= 0 && start <= this.#to) {
      this.#from = Math.min(this.#from, start);
      this.#to = Math.max(this.#to, end);
      return;
    }
    if (this.#from >= 0) this.list.push(this.#from, this.#to);
    this.#from = start;
    this.#to = end;
  }

  done(): number[] {
    if (this.#from >= 0) this.list.push(this.#from, this.#to);
    this.#from = -1;
    return this.list;
  }
}

/**
 * The stretches of the text to read raw, as flat `[from, to, …]`: around each escape the canonical reading
 * met (`escapes`, flat `[start, end, …]`), wherever inside it a raw form could begin (the stretch from there,
 * as long as the longest form) or end (the stretch up to there). Everywhere else the canonical reading of a
 * raw echo is the echo's own, searched already.
 */
function joinedStretches(text: string, escapes: readonly number[], set: SecretSet): number[] {
  const { firsts, lasts, unfiltered } = set.rawEdges;
  const reach = set.automaton.longest;
  const out = new Stretches(text.length);
  for (let i = 0; i < escapes.length; i += 2) {
    const start = escapes[i] ?? 0;
    const end = escapes[i + 1] ?? 0;
    if (unfiltered) {
      out.add(start - reach, end + reach);
      continue;
    }
    for (let at = start + 1; at < end && at + 3 <= text.length; at += 1) {
      if (hasBit(firsts, trigramBit(text, at))) out.add(at, at + reach);
    }
    for (let at = Math.max(start, 2); at < end - 1; at += 1) {
      if (hasBit(lasts, trigramBit(text, at - 2))) out.add(at + 1 - reach, at + 1);
    }
  }
  return out.done();
}

const escapes: number[] = [];

/**
 * Reports to `found` the span of every echo of a secret of `set` in `text` — or, with `first`, stops at the
 * first one — and returns whether there was any. Short secrets (whole-token patterns) count only with
 * `wholeTokens`.
 */
export function findSecrets(
  set: SecretSet,
  text: string,
  found: Found | undefined,
  first = false,
  wholeTokens = true,
): boolean {
  escapes.length = 0;
  const request: SearchRequest = {
    automaton: set.automaton,
    text,
    from: 0,
    to: text.length,
    canonical: true,
    first,
    found,
    escapes,
    wholeTokens,
  };
  let any = search(request);
  if (any && first) return true;
  const stretches = joinedStretches(text, escapes, set);
  request.canonical = false;
  request.escapes = undefined;
  for (let i = 0; i < stretches.length && !(any && first); i += 2) {
    request.from = stretches[i] ?? 0;
    request.to = stretches[i + 1] ?? 0;
    any = search(request) || any;
  }
  return any;
}

/** Whether `text` holds an echo of a secret of `set` (of a short one too, with `wholeTokens`). */
export function holdsSecret(set: SecretSet, text: string, wholeTokens: boolean): boolean {
  return findSecrets(set, text, undefined, true, wholeTokens);
}
