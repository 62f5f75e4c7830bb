/**
 * An Aho–Corasick automaton: every pattern of every secret in one machine, so a text is read once, in time
 * linear in its length whatever the number and length of the secrets. Transitions are stored compactly
 * (sorted edge lists; a direct table over ASCII only for the few states with many children), so 2,000
 * secrets of 60 characters cost a few megabytes.
 */
import type { Pattern } from './forms.js';

/**
 * The automaton's states and transitions, in typed arrays. States are numbered breadth-first from the root
 * (0): the shallow states a scan visits most are packed together, and the children of consecutive states
 * are consecutive states, so an edge needs no target of its own.
 */
export interface Automaton {
  /** Number of states. */
  readonly states: number;
  /** Length of the shortest pattern, and of the longest; of the shortest that may match anywhere (not whole-token). */
  readonly shortest: number;
  readonly longest: number;
  readonly shortestAnywhere: number;
  /** The state of the longest proper suffix that is also a prefix of a pattern. */
  readonly fail: Int32Array;
  /** Length of the string that leads to each state. */
  readonly depth: Int32Array;
  /**
   * Length of the longest pattern that may match anywhere ending at this state (its own or a suffix's); 0 if
   * nothing ends here; -1 if only whole-token patterns do. One load tells a scan whether to look closer.
   */
  readonly matchLength: Int32Array;
  /** Whether any pattern is whole-token only (else a scan need not keep what it read). */
  readonly wholeTokens: boolean;
  /** 1 where the pattern `matchLength` measures is cut before an open tail: its match hides the next escape too. */
  readonly openTail: Uint8Array;
  /** The nearest state (this one or a suffix) where a whole-token pattern ends, or -1. */
  readonly wholeTokenLink: Int32Array;
  /** State `s`'s children are the states `firstChild[s] … firstChild[s+1]`, in increasing order of their unit. */
  readonly firstChild: Int32Array;
  /** The unit that leads to each state from its parent. */
  readonly unitOf: Uint16Array;
  /** For a state with many children, where its 128 entries start in `ascii`, else -1. */
  readonly asciiStart: Int32Array;
  /** Complete transitions (failures resolved) over ASCII for the states that have them. */
  readonly ascii: Int32Array;
}

/** States with at least this many children (and the root) get a direct table over ASCII. */
const WIDE = 4;
/** At most this many direct tables (512 bytes each). */
const MAX_TABLES = 4096;
/** Child lists up to this long are searched one by one; longer ones by bisection. */
const LINEAR_SEARCH = 8;

/** The child of `state` along `unit`, or -1. */
export function child(automaton: Automaton, state: number, unit: number): number {
  const { firstChild, unitOf } = automaton;
  let low = firstChild[state] ?? 0;
  let high = firstChild[state + 1] ?? 0;
  if (high - low <= LINEAR_SEARCH) {
    for (; low < high; low += 1) {
      const each = unitOf[low] ?? 0;
      if (each === unit) return low;
      if (each > unit) return -1;
    }
    return -1;
  }
  while (low < high) {
    const middle = (low + high) >>> 1;
    const each = unitOf[middle] ?? 0;
    if (each === unit) return middle;
    if (each < unit) low = middle + 1;
    else high = middle;
  }
  return -1;
}

/** The state after reading `unit` in `state`, following failure links as needed. */
function transition(automaton: Automaton, state: number, unit: number): number {
  for (let at = state; ; at = automaton.fail[at] ?? 0) {
    const table = automaton.asciiStart[at] ?? -1;
    if (table >= 0 && unit < 128) return automaton.ascii[table + unit] ?? 0;
    const next = child(automaton, at, unit);
    if (next >= 0) return next;
    if (at === 0) return 0;
  }
}

/** Adds `by` to `array[at]`; returns the value before. */
function increment(array: Int32Array, at: number, by: number): number {
  const before = array[at] ?? 0;
  array[at] = before + by;
  return before;
}

/** The trie of the patterns, numbered breadth-first. */
interface Trie {
  size: number;
  parent: Int32Array;
  unitOf: Uint16Array;
  depth: Int32Array;
  /** 0: no pattern ends here; 1: a whole-token one; 2: one that may match anywhere. */
  ends: Uint8Array;
  /** 1 where the pattern ending here is cut before an open tail. */
  openTail: Uint8Array;
  longest: number;
  shortest: number;
  shortestAnywhere: number;
}

/** How many leading units two texts share. */
function commonPrefix(one: string, other: string): number {
  let length = 0;
  while (length < one.length && one.charCodeAt(length) === other.charCodeAt(length)) length += 1;
  return length;
}

/**
 * The trie, built depth by depth from the sorted patterns, so its states come out numbered breadth-first:
 * at depth d, a pattern long enough opens a new state unless it shares its first d units with the pattern
 * before it. Within a depth the states follow the patterns' order: grouped by parent, in parent order,
 * sorted by unit. Linear in the patterns' total length.
 */
function trieOf(patterns: readonly Pattern[]): Trie {
  const wholeTokenOnly = new Map<string, boolean>();
  const openTails = new Set<string>();
  for (const { text, wholeToken, openTail } of patterns) {
    if (text === '') continue;
    wholeTokenOnly.set(text, (wholeTokenOnly.get(text) ?? true) && wholeToken);
    if (openTail) openTails.add(text);
  }
  const texts = [...wholeTokenOnly.keys()].sort();
  const capacity = texts.reduce((sum, text) => sum + text.length, 1);
  const longest = texts.reduce((most, text) => Math.max(most, text.length), 0);
  const parent = new Int32Array(capacity);
  const unitOf = new Uint16Array(capacity);
  const depth = new Int32Array(capacity);
  const ends = new Uint8Array(capacity);
  const openTail = new Uint8Array(capacity);
  // The patterns still long enough, in order; each one's state at the depth before, and the units it
  // shares with the one before it among them.
  const alive = Int32Array.from(texts.keys());
  const stateOf = new Int32Array(texts.length);
  const shared = Int32Array.from(texts, (text, i) => (i === 0 ? 0 : commonPrefix(texts[i - 1] ?? '', text)));
  let size = 1;
  let count = texts.length;
  for (let level = 1; count > 0; level += 1) {
    if (count === 1) {
      // One pattern left (a long token's tail): the rest is a chain, one state per unit.
      const index = alive[0] ?? 0;
      const text = texts[index] ?? '';
      let state = stateOf[index] ?? 0;
      for (let at = level - 1; at < text.length; at += 1) {
        parent[size] = state;
        unitOf[size] = text.charCodeAt(at);
        depth[size] = at + 1;
        state = size++;
      }
      if (text.length >= level) {
        ends[state] = wholeTokenOnly.get(text) ? 1 : 2;
        if (openTails.has(text)) openTail[state] = 1;
      }
      break;
    }
    let kept = 0;
    // What a pattern shares with the previous one kept: through any that ended in between, the least.
    let through = Number.MAX_SAFE_INTEGER;
    let previous = -1;
    for (let k = 0; k < count; k += 1) {
      const index = alive[k] ?? 0;
      const text = texts[index] ?? '';
      const common = Math.min(through, shared[index] ?? 0);
      if (text.length < level) {
        through = common;
        continue;
      }
      through = Number.MAX_SAFE_INTEGER;
      let state = previous;
      if (kept === 0 || common < level) {
        state = size++;
        parent[state] = stateOf[index] ?? 0;
        unitOf[state] = text.charCodeAt(level - 1);
        depth[state] = level;
      }
      if (text.length === level) {
        ends[state] = wholeTokenOnly.get(text) ? 1 : 2;
        if (openTails.has(text)) openTail[state] = 1;
      }
      stateOf[index] = state;
      shared[index] = common;
      alive[kept++] = index;
      previous = state;
    }
    count = kept;
  }
  return {
    size,
    parent: parent.slice(0, size),
    unitOf: unitOf.slice(0, size),
    depth: depth.slice(0, size),
    ends: ends.slice(0, size),
    openTail: openTail.slice(0, size),
    longest,
    shortest: texts.reduce((least, text) => Math.min(least, text.length), longest),
    shortestAnywhere: texts.reduce(
      (least, text) => (wholeTokenOnly.get(text) ? least : Math.min(least, text.length)),
      longest,
    ),
  };
}

/** Builds the automaton of a set of patterns (duplicates merged: one that may match anywhere wins). */
export function buildAutomaton(patterns: readonly Pattern[]): Automaton {
  const { size: states, parent, unitOf, depth, ends, openTail, longest, shortest, shortestAnywhere } = trieOf(patterns);
  // Children of consecutive states are consecutive states: each state's first child, by counting.
  const children = new Int32Array(states);
  for (let state = 1; state < states; state += 1) increment(children, parent[state] ?? 0, 1);
  const firstChild = new Int32Array(states + 1);
  firstChild[0] = 1;
  for (let state = 0; state < states; state += 1) {
    firstChild[state + 1] = (firstChild[state] ?? 0) + (children[state] ?? 0);
  }
  const asciiStart = new Int32Array(states).fill(-1);
  let tables = 0;
  for (let state = 0; state < states && tables < MAX_TABLES; state += 1) {
    if (state === 0 || (children[state] ?? 0) >= WIDE) asciiStart[state] = 128 * tables++;
  }
  const automaton: Automaton = {
    states,
    shortest,
    longest,
    shortestAnywhere,
    fail: new Int32Array(states),
    depth,
    matchLength: new Int32Array(states),
    wholeTokens: ends.includes(1),
    openTail,
    wholeTokenLink: new Int32Array(states).fill(-1),
    firstChild,
    unitOf,
    asciiStart,
    ascii: new Int32Array(tables * 128),
  };
  linkFailures(automaton, parent, ends);
  return automaton;
}

/** Failure links, outputs and the ASCII tables, state by state in breadth-first order. */
function linkFailures(automaton: Automaton, parent: Int32Array, ends: Uint8Array): void {
  const { states, fail, depth, matchLength, wholeTokenLink, unitOf, asciiStart, ascii, openTail } = automaton;
  for (let state = 0; state < states; state += 1) {
    const up = parent[state] ?? 0;
    // The failure state: from the parent's, follow this state's unit (the steps of `transition`, inline).
    let failure = 0;
    if (up !== 0) {
      const unit = unitOf[state] ?? 0;
      for (let at = fail[up] ?? 0; ; at = fail[at] ?? 0) {
        const table = asciiStart[at] ?? -1;
        if (table >= 0 && unit < 128) {
          failure = ascii[table + unit] ?? 0;
          break;
        }
        const next = child(automaton, at, unit);
        if (next >= 0 || at === 0) {
          failure = Math.max(next, 0);
          break;
        }
      }
    }
    fail[state] = failure;
    const end = ends[state] ?? 0;
    const anywhere = end === 2 ? (depth[state] ?? 0) : state === 0 ? 0 : Math.max(matchLength[failure] ?? 0, 0);
    // The flag of the pattern `anywhere` measures: this state's own, or its suffix's.
    if (end !== 2) openTail[state] = state === 0 ? 0 : (openTail[failure] ?? 0);
    wholeTokenLink[state] = end === 1 ? state : state === 0 ? -1 : (wholeTokenLink[failure] ?? -1);
    matchLength[state] = anywhere === 0 && (wholeTokenLink[state] ?? -1) >= 0 ? -1 : anywhere;
    const table = asciiStart[state] ?? -1;
    if (table < 0) continue;
    for (let unit = 0; unit < 128; unit += 1) {
      const next = child(automaton, state, unit);
      ascii[table + unit] = next >= 0 ? next : state === 0 ? 0 : transition(automaton, failure, unit);
    }
  }
}
