/**
 * Credential fields written in text: the value of a field the credential-field rule names (`username`,
 * `password`, `token`, `apiKey`, …) is masked whatever it is, so an echo of a request body hides its username
 * without the username being known. Every quantifier is bounded, so the patterns stay linear on any input.
 */
import { CREDENTIAL_FIELD_PATTERN as NAME } from '../../model/credential-fields.js';
import type { Found } from './search.js';

/**
 * JSON in HTML (`&quot;password&quot;: &quot;…&quot;`) and URL-encoded JSON (`%22password%22%3A%22…%22`): a
 * field's pattern from how it writes a quote, a blank and a colon. Groups: what is kept before the value, and
 * after it.
 */
const quoted = (quote: string, blank: string, colon: string) =>
  String.raw`(${quote}${NAME}${quote}${blank}{0,16}${colon}${blank}{0,16}${quote})(?:(?!${quote}).){0,4096}(${quote})`;

/**
 * The credential fields, each a pattern whose groups are what is kept around the masked value — the last one
 * after it, the others before it (`<REDACTED>` is a value already masked): `"key": "value"` (any escaping depth, the quotes kept so echoed JSON still
 * parses), `'key': 'value'`, `key: value` and `key=value`; `<password>…</password>`; and {@link quoted}'s two.
 */
const CREDENTIAL_FIELDS = [
  String.raw`(\b${NAME}(?:\\{0,15}["'])?[ \t]{0,16}[:=][ \t]{0,16})(?:(\\{0,15}")(?:(?!\\{0,15}").){0,4096}(\\{0,15}")|(')(?:[^'\n]|''){0,4096}(')|(?!<REDACTED>)[^\s,;&"'}\]<]{1,4096}())`,
  String.raw`(<${NAME}>)[^<]{1,4096}(<\/${NAME}>)`,
  quoted('&quot;', '[ \\t]', ':'),
  quoted('%22', '(?:%20)', '%3A'),
].map((pattern) => new RegExp(pattern, 'giu'));

/** A quick test before the patterns run: could the text hold any credential field name at all? (Same flags: `ſecret` folds.) */
const ANY_FIELD_NAME = /user_?name|login|passw|secret|private_?key|token|api_?key/iu;

/** Whether `text` may hold a credential field: a cheap look for the names. */
export function mayHoldField(text: string): boolean {
  return ANY_FIELD_NAME.test(text);
}

/**
 * Reports to `found` the value of every credential field written in `text` (what its pattern's groups keep
 * around it left out), and returns whether there was any.
 */
export function findCredentialFields(text: string, found?: Found): boolean {
  let any = false;
  for (const pattern of mayHoldField(text) ? CREDENTIAL_FIELDS : []) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const kept = match.slice(1).filter((group) => group !== undefined);
      const start = match.index + kept.slice(0, -1).join('').length;
      found?.(start, match.index + match[0].length - (kept.at(-1) ?? '').length);
      any = true;
    }
  }
  return any;
}
