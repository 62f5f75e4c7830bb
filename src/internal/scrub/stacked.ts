/**
 * Encodings stacked on one another — base64 of URL-encoded text, URL-encoded base64, base64 of JSON whose
 * password needed escapes — and base64 itself: a run of encoded characters that decodes, up to three
 * layers, to text holding a secret (or a credential field) is hidden whole.
 */
import { holdsCredentialField } from './fields.js';
import { holdsSecret } from './find.js';
import { base64Decoded, decodeRun, findRuns, textStretches } from './runs.js';
import type { SecretSet } from './secret-set.js';
import type { Spans } from './spans.js';

/** Layers of encoding undone, at most. */
const MAX_LAYERS = 3;
/** Decoded text shorter than this is not searched for credential fields (`token=x` needs some length). */
const SHORTEST_FIELD = 16;

/**
 * Short secrets (whole-token patterns) count in a decoding only when it is all text and its run at least this
 * long: decodings of ordinary words are full of short random strings (a secret `k` is in some decoding of
 * `payload`).
 */
const SHORTEST_RUN_FOR_SHORT_SECRETS = 16;

/** A cheap first look for credential field names, before the exact patterns. */
const MAY_HOLD_FIELD = /user_?name|passw|secret|token|api_?key/iu;

/** Adds to `spans` every run of encoded characters in `text` whose decoding holds a secret. */
export function hideEncodedRuns(set: SecretSet, text: string, spans: Spans): void {
  const runs = findRuns(text, set.shortestRun);
  for (let i = 0; i < runs.length; i += 2) {
    const start = runs[i] ?? 0;
    const end = runs[i + 1] ?? 0;
    if (runHoldsSecret(set, text.slice(start, end), 1)) spans.add(start, end);
  }
}

function runHoldsSecret(set: SecretSet, run: string, layer: number): boolean {
  const { percent, stretches } = decodeRun(run, set.shortestRun);
  const long = run.length >= SHORTEST_RUN_FOR_SHORT_SECRETS;
  if (percent !== undefined && !readAlready(set, percent) && bytesHoldSecret(set, percent, layer, long) === FOUND) {
    return true;
  }
  for (const stretch of stretches) {
    for (let offset = 0; offset < 4 && stretch.length - offset >= Math.max(set.shortestRun, 2); offset += 1) {
      const outcome = bytesHoldSecret(set, base64Decoded(stretch, offset), layer, long);
      if (outcome === FOUND) return true;
      // Text from the first character: the blob starts there, and the other offsets are random bytes.
      if (offset === 0 && outcome === TEXT) break;
    }
  }
  return false;
}

/** What bytes decoded from a run turned out to be. */
const RANDOM = 0;
const TEXT = 1;
const FOUND = 2;

/** Characters that start an escape: percent-decoded text without any reads as the text around it read it. */
const ESCAPE_START = /[\\%&']/;

/**
 * Whether a run's percent-decoding was in effect read already: the canonical reading of the text holding the
 * run decodes `%XX` itself, so when the decoding holds no further escape, no field name and no encoded run,
 * reading it again would find nothing new.
 */
function readAlready(set: SecretSet, bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return !ESCAPE_START.test(text) && !MAY_HOLD_FIELD.test(text) && findRuns(text, set.shortestRun).length === 0;
}

/**
 * Whether bytes decoded from a run hold a secret in any form ({@link FOUND}): in each stretch of them that is
 * text (most are random: a wrong alignment). When they are all text ({@link TEXT} if nothing is found), also
 * a credential field, or a run that decodes (one layer further) to such text.
 */
function bytesHoldSecret(set: SecretSet, bytes: Uint8Array, layer: number, longRun: boolean): number {
  const stretches = textStretches(bytes, set.automaton.shortest);
  const decoder = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const allText = stretches.length === 2 && stretches[0] === 0 && stretches[1] === bytes.length;
  if (!allText) {
    for (let i = 0; i < stretches.length; i += 2) {
      if ((stretches[i + 1] ?? 0) - (stretches[i] ?? 0) < set.automaton.shortestAnywhere) continue;
      if (holdsSecret(set, decoder.toString('utf8', stretches[i], stretches[i + 1]), false)) return FOUND;
    }
    return RANDOM;
  }
  const text = decoder.toString('utf8');
  if (holdsSecret(set, text, longRun)) return FOUND;
  if (layer >= MAX_LAYERS) return TEXT;
  if (text.length >= SHORTEST_FIELD && MAY_HOLD_FIELD.test(text) && holdsCredentialField(text)) return FOUND;
  const runs = findRuns(text, set.shortestRun);
  for (let i = 0; i < runs.length; i += 2) {
    if (runHoldsSecret(set, text.slice(runs[i] ?? 0, runs[i + 1] ?? 0), layer + 1)) return FOUND;
  }
  return TEXT;
}
