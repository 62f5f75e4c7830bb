/**
 * One pass over a text: read it (canonically, or raw) and step the automaton with each unit read, in one
 * loop. Only the last units' starts are kept (a ring as long as the longest pattern), so a search needs no
 * memory in proportion to the text, and costs the same per character whatever the secrets.
 */
import { type Automaton, child } from './automaton.js';
import { classOf, ESCAPE_START, INVISIBLE_UNIT, PLAIN, SPACE_LIKE } from './chars.js';
import { type Decoded, readEscaped } from './escapes.js';

/** Counts automaton steps (transitions and failure links followed), so tests can check the work is linear. */
export const searchCounters = { steps: 0 };

/**
 * How many numbers the last canonical reading wrote to its list of escapes, from the start: the list is
 * reused as it is, never shrunk (growing an array again costs more than the reading).
 */
export let escapesListed = 0;

/** Where a search reports each match: the span of the text it covers. */
export type Found = (start: number, end: number) => void;

let ringSize = 256;
let ringStarts = new Int32Array(ringSize);
let ringUnits = new Uint16Array(ringSize);
const decoded: Decoded = { next: 0, count: 0, first: 0, second: 0 };
const look: Decoded = { next: 0, count: 0, first: 0, second: 0 };

/** A letter or digit (of any script) starting, or ending, a string. */
const WORD_START = /^[\p{L}\p{N}]/u;
const WORD_END = /[\p{L}\p{N}]$/u;

/**
 * Whether the canonical reading of `text` from `at` starts with a letter or digit (`first`: a unit already
 * read, the second of an escape that stood for two).
 */
function wordAt(text: string, at: number, first: number): boolean {
  let units = first < 0 ? '' : String.fromCharCode(first);
  for (let next = at; next < text.length && units.length < 2; next = look.next) {
    readEscaped(text, next, look);
    for (let k = 0; k < look.count; k += 1) {
      const unit = k === 0 ? look.first : look.second;
      if (classOf(unit) !== INVISIBLE_UNIT) units += String.fromCharCode(unit);
    }
  }
  return WORD_START.test(units);
}

/**
 * Where the characters and escapes from `at` that stand for nothing end: invisible ones, line folds, and with
 * `spaces` white space too. (`1 << class` is 4 for an invisible unit, 2 for white space.)
 */
function afterBlank(text: string, at: number, spaces: boolean): number {
  const dropped = spaces ? 6 : 4;
  let end = at;
  for (; end < text.length; end = look.next) {
    readEscaped(text, end, look);
    if (
      look.count > 0 &&
      !((1 << classOf(look.first)) & dropped && (look.count < 2 || (1 << classOf(look.second)) & dropped))
    )
      break;
  }
  return end;
}

/**
 * Where an echo ending at `at` ends in the text: past the rest of the run of white space its last space was
 * merged from (`spaces`), past the escape that swallowed its open tail (`openTail`; of a run of backslashes
 * only the run: what follows it is the text's, a JSON string's closing `\\"`), and past the escapes after it
 * that stand for nothing (line folds, escaped invisible characters).
 */
function reachOf(text: string, at: number, spaces: boolean, openTail: boolean): number {
  let end = spaces ? afterBlank(text, at, true) : at;
  if (openTail && classOf(text.charCodeAt(end)) === ESCAPE_START) {
    if (text.charCodeAt(end) === 0x5c) {
      while (text.charCodeAt(end) === 0x5c) end += 1;
    } else {
      readEscaped(text, end, look);
      end = look.next;
    }
  }
  return afterBlank(text, end, false);
}

/**
 * Reads `text[from, to)` and reports every match to `found` (the longest that may match anywhere at each
 * position; each longer whole-token match that stands alone), or without `found` stops at the first; returns
 * whether there was any. With `escapes`, the reading is canonical — what the text says once every escape is
 * decoded, every run of white space is one space and every invisible character and line fold is gone — and
 * lists its escapes there (flat `[start, end, …]`, {@link escapesListed} numbers); without, raw: every character as it is. Whole-token
 * patterns count only with `wholeTokens`.
 */
export function search(
  automaton: Automaton,
  text: string,
  from: number,
  to: number,
  found: Found | undefined,
  escapes: number[] | undefined,
  wholeTokens: boolean,
): boolean {
  const { fail, depth, output, wholeTokenLink, wide, ascii } = automaton;
  const raw = escapes === undefined;
  if (!raw) escapesListed = 0;
  if (ringSize < automaton.longest + 4) {
    while (ringSize < automaton.longest + 4) ringSize *= 2;
    ringStarts = new Int32Array(ringSize);
    ringUnits = new Uint16Array(ringSize);
  }
  const mask = ringSize - 1;
  const starts = ringStarts;
  const units = ringUnits;
  // Before the first unit read, nothing: not a letter or digit.
  units[mask] = units[mask - 1] = 0;
  let any = false;
  let state = 0;
  let steps = 0;
  let read = 0;
  let inSpace = false;
  // The second unit of an escape that stands for two (a surrogate pair), read on the next turn.
  let carried = -1;
  let kind = PLAIN;
  let at = from;
  while (at < to) {
    let unit = text.charCodeAt(at);
    let next = at + 1;
    if (carried >= 0) {
      unit = carried;
      carried = -1;
      next = decoded.next;
    } else if (raw) {
      // Read as it is.
    } else if ((kind = classOf(unit)) === PLAIN) {
      inSpace = false;
    } else {
      // A unit of white space stands for itself, an escape for zero, one or two units (a surrogate pair: the
      // second is read on the next turn). Of those, the canonical reading drops invisible units and keeps one
      // space per run of white space.
      let count = 1;
      let first = unit;
      let second = -1;
      if (kind !== SPACE_LIKE) {
        readEscaped(text, at, decoded);
        ({ next, count, first, second } = decoded);
        if ((next - at > 1 || count === 0) && escapes !== undefined) {
          escapes[escapesListed++] = at;
          escapes[escapesListed++] = next;
        }
      }
      unit = -1;
      for (let k = 0; k < count; k += 1) {
        let each = k === 0 ? first : second;
        kind = classOf(each);
        if (kind === INVISIBLE_UNIT || (kind === SPACE_LIKE && inSpace)) continue;
        inSpace = kind === SPACE_LIKE;
        if (inSpace) each = 0x20;
        if (unit < 0) unit = each;
        else carried = each;
      }
      if (unit < 0) {
        at = next;
        continue;
      }
      if (carried >= 0) next = at;
    }
    starts[read & mask] = at;
    if (wholeTokens) units[read & mask] = unit;
    for (;;) {
      steps += 1;
      if (state < wide && unit < 128) {
        state = ascii[128 * state + unit] ?? 0;
        break;
      }
      const target = child(automaton, state, unit);
      if (target >= 0) {
        state = target;
        break;
      }
      if (state === 0) break;
      state = fail[state] ?? 0;
    }
    const ends = output[state] ?? 0;
    // The longest pattern that may match anywhere ending here (-1 if none: only whole-token ones).
    const longest = ends >> 1;
    if (ends !== 0) {
      const end = carried >= 0 ? decoded.next : next;
      if (longest > 0) {
        found?.(starts[(read - longest + 1) & mask] ?? 0, reachOf(text, end, unit === 0x20, (ends & 1) === 1));
        any = true;
      }
      // Longer whole-token matches, each where the characters either side are not letters or digits: in a raw
      // reading the text's own, in a canonical one those read before (kept in the ring) and after it.
      for (let each = wholeTokens ? (wholeTokenLink[state] ?? -1) : -1; each >= 0;) {
        const size = depth[each] ?? 0;
        if (size <= longest) break;
        each = wholeTokenLink[fail[each] ?? 0] ?? -1;
        const first = read - size + 1;
        const start = starts[first & mask] ?? 0;
        const before = raw
          ? text.slice(Math.max(0, start - 2), start)
          : String.fromCharCode(units[(first - 2) & mask] ?? 0, units[(first - 1) & mask] ?? 0);
        const standsAlone =
          !WORD_END.test(before) && !(raw ? WORD_START.test(text.slice(end, end + 2)) : wordAt(text, end, carried));
        if (standsAlone) {
          found?.(start, end);
          any = true;
        }
      }
    }
    read += 1;
    if (any && found === undefined) break;
    at = next;
  }
  searchCounters.steps += steps;
  return any;
}
