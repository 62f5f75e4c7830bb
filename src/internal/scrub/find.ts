/**
 * Finding the secrets of a set in a text: the automaton read over the text's canonical stream (every
 * encoding, any mix) and, near escapes, over the raw text — there the canonical reading may have joined an
 * echo's first or last character with the escape next to it (`C:\\` before a secret starting with `n` reads
 * as a line break), and the raw reading still finds it.
 */
import { Matches, scan } from './automaton.js';
import { type CanonicalStream, canonicalise, isSpaceLike, SPACE } from './canonical.js';
import { hasBit, trigramBit } from './raw-edges.js';
import type { SecretSet } from './secret-set.js';
import type { Spans } from './spans.js';

const REUSED_CAPACITY = 64 * 1024;
let reusedUnits = new Uint16Array(1024);

/** A buffer for `length` UTF-16 units: a shared one when it fits, so use it before the next call. */
function unitBuffer(length: number): Uint16Array {
  if (length <= reusedUnits.length) return reusedUnits;
  const units = new Uint16Array(length);
  if (length <= REUSED_CAPACITY) reusedUnits = units;
  return units;
}

/** Whether `text[start, end)` is only white space (a run the canonical reading merged, with no escape in it). */
function plainSpace(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at += 1) if (!isSpaceLike(text.charCodeAt(at))) return false;
  return true;
}

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
 * Where a raw echo could cross the edge of an escape (a canonical unit read from several characters, or
 * characters that vanished) at `[start, end)`: wherever inside it a raw form could begin (the stretch from
 * there, as long as the longest form) or end (the stretch up to there).
 */
function addEscape(text: string, set: SecretSet, start: number, end: number, out: Stretches): void {
  const { firsts, lasts, unfiltered } = set.rawEdges;
  const reach = set.automaton.longest;
  if (unfiltered) return out.add(start - reach, end + reach);
  for (let at = start + 1; at < end && at + 3 <= text.length; at += 1) {
    if (hasBit(firsts, trigramBit(text, at))) out.add(at, at + reach);
  }
  for (let at = Math.max(start, 2); at < end - 1; at += 1) {
    if (hasBit(lasts, trigramBit(text, at - 2))) out.add(at + 1 - reach, at + 1);
  }
}

/**
 * The stretches of the text to read raw, as flat `[from, to, …]`. Everywhere else the canonical reading
 * of a raw echo is the echo's own, found already.
 */
function joinedStretches(text: string, stream: CanonicalStream, set: SecretSet): number[] {
  const { units, starts, ends, length } = stream;
  const out = new Stretches(text.length);
  let previousEnd = 0;
  for (let i = 0; i < length; i += 1) {
    const start = starts[i] ?? 0;
    const end = ends[i] ?? 0;
    if (start > previousEnd) addEscape(text, set, previousEnd, start, out);
    if (end - start > 1 && !(units[i] === SPACE && plainSpace(text, start, end))) addEscape(text, set, start, end, out);
    previousEnd = end;
  }
  if (previousEnd < text.length) addEscape(text, set, previousEnd, text.length, out);
  return out.done();
}

const matches = new Matches();

/**
 * Adds to `spans` the span of every echo of a secret of `set` in `text` — or, with `first`, of the first
 * one found — and returns whether there was any.
 */
export function findSecrets(set: SecretSet, text: string, spans: Spans | undefined, first = false): boolean {
  const { automaton } = set;
  const stream = canonicalise(text);
  const { starts, ends } = stream;
  matches.count = 0;
  scan(automaton, stream.units, stream.length, 0, stream.length, matches, first);
  for (let i = 0; i < matches.count; i += 1) {
    spans?.add(starts[matches.firsts[i] ?? 0] ?? 0, ends[matches.lasts[i] ?? 0] ?? 0);
  }
  if (first && matches.count > 0) return true;
  let found = matches.count > 0;
  const stretches = joinedStretches(text, stream, set);
  if (stretches.length === 0) return found;
  const units = unitBuffer(text.length);
  for (let i = 0; i < stretches.length; i += 2) {
    const from = stretches[i] ?? 0;
    const to = stretches[i + 1] ?? 0;
    // The units either side too: a whole-token match looks at its neighbours.
    for (let at = Math.max(0, from - 1); at < Math.min(text.length, to + 1); at += 1) units[at] = text.charCodeAt(at);
    matches.count = 0;
    scan(automaton, units, text.length, from, to, matches, first);
    for (let k = 0; k < matches.count; k += 1) spans?.add(matches.firsts[k] ?? 0, (matches.lasts[k] ?? 0) + 1);
    found ||= matches.count > 0;
    if (first && found) return true;
  }
  return found;
}

/** Whether `text` holds an echo of a secret of `set`. */
export function holdsSecret(set: SecretSet, text: string): boolean {
  return findSecrets(set, text, undefined, true);
}
