/**
 * Credential fields written in text: the value of a field the credential-field rule names (`username`,
 * `password`, `token`, `apiKey`, …) is masked whatever it is, so an echo of a request body hides its username
 * without the username being known. Every quantifier is bounded, so the patterns stay linear on any input.
 */
import { CREDENTIAL_FIELD_PATTERN as NAME } from '../../model/credential-fields.js';
import { REDACTED } from '../../model/redaction.js';

/**
 * JSON in HTML (`&quot;password&quot;: &quot;…&quot;`) and URL-encoded JSON (`%22password%22%3A%22…%22`): a
 * field's pattern from how it writes a quote, a blank and a colon. Groups: what is kept before the value, and
 * after it.
 */
const quoted = (quote: string, blank: string, colon: string) =>
  String.raw`(${quote}${NAME}${quote}${blank}{0,16}${colon}${blank}{0,16}${quote})(?:(?!${quote}).){0,4096}(${quote})`;

/**
 * The credential fields, each a pattern whose groups are what is kept around the masked value — the last one
 * after it, the others before it: `"key": "value"` (any escaping depth, the quotes kept so echoed JSON still
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
 * `text` with the value of every credential field written in it masked, and where position `cut` of `text`
 * lands in the result (a field whose match straddles it is masked whole, and the cut moves past it).
 */
export function maskCredentialFields(text: string, cut = text.length): { text: string; cut: number } {
  if (!mayHoldField(text)) return { text, cut };
  let out = text;
  let at = cut;
  for (const pattern of CREDENTIAL_FIELDS) {
    let moved = at;
    out = out.replace(pattern, (match: string, ...rest: (string | number | undefined)[]) => {
      // After the groups come the match's offset and the whole string.
      const offset = rest[rest.length - 2] as number;
      const kept = rest.slice(0, -2).filter((group) => typeof group === 'string');
      const replacement = `${kept.slice(0, -1).join('')}${REDACTED}${kept.at(-1) ?? ''}`;
      if (offset + match.length <= at) moved += replacement.length - match.length;
      else if (offset < at) moved += offset + replacement.length - at;
      return replacement;
    });
    at = moved;
  }
  return { text: out, cut: at };
}

/** Whether `text` holds a credential field whose value is not masked yet. */
export function holdsCredentialField(text: string): boolean {
  return maskCredentialFields(text).text !== text;
}
