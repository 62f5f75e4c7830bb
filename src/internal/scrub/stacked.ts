/**
 * Encodings stacked on one another — base64 of URL-encoded text, URL-encoded base64, base64 of JSON whose
 * password needed escapes — and base64 itself: a run of encoded characters that decodes, up to three
 * layers, to text holding a secret (or a credential field) is hidden whole.
 */
import { holdsCredentialField } from './fields.js';
import { holdsSecret } from './find.js';
import { decodeRun, findRuns } from './runs.js';
import type { SecretSet } from './secret-set.js';
import type { Spans } from './spans.js';

/** Layers of encoding undone, at most. */
const MAX_LAYERS = 3;
/** Decoded text shorter than this is not searched for credential fields (`token=x` needs some length). */
const SHORTEST_FIELD = 16;

const REPLACEMENT = '\ufffd';

/** A cheap first look for credential field names, before the exact patterns. */
const MAY_HOLD_FIELD = /user_?name|passw|secret|token|api_?key/i;

/**
 * Whether bytes that are not all text (random bytes, or a binary blob) hold a secret: only their stretches
 * of text long enough for the shortest pattern are read. (Random bytes hardly ever hold 6 in a row.)
 */
function stretchHoldsSecret(set: SecretSet, decoded: string): boolean {
  const shortest = set.automaton.shortest;
  let start = 0;
  for (let at = 0; at <= decoded.length; at += 1) {
    if (at < decoded.length && decoded.charCodeAt(at) !== 0xfffd) continue;
    if (at - start >= shortest && holdsSecret(set, decoded.slice(start, at))) return true;
    start = at + 1;
  }
  return false;
}

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
  for (const decoded of decodeRun(run, set.shortestRun)) if (decodedHoldsSecret(set, decoded, layer)) return true;
  return false;
}

/**
 * Whether text decoded from a run holds a secret in any form, or — when it is text, not random bytes — a
 * credential field, or a run that decodes (one layer further) to such text.
 */
function decodedHoldsSecret(set: SecretSet, decoded: string, layer: number): boolean {
  // Replacement characters: bytes that are not UTF-8, so not text; no layer below it either.
  if (decoded.includes(REPLACEMENT)) return stretchHoldsSecret(set, decoded);
  if (holdsSecret(set, decoded)) return true;
  if (layer >= MAX_LAYERS) return false;
  if (decoded.length >= SHORTEST_FIELD && MAY_HOLD_FIELD.test(decoded) && holdsCredentialField(decoded)) return true;
  const runs = findRuns(decoded, set.shortestRun);
  for (let i = 0; i < runs.length; i += 2) {
    if (runHoldsSecret(set, decoded.slice(runs[i] ?? 0, runs[i + 1] ?? 0), layer + 1)) return true;
  }
  return false;
}
