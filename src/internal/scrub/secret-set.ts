/**
 * A set of secrets made ready for matching: one automaton over every form of every secret, built once per
 * set and cached — by the array passed (checked element by element, so a changed array is never served a
 * stale automaton) and by the set's content (a small LRU, bounded in entries and in states).
 */
import { type Automaton, buildAutomaton } from './automaton.js';
import { INVISIBLE } from './canonical.js';
import { patternsOf, rawForms } from './forms.js';
import { rawEdgesOf } from './find.js';

/** Base64 pieces shorter than this would match ordinary text by chance. */
const MIN_BASE64_CORE = 6;

/** A cut may fall inside an echo of a secret this many characters per secret character long, at most (`%252525E2`). */
const LONGEST_ENCODING_PER_UNIT = 32;

/** The secrets, ready: their automaton and what scrubbing needs to know about their lengths. */
export interface SecretSet {
  readonly automaton: Automaton;
  /** The shortest run of encoded characters that could hold a secret. */
  readonly shortestRun: number;
  /** How far from a cut an echo of a secret cut by it may start: the longest echo of the longest secret. */
  readonly cutMargin: number;
  /**
   * Where a raw echo may begin or end, to read the raw text only near escapes where one could; undefined to
   * read it near every escape (a secret found canonically only as a whole token: see `Pattern.decodedShort`).
   */
  readonly rawEdges: Uint32Array | undefined;
}

/** The secrets worth looking for: strings, their invisible characters removed and trimmed, not empty, once each. */
export function usableSecrets(secrets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string') continue;
    const trimmed = secret.replace(INVISIBLE, '').trim();
    if (trimmed !== '') out.add(trimmed);
  }
  return [...out];
}

function prepare(secrets: readonly string[]): SecretSet {
  const patterns = secrets.flatMap(patternsOf);
  const automaton = buildAutomaton(patterns);
  const longestSecret = secrets.reduce((most, secret) => Math.max(most, secret.length), 0);
  return {
    automaton,
    shortestRun: Math.max(MIN_BASE64_CORE, automaton.shortest),
    cutMargin: Math.max(64, longestSecret * LONGEST_ENCODING_PER_UNIT + 64),
    rawEdges: patterns.some((pattern) => pattern.decodedShort === true)
      ? undefined
      : rawEdgesOf(secrets.flatMap(rawForms)),
  };
}

/** Sets kept by content, most recently used last; bounded so thousands of secrets cannot pile up. */
const byContent = new Map<string, SecretSet>();
const MAX_SETS = 16;
const MAX_STATES = 1_000_000;
let statesKept = 0;

/** Sets kept by the array they were asked for with, and a copy of it to check it is unchanged. */
const byArray = new WeakMap<readonly string[], { copy: readonly string[]; set: SecretSet | undefined }>();

function sameElements(one: readonly string[], other: readonly string[]): boolean {
  if (one.length !== other.length) return false;
  for (let i = 0; i < one.length; i += 1) if (one[i] !== other[i]) return false;
  return true;
}

function byContentOf(usable: readonly string[]): SecretSet {
  // A separator no secret holds: NUL is invisible, so removed from every secret.
  const key = [...usable].sort().join('\u0000');
  const cached = byContent.get(key);
  if (cached !== undefined) {
    byContent.delete(key);
    byContent.set(key, cached);
    return cached;
  }
  const set = prepare(usable);
  byContent.set(key, set);
  statesKept += set.automaton.fail.length;
  for (const [oldKey, old] of byContent) {
    if (byContent.size <= 1 || (byContent.size <= MAX_SETS && statesKept <= MAX_STATES)) break;
    byContent.delete(oldKey);
    statesKept -= old.automaton.fail.length;
  }
  return set;
}

/** The prepared set of `secrets`, or undefined when none is worth looking for. */
export function secretSetOf(secrets: readonly string[]): SecretSet | undefined {
  const known = byArray.get(secrets);
  if (known !== undefined && sameElements(known.copy, secrets)) return known.set;
  const usable = usableSecrets(secrets);
  const set = usable.length === 0 ? undefined : byContentOf(usable);
  if (Array.isArray(secrets)) byArray.set(secrets, { copy: [...secrets], set });
  return set;
}
