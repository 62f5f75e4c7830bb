/**
 * A set of secrets made ready for matching: one automaton over every form of every secret, built once per
 * set and cached — by the array passed (checked element by element, so a changed array is never served a
 * stale automaton) and by the set's content (a small LRU, bounded in entries and in states).
 */
import { type Automaton, buildAutomaton } from './automaton.js';
import { INVISIBLE } from './chars.js';
import { rawEdgesOf } from './raw-edges.js';
import { patternsOf, rawForms } from './forms.js';

/** The secrets, ready: their automaton and what scrubbing needs to know about their lengths. */
export interface SecretSet {
  readonly automaton: Automaton;
  /** The shortest run of encoded characters that could hold a secret (base64 pieces shorter than 6 match by chance). */
  readonly shortestRun: number;
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
    rawEdges: rawEdgesOf(secrets.flatMap(rawForms)),
  };
}

/** Sets kept by content, most recently used last. */
const byContent = new Map<string, SecretSet>();

/** Sets kept by the array they were asked for with, and a copy of it to check it is unchanged. */
const byArray = new WeakMap<readonly string[], [readonly string[], SecretSet | undefined]>();

/** The prepared set of `secrets`, or undefined when none is worth looking for. */
export function secretSetOf(secrets: readonly string[]): SecretSet | undefined {
  const known = byArray.get(secrets);
  if (known?.[0].length === secrets.length && known[0].every((secret, i) => secret === secrets[i])) return known[1];
  // The secrets worth looking for: strings, their invisible characters removed and trimmed, not empty, once each.
  const usable = [
    ...new Set(secrets.map((secret) => (typeof secret === 'string' ? secret.replace(INVISIBLE, '').trim() : ''))),
  ].filter(Boolean);
  // A separator no secret holds: NUL is invisible, so removed from every secret.
  const key = usable.sort().join('\u0000');
  const set = key === '' ? undefined : (byContent.get(key) ?? prepare(usable));
  if (set !== undefined) {
    byContent.delete(key);
    byContent.set(key, set);
    // Bounded, so thousands of secrets cannot pile up: the newest sets kept, up to 16 and a million states.
    let states = 0;
    [...byContent].reverse().forEach(([older, each], newer) => {
      states += each.automaton.fail.length;
      if (newer > 0 && (newer >= 16 || states > 1_000_000)) byContent.delete(older);
    });
  }
  if (Array.isArray(secrets)) byArray.set(secrets, [[...secrets], set]);
  return set;
}
