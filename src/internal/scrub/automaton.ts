/**
 * An Aho–Corasick automaton: every pattern of every secret in one machine, so a text is read once, in time
 * linear in its length whatever the number and length of the secrets. Transitions are stored compactly
 * (sorted child lists; a direct table over ASCII only for the shallow states a scan visits most), so 2,000
 * secrets of 60 characters cost a few megabytes.
 */
/**
 * The automaton's states and transitions, in typed arrays. States are numbered breadth-first from the root
 * (0): the shallow states a scan visits most are packed together, and the children of consecutive states
 * are consecutive states, so an edge needs no target of its own.
 */
export interface Automaton {
  /** Length of the shortest pattern, and of the longest. */
  readonly shortest: number;
  readonly longest: number;
  /** The state of the longest proper suffix that is also a prefix of a pattern. */
  readonly fail: Int32Array;
  /** Length of the string that leads to each state. */
  readonly depth: Int32Array;
  /**
   * What ends at this state, in one number, so one load tells a scan whether to look closer: twice the length
   * of the longest pattern that may match anywhere ending here (its own or a suffix's), plus 1 if it is cut
   * before an open tail (its match hides the next escape too); 0 if nothing ends here; -1 if only whole-token
   * patterns do.
   */
  readonly output: Int32Array;
  /** The nearest state (this one or a suffix) where a whole-token pattern ends, or -1. */
  readonly wholeTokenLink: Int32Array;
  /** State `s`'s children are the states `firstChild[s] … firstChild[s+1]`, in increasing order of their unit. */
  readonly firstChild: Int32Array;
  /** The unit that leads to each state from its parent. */
  readonly unitOf: Uint16Array;
  /** The states below this number (the shallowest) have a direct table over ASCII. */
  readonly wide: number;
  /** Complete transitions (failures resolved) over ASCII of the wide states: state `s`'s start at `128 * s`. */
  readonly ascii: Int32Array;
}

/** How many states, the shallowest, get a direct table over ASCII: 1 MB at most. */
const MAX_TABLES = 2048;

/**
 * One string the matcher looks for (`forms.ts` makes them), and how a match of it counts: bits of
 * {@link ANYWHERE} and {@link OPEN_TAIL} — else only as a whole token, where not directly preceded or followed
 * by a letter or digit.
 */
export type Pattern = readonly [text: string, kind: number];

/** Set on every pattern: what ends at a trie state. */
const END = 1;
/** A pattern that may match anywhere, not only as a whole token. */
export const ANYWHERE = 2;
/**
 * A form cut before an open tail (see `forms.ts`): a match also hides the escape that follows it, which
 * swallowed that tail.
 */
export const OPEN_TAIL = 4;

/** The child of `state` along `unit`, or -1 (by bisection of its sorted children). */
export function child(automaton: Automaton, state: number, unit: number): number {
  const { firstChild, unitOf } = automaton;
  let low = firstChild[state] ?? 0;
  let high = firstChild[state + 1] ?? 0;
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
    if (at < automaton.wide && unit < 128) return automaton.ascii[128 * at + unit] ?? 0;
    const next = child(automaton, at, unit);
    if (next >= 0) return next;
    if (at === 0) return 0;
  }
}

/** How many leading units two texts share. */
function commonPrefix(one: string, other: string): number {
  let length = 0;
  while (length < one.length && one.charCodeAt(length) === other.charCodeAt(length)) length += 1;
  return length;
}

/** Builds the automaton of a set of patterns (duplicates merged: one that may match anywhere wins). */
export function buildAutomaton(patterns: readonly Pattern[]): Automaton {
  const kinds = new Map<string, number>();
  for (const [text, kind] of patterns) if (text !== '') kinds.set(text, (kinds.get(text) ?? END) | kind);
  const texts = [...kinds.keys()].sort();
  const capacity = texts.reduce((sum, text) => sum + text.length, 1);
  // The trie, in the depth-first order of the sorted texts: each one adds a state per unit past what it shares
  // with the one before, as the last child (so children come in increasing order of their unit).
  const units = new Uint16Array(capacity);
  const kindOf = new Uint8Array(capacity);
  const firstKid = new Int32Array(capacity);
  const sibling = new Int32Array(capacity);
  const path = [0];
  let size = 1;
  let previous = '';
  let shortest = capacity;
  let longest = 0;
  for (const text of texts) {
    const shared = commonPrefix(previous, text);
    for (let at = shared; at < text.length; at += 1) {
      units[size] = text.charCodeAt(at);
      // The first new state follows the last child its parent had (the previous text's), if any.
      if (at === shared && at < previous.length) sibling[path[at + 1] ?? 0] = size;
      else firstKid[path[at] ?? 0] = size;
      path[at + 1] = size++;
    }
    kindOf[path[text.length] ?? 0] = kinds.get(text) ?? 0;
    shortest = Math.min(shortest, text.length);
    longest = Math.max(longest, text.length);
    previous = text;
  }
  // Numbered again breadth-first: each state's children are appended to the queue as its turn comes.
  const order = new Int32Array(size);
  const parent = new Int32Array(size);
  const depth = new Int32Array(size);
  const unitOf = new Uint16Array(size);
  const kindAt = new Uint8Array(size);
  const firstChild = new Int32Array(size + 1);
  const wide = Math.min(size, MAX_TABLES);
  let queued = 1;
  for (let state = 0; state < size; state += 1) {
    firstChild[state] = queued;
    for (let kid = firstKid[order[state] ?? 0] ?? 0; kid !== 0; kid = sibling[kid] ?? 0) {
      parent[queued] = state;
      depth[queued] = (depth[state] ?? 0) + 1;
      unitOf[queued] = units[kid] ?? 0;
      kindAt[queued] = kindOf[kid] ?? 0;
      order[queued++] = kid;
    }
  }
  firstChild[size] = size;
  const automaton: Automaton = {
    shortest,
    longest,
    fail: new Int32Array(size),
    depth,
    output: new Int32Array(size),
    wholeTokenLink: new Int32Array(size).fill(-1),
    firstChild,
    unitOf,
    wide,
    ascii: new Int32Array(wide * 128),
  };
  link(automaton, parent, kindAt);
  return automaton;
}

/**
 * Failure links, outputs and the ASCII tables, state by state in breadth-first order: a wide state's table is
 * its failure's (shallower, so wide and done) with its own children written over it. (The root's failure is
 * itself, and reading its entries before they are set gives its own values: nothing ends there, no
 * transition leaves it but to its children.)
 */
function link(automaton: Automaton, parent: Int32Array, kindOf: Uint8Array): void {
  const { fail, depth, output, wholeTokenLink, firstChild, unitOf, wide, ascii } = automaton;
  for (let state = 0; state < fail.length; state += 1) {
    const up = parent[state] ?? 0;
    const failure = up === 0 ? 0 : transition(automaton, fail[up] ?? 0, unitOf[state] ?? 0);
    const kind = kindOf[state] ?? 0;
    fail[state] = failure;
    // Of the patterns ending here, the one that may match anywhere, else the longest such suffix's.
    const own = (kind & ANYWHERE) !== 0;
    const anywhere = own ? (depth[state] ?? 0) * 2 + (kind & OPEN_TAIL) / OPEN_TAIL : Math.max(output[failure] ?? 0, 0);
    wholeTokenLink[state] = (kind & (END | ANYWHERE)) === END ? state : (wholeTokenLink[failure] ?? -1);
    output[state] = anywhere === 0 && (wholeTokenLink[state] ?? -1) >= 0 ? -1 : anywhere;
    if (state < wide) ascii.copyWithin(128 * state, 128 * failure, 128 * failure + 128);
    for (let kid = firstChild[state] ?? 0; state < wide && kid < (firstChild[state + 1] ?? 0); kid += 1) {
      const unit = unitOf[kid] ?? 128;
      if (unit < 128) ascii[128 * state + unit] = kid;
    }
  }
}
