/**
 * A set of secrets made ready for matching: one automaton over every form of every secret, built once per
 * set and cached — by the array passed (checked element by element, so a changed array is never served a
 * stale automaton) and by the set's content (a small LRU, bounded in entries and in states).
 */
import { type Automaton, buildAutomaton } from './automaton.js';
import { visible } from './chars.js';
import { rawEdgesOf } from './find.js';
import { patternsOf, rawForms } from './forms.js';

/** The secrets, ready: their automaton and what scrubbing needs to know about their lengths. */
export interface SecretSet {
  readonly automaton: Automaton;
  /** The shortest run of encoded characters that could hold a secret (base64 pieces shorter than 6 match by chance). */
  readonly shortestRun: number;
  /**
   * How far from a cut an echo of a secret cut by it may start: the longest echo of the longest secret, 32
   * characters per character at most (`%252525E2`).
   */
  readonly cutMargin: number;
  /**
   * Where a raw echo may begin or end, to read the raw text only near escapes where one could; undefined to
   * read it near every escape (a raw form too short to filter by).
   */
  readonly rawEdges: Uint32Array | undefined;
}

function prepare(secrets: readonly string[]): SecretSet {
  const automaton = buildAutomaton(secrets.flatMap(patternsOf));
  return {
    automaton,
    shortestRun: Math.max(6, automaton.shortest),
    cutMargin: 64 + 32 * secrets.reduce((most, secret) => Math.max(most, secret.length), 0),
    rawEdges: rawEdgesOf(secrets.flatMap(rawForms)),
  };
}

/** Sets kept by content, most recently used last; bounded so thousands of secrets cannot pile up. */
const byContent = new Map<string, SecretSet>();
let statesKept = 0;

/** Sets kept by the array they were asked for with, and a copy of it to check it is unchanged. */
const byArray = new WeakMap<readonly string[], [readonly string[], SecretSet | undefined]>();

/** The prepared set of `secrets`, or undefined when none is worth looking for. */
export function secretSetOf(secrets: readonly string[]): SecretSet | undefined {
  const known = byArray.get(secrets);
  if (known?.[0].length === secrets.length && known[0].every((secret, i) => secret === secrets[i])) return known[1];
  // The secrets worth looking for: strings, their invisible characters removed and trimmed, not empty, once each.
  const usable = [
    ...new Set(secrets.map((secret) => (typeof secret === 'string' ? visible(secret).trim() : ''))),
  ].filter(Boolean);
  // A separator no secret holds: NUL is invisible, so removed from every secret.
  const key = usable.sort().join('\u0000');
  let set = byContent.get(key);
  if (set !== undefined) byContent.delete(key);
  else if (usable.length > 0) {
    set = prepare(usable);
    statesKept += set.automaton.fail.length;
  }
  if (set !== undefined) byContent.set(key, set);
  for (const [oldKey, old] of byContent) {
    if (byContent.size <= 1 || (byContent.size <= 16 && statesKept <= 1_000_000)) break;
    byContent.delete(oldKey);
    statesKept -= old.automaton.fail.length;
  }
  if (Array.isArray(secrets)) byArray.set(secrets, [[...secrets], set]);
  return set;
}
