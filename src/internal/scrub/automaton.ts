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
  /** Length of the shortest pattern, and of the longest. */
  readonly shortest: number;
  readonly longest: number;
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

/** A trie of the patterns, numbered depth-first as it is built from the sorted patterns. */
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
}

function trieOf(patterns: readonly Pattern[]): Trie {
  const wholeTokenOnly = new Map<string, boolean>();
  const openTails = new Set<string>();
  for (const { text, wholeToken, openTail } of patterns) {
    if (text === '') continue;
    wholeTokenOnly.set(text, (wholeTokenOnly.get(text) ?? true) && wholeToken);
    if (openTail) openTails.add(text);
  }
  // Sorted, the trie is built by appending: each pattern shares a prefix with the one before it.
  const texts = [...wholeTokenOnly.keys()].sort();
  const capacity = texts.reduce((sum, text) => sum + text.length, 1);
  const longest = texts.reduce((most, text) => Math.max(most, text.length), 0);
  const trie: Trie = {
    size: 1,
    parent: new Int32Array(capacity),
    unitOf: new Uint16Array(capacity),
    depth: new Int32Array(capacity),
    ends: new Uint8Array(capacity),
    openTail: new Uint8Array(capacity),
    longest,
    shortest: texts.reduce((least, text) => Math.min(least, text.length), longest),
  };
  const path = new Int32Array(longest + 1);
  let previous = '';
  for (const text of texts) {
    let common = 0;
    while (common < previous.length && previous.charCodeAt(common) === text.charCodeAt(common)) common += 1;
    for (let at = common; at < text.length; at += 1) {
      const node = trie.size++;
      trie.parent[node] = path[at] ?? 0;
      trie.unitOf[node] = text.charCodeAt(at);
      trie.depth[node] = at + 1;
      path[at + 1] = node;
    }
    trie.ends[path[text.length] ?? 0] = wholeTokenOnly.get(text) ? 1 : 2;
    if (openTails.has(text)) trie.openTail[path[text.length] ?? 0] = 1;
    previous = text;
  }
  return trie;
}

/** Builds the automaton of a set of patterns (duplicates merged: one that may match anywhere wins). */
export function buildAutomaton(patterns: readonly Pattern[]): Automaton {
  const trie = trieOf(patterns);
  const states = trie.size;
  // Breadth-first numbers: by depth, and within a depth by trie number — which groups siblings under their
  // parent, in parent order, sorted by unit (a stable counting sort).
  const byDepth = new Int32Array(trie.longest + 2);
  for (let node = 0; node < states; node += 1) increment(byDepth, (trie.depth[node] ?? 0) + 1, 1);
  for (let level = 0; level <= trie.longest; level += 1) increment(byDepth, level + 1, byDepth[level] ?? 0);
  const number = new Int32Array(states);
  for (let node = 0; node < states; node += 1) number[node] = increment(byDepth, trie.depth[node] ?? 0, 1);

  const parent = new Int32Array(states);
  const depth = new Int32Array(states);
  const unitOf = new Uint16Array(states);
  const ends = new Uint8Array(states);
  const openTail = new Uint8Array(states);
  for (let node = 0; node < states; node += 1) {
    const state = number[node] ?? 0;
    parent[state] = number[trie.parent[node] ?? 0] ?? 0;
    depth[state] = trie.depth[node] ?? 0;
    unitOf[state] = trie.unitOf[node] ?? 0;
    ends[state] = trie.ends[node] ?? 0;
    openTail[state] = trie.openTail[node] ?? 0;
  }
  const firstChild = new Int32Array(states + 1);
  firstChild[0] = 1;
  const children = new Int32Array(states);
  for (let state = 1; state < states; state += 1) increment(children, parent[state] ?? 0, 1);
  for (let state = 0; state < states; state += 1)
    firstChild[state + 1] = (firstChild[state] ?? 0) + (children[state] ?? 0);

  const asciiStart = new Int32Array(states).fill(-1);
  let tables = 0;
  for (let state = 0; state < states && tables < MAX_TABLES; state += 1) {
    if (state === 0 || (children[state] ?? 0) >= WIDE) asciiStart[state] = 128 * tables++;
  }
  const automaton: Automaton = {
    states,
    shortest: trie.shortest,
    longest: trie.longest,
    fail: new Int32Array(states),
    depth,
    matchLength: new Int32Array(states),
    wholeTokens: trie.ends.includes(1),
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
    const failure = state === 0 || up === 0 ? 0 : transition(automaton, fail[up] ?? 0, unitOf[state] ?? 0);
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
