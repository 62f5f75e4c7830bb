import { copyJson } from './copy-json.js';
import { INVISIBLE } from './scrub/chars.js';
import { hideEncodedRuns } from './scrub/encoded-runs.js';
import { findCredentialFields } from './scrub/fields.js';
import { findSecrets } from './scrub/find.js';
import { secretSetOf } from './scrub/secret-set.js';
import { spansOf } from './scrub/spans.js';

/**
 * The SDK's one scrubber: hides secrets (the API key, bearer tokens, passwords) in text a server sent, before
 * that text is shaped (trimmed, collapsed, cut) into a message, a field, a log line or CLI output.
 *
 * A careless or hostile server may echo what it received in any encoding, so:
 * 1. Invisible characters (C0 and C1 controls but tab and line breaks, zero-width characters, soft hyphens,
 *    byte-order marks) are removed first: interleaved with a secret they would hide it from a pattern.
 * 2. The text is read once, canonically (`scrub/chars.ts` classifies every character, `scrub/escapes.ts`
 *    decodes, `scrub/search.ts` reads): JSON escapes at any depth
 *    (`\"`, `\\\"`, `\u00fc` in either case), percent-encoding (`%C3%BC`, stacked `%25C3`, `+`), HTML entities
 *    (`&amp;`, `&#252;`, `&#xfc;`, with or without `;`) and YAML's `''` decoded, any run of white space (or of
 *    its escapes) one space, `\`-escaped line folds gone — each canonical character remembering the span of
 *    the text it came from. Each secret (its surrounding white space trimmed) is read the same way
 *    (`scrub/forms.ts`), so one automaton over all the secrets (`scrub/automaton.ts`), stepped as the text is
 *    read, finds every echo in any mix of those encodings, character by character, whole, however long the
 *    secret. Near escapes the raw text is read too, so an escape next to an echo cannot hide it
 *    (`scrub/find.ts`).
 * 3. Base64 and base64url (alone or inside a longer blob, at any byte alignment, with MIME line breaks) and
 *    encodings stacked on one another are caught by decoding: a run of such characters that decodes (up to
 *    three layers) to text holding a secret or a credential field is hidden whole (`scrub/encoded-runs.ts`).
 * 4. The value of a credential field written in the text — `"password": "…"`, `username: …`, `token=…`,
 *    `<username>…</username>`, `&quot;username&quot;: &quot;…&quot;`, `%22username%22%3A%22…%22` — is masked
 *    whatever it is (`scrub/fields.ts`). This is how usernames are hidden: as whole field values, never inside
 *    free text.
 *
 * Everything found is a span of the text; the spans are merged and each stretch replaced by one marker, in
 * one pass (`scrub/spans.ts`).
 *
 * Secrets shorter than 8 characters would hide pieces of ordinary words (a password `a` would turn `already`
 * into `<REDACTED>lre<REDACTED>dy`), so they are matched only as a whole token, not directly preceded or
 * followed by a letter or digit. The work is linear in the text's length, whatever the number and length of
 * the secrets: the automaton is built once per set of secrets and cached (`scrub/secret-set.ts`).
 */
export function scrub(text: string, secrets: readonly string[], { fields = true }: ScrubOptions = {}): string {
  const value = String(text);
  return scrubbed(value, secrets, fields, value.length);
}

/**
 * {@link scrub}, up to where position `cut` of `text` lands in the result: all it holds came from `text`'s
 * head before `cut` (a marker for something that began before it is kept whole).
 */
function scrubbed(text: string, secrets: readonly string[], fields: boolean, cut: number): string {
  const visible = text.replace(INVISIBLE, '');
  const spans = spansOf();
  const set = secretSetOf(secrets);
  if (set !== undefined) {
    findSecrets(set, visible, spans.add);
    hideEncodedRuns(set, visible, spans);
  }
  if (fields) findCredentialFields(visible, spans.add);
  return spans.replaceIn(
    visible,
    cut >= text.length ? visible.length : text.slice(0, cut).replace(INVISIBLE, '').length,
  );
}

/** How much to hide. */
export interface ScrubOptions {
  /**
   * Whether the values of credential fields written in the text (rule 4) are masked too. On (the default) for
   * text a server sent; off for text that also holds the SDK's own words, where `config.password: is required`
   * is a message, not a field (the CLI's output: what the server said in it was scrubbed already).
   */
  fields?: boolean;
}

/** How far past a cut the scrubber reads, at least, so a secret across the cut is still recognized. */
const SCAN_MARGIN = 64 * 1024;

/**
 * Scrub first, then cut: the first `max` characters of the scrubbed text, safely. Scrubs only a bounded
 * prefix of a text (so a hostile 30 MB status costs little): it keeps what the scrubbed prefix holds of its
 * first part, and drops what came from its last part — as long as the longest echo of the longest secret —
 * where an echo cut in half by the bound could still show.
 */
export function scrubAndCut(text: string, secrets: readonly string[], max: number): string {
  const kept = max + SCAN_MARGIN;
  // How far from a cut an echo of a secret cut by it may start: 32 characters per character at most (`%252525E2`).
  const margin = 64 + 32 * (secretSetOf(secrets)?.automaton.longest ?? 0);
  const shown = scrubbed(String(text).slice(0, kept + margin), secrets, true, kept);
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}

/**
 * A deep copy of data from the server that is about to go inside an error: every string (and every key)
 * scrubbed of the secrets and cut to a readable length, and every credential field masked, at any depth
 * (past {@link copyJson}'s depth limit a value is replaced by a note).
 */
export function sanitize<T>(value: T, secrets: readonly string[]): T {
  return copyJson(value, (text) => scrubAndCut(text, secrets, 4096)) as T;
}
