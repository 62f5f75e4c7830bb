/**
 * An Aho–Corasick automaton: every pattern of every secret in one machine, so a text is read once, in time
 * linear in its length whatever the number and length of the secrets. Transitions are stored compactly
 * (sorted edge lists; a direct table over ASCII only for the few states with many children), so 2,000
 * secrets of 60 characters cost a few megabytes.
 */
import type { Pattern } from './forms.js';

/** The automaton's states and transitions, in typed arrays. State 0 is the root. */
export interface Automaton {
  /** Number of states. */
  readonly states: number;
  /** Length of the shortest pattern, and of the longest. */
  readonly shortest: number;
  readonly longest: number;
  /** The state of the longest proper suffix that is also a prefix of a pattern. */
  readonly fail: Int32Array;
  /** Length of the string that leads to each state. */
  readonly depth: Int32Array;
  /** Length of the longest pattern that may match anywhere ending at this state (its own or a suffix's), or 0. */
  readonly matchLength: Int32Array;
  /** The nearest state (this one or a suffix) where a whole-token pattern ends, or -1. */
  readonly wholeTokenLink: Int32Array;
  /** State `s`'s children are `edgeTarget[edgeStart[s] … edgeStart[s+1])`, sorted by `edgeUnit`. */
  readonly edgeStart: Int32Array;
  readonly edgeUnit: Uint16Array;
  readonly edgeTarget: Int32Array;
  /** For a state with many children, the index of its 128-entry block in `ascii`, else -1. */
  readonly asciiBlock: Int32Array;
  /** Complete transitions (failures resolved) over ASCII for the states that have a block. */
  readonly ascii: Int32Array;
}

/** States with at least this many children (and the root) get a direct table over ASCII. */
const WIDE = 4;
/** At most this many direct tables (512 bytes each). */
const MAX_BLOCKS = 4096;
/** Edge lists up to this long are searched one by one; longer ones by bisection. */
const LINEAR_SEARCH = 8;

/** Counts automaton steps (transitions and failure links followed), so tests can check the work is linear. */
export const automatonCounters = { steps: 0 };

/** The child of `state` along `unit`, or -1. */
function child(automaton: Automaton, state: number, unit: number): number {
  const { edgeStart, edgeUnit, edgeTarget } = automaton;
  let low = edgeStart[state] ?? 0;
  let high = edgeStart[state + 1] ?? 0;
  if (high - low <= LINEAR_SEARCH) {
    for (; low < high; low += 1) {
      const each = edgeUnit[low] ?? 0;
      if (each === unit) return edgeTarget[low] ?? -1;
      if (each > unit) return -1;
    }
    return -1;
  }
  while (low < high) {
    const middle = (low + high) >>> 1;
    const each = edgeUnit[middle] ?? 0;
    if (each === unit) return edgeTarget[middle] ?? -1;
    if (each < unit) low = middle + 1;
    else high = middle;
  }
  return -1;
}

/** The state after reading `unit` in `state`, following failure links as needed. */
function transition(automaton: Automaton, state: number, unit: number): number {
  for (let at = state; ; at = automaton.fail[at] ?? 0) {
    const block = automaton.asciiBlock[at] ?? -1;
    if (block >= 0 && unit < 128) return automaton.ascii[block * 128 + unit] ?? 0;
    const next = child(automaton, at, unit);
    if (next >= 0) return next;
    if (at === 0) return 0;
  }
}

/** Builds the automaton of a set of patterns (duplicates merged: one that may match anywhere wins). */
export function buildAutomaton(patterns: readonly Pattern[]): Automaton {
  const wholeTokenOnly = new Map<string, boolean>();
  for (const { text, wholeToken } of patterns) {
    if (text !== '') wholeTokenOnly.set(text, (wholeTokenOnly.get(text) ?? true) && wholeToken);
  }
  // Sorted, the trie is built by appending: each pattern shares a prefix with the one before it.
  const texts = [...wholeTokenOnly.keys()].sort();
  const capacity = texts.reduce((sum, text) => sum + text.length, 1);
  const parent = new Int32Array(capacity);
  const unitOf = new Uint16Array(capacity);
  const depth = new Int32Array(capacity);
  const ends = new Uint8Array(capacity); // 0: no pattern ends here; 1: a whole-token one; 2: one that matches anywhere
  const path = new Int32Array(texts.reduce((most, text) => Math.max(most, text.length), 0) + 1);
  let states = 1;
  let previous = '';
  for (const text of texts) {
    let common = 0;
    while (common < previous.length && previous.charCodeAt(common) === text.charCodeAt(common)) common += 1;
    for (let at = common; at < text.length; at += 1) {
      parent[states] = path[at] ?? 0;
      unitOf[states] = text.charCodeAt(at);
      depth[states] = at + 1;
      path[at + 1] = states;
      states += 1;
    }
    ends[path[text.length] ?? 0] = wholeTokenOnly.get(text) ? 1 : 2;
    previous = text;
  }

  // Edge lists: children were created in increasing unit order, so each list comes out sorted.
  const edgeStart = new Int32Array(states + 1);
  for (let state = 1; state < states; state += 1) increment(edgeStart, (parent[state] ?? 0) + 1, 1);
  for (let state = 0; state < states; state += 1) increment(edgeStart, state + 1, edgeStart[state] ?? 0);
  const edgeUnit = new Uint16Array(Math.max(states - 1, 0));
  const edgeTarget = new Int32Array(Math.max(states - 1, 0));
  const filled = edgeStart.slice(0, states);
  for (let state = 1; state < states; state += 1) {
    const at = increment(filled, parent[state] ?? 0, 1);
    edgeUnit[at] = unitOf[state] ?? 0;
    edgeTarget[at] = state;
  }

  const asciiBlock = new Int32Array(states).fill(-1);
  let blocks = 0;
  for (let state = 0; state < states && blocks < MAX_BLOCKS; state += 1) {
    if (state === 0 || (edgeStart[state + 1] ?? 0) - (edgeStart[state] ?? 0) >= WIDE) asciiBlock[state] = blocks++;
  }

  const automaton: Automaton = {
    states,
    shortest: texts.reduce((least, text) => Math.min(least, text.length), texts.length > 0 ? Infinity : 0),
    longest: path.length - 1,
    fail: new Int32Array(states),
    depth: depth.slice(0, states),
    matchLength: new Int32Array(states),
    wholeTokenLink: new Int32Array(states).fill(-1),
    edgeStart,
    edgeUnit,
    edgeTarget,
    asciiBlock,
    ascii: new Int32Array(blocks * 128),
  };
  linkFailures(automaton, breadthFirst(depth, states, automaton.longest), parent, unitOf, ends);
  return automaton;
}

/** Adds `by` to `array[at]`; returns the value before. */
function increment(array: Int32Array, at: number, by: number): number {
  const before = array[at] ?? 0;
  array[at] = before + by;
  return before;
}

/** The states in order of depth (a counting sort), so every state comes after its failure state. */
function breadthFirst(depth: Int32Array, states: number, deepest: number): Int32Array {
  const start = new Int32Array(deepest + 2);
  for (let state = 0; state < states; state += 1) increment(start, (depth[state] ?? 0) + 1, 1);
  for (let level = 0; level <= deepest; level += 1) increment(start, level + 1, start[level] ?? 0);
  const order = new Int32Array(states);
  for (let state = 0; state < states; state += 1) order[increment(start, depth[state] ?? 0, 1)] = state;
  return order;
}

/** Failure links, outputs and the ASCII tables, state by state in breadth-first order. */
function linkFailures(
  automaton: Automaton,
  order: Int32Array,
  parent: Int32Array,
  unitOf: Uint16Array,
  ends: Uint8Array,
): void {
  const { fail, depth, matchLength, wholeTokenLink, asciiBlock, ascii } = automaton;
  for (const state of order) {
    const up = parent[state] ?? 0;
    const failure = state === 0 || up === 0 ? 0 : transition(automaton, fail[up] ?? 0, unitOf[state] ?? 0);
    fail[state] = failure;
    const end = ends[state] ?? 0;
    matchLength[state] = end === 2 ? (depth[state] ?? 0) : state === 0 ? 0 : (matchLength[failure] ?? 0);
    wholeTokenLink[state] = end === 1 ? state : state === 0 ? -1 : (wholeTokenLink[failure] ?? -1);
    const block = asciiBlock[state] ?? -1;
    if (block < 0) continue;
    for (let unit = 0; unit < 128; unit += 1) {
      const next = child(automaton, state, unit);
      ascii[block * 128 + unit] = next >= 0 ? next : state === 0 ? 0 : transition(automaton, failure, unit);
    }
  }
}

/** Whether a unit is a letter or a digit (a surrogate pair read as its code point). */
function isWordUnit(units: Uint16Array, length: number, at: number, backwards: boolean): boolean {
  if (at < 0 || at >= length) return false;
  const unit = units[at] ?? 0;
  if (unit < 0x80) return (unit >= 0x30 && unit <= 0x39) || ((unit | 0x20) >= 0x61 && (unit | 0x20) <= 0x7a);
  let codePoint = unit;
  const other = units[backwards ? at - 1 : at + 1] ?? 0;
  if (backwards && unit >= 0xdc00 && unit <= 0xdfff && other >= 0xd800 && other <= 0xdbff && at > 0) {
    codePoint = 0x10000 + ((other - 0xd800) << 10) + (unit - 0xdc00);
  } else if (!backwards && unit >= 0xd800 && unit <= 0xdbff && other >= 0xdc00 && other <= 0xdfff && at + 1 < length) {
    codePoint = 0x10000 + ((unit - 0xd800) << 10) + (other - 0xdc00);
  }
  return LETTER_OR_DIGIT.test(String.fromCodePoint(codePoint));
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** The matches a {@link scan} found, as the indices of each one's first and last unit. Reused across scans. */
export class Matches {
  firsts = new Int32Array(64);
  lasts = new Int32Array(64);
  count = 0;

  push(first: number, last: number): void {
    if (this.count === this.firsts.length) {
      const firsts = new Int32Array(this.count * 2);
      const lasts = new Int32Array(this.count * 2);
      firsts.set(this.firsts);
      lasts.set(this.lasts);
      this.firsts = firsts;
      this.lasts = lasts;
    }
    this.firsts[this.count] = first;
    this.lasts[this.count] = last;
    this.count += 1;
  }
}

/**
 * Reads `units[from, to)` once (of a text `length` units long) and adds each match to `out`: at each position
 * the longest pattern that may match anywhere, and each longer whole-token pattern that stands alone there.
 * With `first`, stops at the first match.
 */
export function scan(
  automaton: Automaton,
  units: Uint16Array,
  length: number,
  from: number,
  to: number,
  out: Matches,
  first = false,
): void {
  const { fail, depth, matchLength, wholeTokenLink, asciiBlock, ascii } = automaton;
  let state = 0;
  let steps = 0;
  for (let at = from; at < to; at += 1) {
    const unit = units[at] ?? 0;
    for (;;) {
      steps += 1;
      const block = asciiBlock[state] ?? -1;
      if (block >= 0 && unit < 128) {
        state = ascii[(block << 7) | unit] ?? 0;
        break;
      }
      const next = child(automaton, state, unit);
      if (next >= 0) {
        state = next;
        break;
      }
      if (state === 0) break;
      state = fail[state] ?? 0;
    }
    const anywhere = matchLength[state] ?? 0;
    if (anywhere > 0) {
      out.push(at - anywhere + 1, at);
      if (first) break;
    }
    for (let each = wholeTokenLink[state] ?? -1; each >= 0; each = wholeTokenLink[fail[each] ?? 0] ?? -1) {
      const size = depth[each] ?? 0;
      if (size <= anywhere) break;
      const start = at - size + 1;
      if (!isWordUnit(units, length, start - 1, true) && !isWordUnit(units, length, at + 1, false)) {
        out.push(start, at);
        if (first) break;
      }
    }
    if (first && out.count > 0) break;
  }
  automatonCounters.steps += steps;
}
