/**
 * One pass over a text: read it (canonically, or raw) and step the automaton with each unit read, in one
 * loop. Only the last units' starts are kept (a ring as long as the longest pattern), so a search needs no
 * memory in proportion to the text, and costs the same per character whatever the secrets.
 */
import { type Automaton, child } from './automaton.js';
import { ASCII_KIND, CLOSER, isInvisible, isSpaceLike, PLAIN, SPACE, WHITE } from './canonical.js';
import { type Decoded, mayStartEscape, readEscaped } from './escapes.js';

/** Counts automaton steps (transitions and failure links followed), so tests can check the work is linear. */
export const searchCounters = { steps: 0 };

/** Where a search reports what it found: each match as the span of the text it covers. */
export interface Found {
  add(start: number, end: number): void;
}

/** What a search is to do. */
export interface SearchRequest {
  automaton: Automaton;
  text: string;
  /** The part of the text to read. */
  from: number;
  to: number;
  /** Read escapes, white space and line folds canonically (`canonical.ts`), or every character as it is. */
  canonical: boolean;
  /** Stop at the first match. */
  first: boolean;
  found: Found | undefined;
  /** Where a canonical reading lists its escapes (flat `[start, end, …]`), if wanted. */
  escapes: number[] | undefined;
  /** Whether whole-token patterns (short secrets) count: not in decoded bytes, where they would by chance. */
  wholeTokens: boolean;
}

let ringSize = 256;
let ringStarts = new Int32Array(ringSize);
let ringUnits = new Uint16Array(ringSize);
/** Whole-token matches waiting for the two units after them (a surrogate pair is one character). */
const pending = { starts: [] as number[], ends: [] as number[], lasts: [] as number[] };
const decoded: Decoded = { next: 0, count: 0, first: 0, second: 0 };

function isLetterOrDigitCode(codePoint: number): boolean {
  if (codePoint < 0x80) {
    const lower = codePoint | 0x20;
    return (codePoint >= 0x30 && codePoint <= 0x39) || (lower >= 0x61 && lower <= 0x7a);
  }
  return LETTER_OR_DIGIT.test(String.fromCodePoint(codePoint));
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Whether the character made of `unit` (and `after`, when `unit` is a high surrogate) is a letter or digit. */
function startsWord(unit: number, after: number): boolean {
  if (unit >= 0xd800 && unit <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) {
    return isLetterOrDigitCode(0x10000 + ((unit - 0xd800) << 10) + (after - 0xdc00));
  }
  return unit >= 0 && isLetterOrDigitCode(unit);
}

/** Whether the character ending with `unit` (and `before`, when `unit` is a low surrogate) is a letter or digit. */
function endsWord(unit: number, before: number): boolean {
  if (unit >= 0xdc00 && unit <= 0xdfff && before >= 0xd800 && before <= 0xdbff) {
    return isLetterOrDigitCode(0x10000 + ((before - 0xd800) << 10) + (unit - 0xdc00));
  }
  return unit >= 0 && isLetterOrDigitCode(unit);
}

const lookahead: Decoded = { next: 0, count: 0, first: 0, second: 0 };

/**
 * Where the escape starting at `at` ends (`at` itself if none does): what swallowed an open tail. Of a run of
 * backslashes only the run: what follows it is the text's (a JSON string's closing `\\"`).
 */
function afterEscape(text: string, at: number): number {
  if (at >= text.length || !mayStartEscape(text.charCodeAt(at))) return at;
  if (text.charCodeAt(at) === 0x5c) {
    let end = at;
    while (text.charCodeAt(end) === 0x5c) end += 1;
    return end;
  }
  readEscaped(text, at, lookahead);
  return lookahead.next;
}

/**
 * Where the run of white space that `at` is in ends: a match ending in white space covers all of the run the
 * canonical reading merged into its one space (raw, escaped, or standing for nothing).
 */
function afterSpace(text: string, at: number): number {
  let end = at;
  while (end < text.length) {
    const unit = text.charCodeAt(end);
    if (isSpaceLike(unit) || isInvisible(unit)) {
      end += 1;
      continue;
    }
    if (!mayStartEscape(unit)) break;
    readEscaped(text, end, lookahead);
    const blank = (each: number) => isSpaceLike(each) || isInvisible(each);
    if (lookahead.count > 0 && !(blank(lookahead.first) && (lookahead.count === 1 || blank(lookahead.second)))) break;
    end = lookahead.next;
  }
  return end;
}

/** Where the escapes from `at` that stand for nothing (line folds, escaped invisible characters) end. */
function afterVanishing(text: string, at: number): number {
  let end = at;
  while (end < text.length && mayStartEscape(text.charCodeAt(end))) {
    readEscaped(text, end, lookahead);
    const vanishes =
      lookahead.count === 0 ||
      (isInvisible(lookahead.first) && (lookahead.count === 1 || isInvisible(lookahead.second)));
    if (!vanishes) break;
    end = lookahead.next;
  }
  return end;
}

/**
 * Reads `text[from, to)` and reports every match to `found` (the longest that may match anywhere at each
 * position; each longer whole-token match that stands alone). Returns whether any was found.
 */
export function search(request: SearchRequest): boolean {
  const { automaton, text, from, to, canonical, first, found, escapes } = request;
  const { fail, depth, matchLength, wholeTokenLink, asciiStart, ascii, openTail } = automaton;
  const wholeTokens = automaton.wholeTokens && request.wholeTokens;
  if (ringSize < automaton.longest + 4) {
    while (ringSize < automaton.longest + 4) ringSize *= 2;
    ringStarts = new Int32Array(ringSize);
    ringUnits = new Uint16Array(ringSize);
  }
  const mask = ringSize - 1;
  const starts = ringStarts;
  const units = ringUnits;
  pending.starts.length = 0;
  pending.ends.length = 0;
  pending.lasts.length = 0;
  let any = false;
  let state = 0;
  let steps = 0;
  let read = 0;
  let inSpace = false;
  // The second unit of an escape that stands for two (a surrogate pair), read on the next turn.
  let carried = -1;
  let at = from;
  // A raw reading of part of a text sees the characters either side, for whole-token matches at its edges.
  for (let before = Math.max(0, from - 2); !canonical && before < from; before += 1) {
    units[read & mask] = text.charCodeAt(before);
    read += 1;
  }
  while (at < to) {
    let unit = text.charCodeAt(at);
    let next = at + 1;
    if (carried >= 0) {
      unit = carried;
      carried = -1;
      next = decoded.next;
    } else if (canonical) {
      const kind = unit < 128 ? (ASCII_KIND[unit] ?? CLOSER) : CLOSER;
      if (kind === PLAIN) {
        inSpace = false;
      } else if (kind === WHITE) {
        if (inSpace) {
          at = next;
          continue;
        }
        unit = SPACE;
        inSpace = true;
      } else {
        readEscaped(text, at, decoded);
        next = decoded.next;
        if (escapes !== undefined && (next - at > 1 || decoded.count === 0)) escapes.push(at, next);
        // What the escape stands for, as the canonical reading keeps it: invisible units dropped, white space
        // one space per run. Zero, one or two units (a surrogate pair: the second is read on the next turn).
        unit = -1;
        for (let k = 0; k < decoded.count; k += 1) {
          let each = k === 0 ? decoded.first : decoded.second;
          if (isInvisible(each)) continue;
          if (isSpaceLike(each)) {
            if (inSpace) continue;
            each = SPACE;
            inSpace = true;
          } else {
            inSpace = false;
          }
          if (unit < 0) unit = each;
          else carried = each;
        }
        if (unit < 0) {
          at = next;
          continue;
        }
        if (carried >= 0) next = at;
      }
    }
    starts[read & mask] = at;
    if (wholeTokens) {
      units[read & mask] = unit;
      // Whole-token matches two units back can be judged now: is the character after them a letter or digit?
      if (pending.lasts.length > 0 && settle(read + 1, false, found)) any = true;
    }
    for (;;) {
      steps += 1;
      const table = asciiStart[state] ?? -1;
      if (table >= 0 && unit < 128) {
        state = ascii[table + unit] ?? 0;
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
    const output = matchLength[state] ?? 0;
    if (output !== 0) {
      const end = carried >= 0 ? decoded.next : next;
      if (output > 0) {
        // An echo ends after what its last character swallowed (an open tail) and what stands for nothing.
        const spaced = unit === SPACE ? afterSpace(text, end) : end;
        const reach = afterVanishing(text, openTail[state] === 1 ? afterEscape(text, spaced) : spaced);
        found?.add(starts[(read - output + 1) & mask] ?? 0, reach);
        any = true;
      }
      const firstWholeToken = wholeTokens ? (wholeTokenLink[state] ?? -1) : -1;
      for (let each = firstWholeToken; each >= 0; each = wholeTokenLink[fail[each] ?? 0] ?? -1) {
        const size = depth[each] ?? 0;
        if (size <= output) break;
        const firstUnit = read - size + 1;
        const before = firstUnit > 0 ? (units[(firstUnit - 1) & mask] ?? 0) : -1;
        const beforeThat = firstUnit > 1 ? (units[(firstUnit - 2) & mask] ?? 0) : -1;
        if (endsWord(before, beforeThat)) continue;
        pending.starts.push(starts[firstUnit & mask] ?? 0);
        pending.ends.push(end);
        pending.lasts.push(read);
      }
    }
    read += 1;
    if (first && any) break;
    at = next;
  }
  for (let after = to; !canonical && after < Math.min(text.length, to + 2); after += 1) {
    units[read & mask] = text.charCodeAt(after);
    read += 1;
  }
  if (pending.lasts.length > 0) any = settle(read, true, found) || any;
  searchCounters.steps += steps;
  return any;
}

/**
 * Reports the pending whole-token matches that can be judged now — those with two units read after them,
 * or all once the text has `ended` — that are not followed by a letter or digit. `read`: units read so far.
 */
function settle(read: number, ended: boolean, found: Found | undefined): boolean {
  const mask = ringSize - 1;
  let any = false;
  let kept = 0;
  for (let i = 0; i < pending.lasts.length; i += 1) {
    const last = pending.lasts[i] ?? 0;
    const start = pending.starts[i] ?? 0;
    const end = pending.ends[i] ?? 0;
    if (!ended && read - last < 3) {
      pending.starts[kept] = start;
      pending.ends[kept] = end;
      pending.lasts[kept] = last;
      kept += 1;
      continue;
    }
    const after = last + 1 < read ? (ringUnits[(last + 1) & mask] ?? 0) : -1;
    const afterThat = last + 2 < read ? (ringUnits[(last + 2) & mask] ?? 0) : -1;
    if (startsWord(after, afterThat)) continue;
    found?.add(start, end);
    any = true;
  }
  pending.starts.length = kept;
  pending.ends.length = kept;
  pending.lasts.length = kept;
  return any;
}
