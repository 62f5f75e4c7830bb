/**
 * Credential fields written in text: the value of a field the credential-field rule names (`username`, `password`, `token`, `apiKey`, …)
 * is masked whatever it is, so an echo of a request body hides its username without the username being
 * known. Every quantifier is bounded, so the patterns stay linear on any input.
 */
import { CREDENTIAL_FIELD_PATTERN } from '../../model/credential-fields.js';
import { REDACTED } from '../../model/redaction.js';

/** The field names whose values are masked where written in text: the one credential-field rule. */
const FIELD_NAME = CREDENTIAL_FIELD_PATTERN;

/** A field's pattern, and how a match is rewritten: the value masked, the name and quotes kept. */
interface FieldPattern {
  pattern: RegExp;
  mask: (match: string, ...groups: (string | undefined)[]) => string;
}

const CREDENTIAL_FIELDS: readonly FieldPattern[] = [
  {
    // "key": "value" (any escaping depth), 'key': 'value', key: value, key=value
    pattern: new RegExp(
      String.raw`(\b${FIELD_NAME}(?:\\{0,15}["'])?[ \t]{0,16}[:=][ \t]{0,16})(?:(\\{0,15}")(?:(?!\\{0,15}").){0,4096}\\{0,15}"|'(?:[^'\n]|''){0,4096}'|(?!<REDACTED>)[^\s,;&"'}\]<]{1,4096})`,
      'giu',
    ),
    mask: (match, key = '', quote) => {
      // Keep the quotes, so echoed JSON still parses.
      if (quote !== undefined) return `${key}${quote}${REDACTED}${quote}`;
      return match.charAt(key.length) === "'" ? `${key}'${REDACTED}'` : `${key}${REDACTED}`;
    },
  },
  {
    // <password>…</password>
    pattern: new RegExp(String.raw`(<(${FIELD_NAME})>)[^<]{1,4096}(<\/\2>)`, 'giu'),
    mask: (_match, open = '', _name, close = '') => `${open}${REDACTED}${close}`,
  },
  {
    // JSON in HTML: &quot;password&quot;: &quot;…&quot;
    pattern: new RegExp(
      String.raw`(&quot;${FIELD_NAME}&quot;[ \t]{0,16}:[ \t]{0,16}&quot;)(?:(?!&quot;).){0,4096}(&quot;)`,
      'giu',
    ),
    mask: (_match, open = '', close = '') => `${open}${REDACTED}${close}`,
  },
  {
    // URL-encoded JSON: %22password%22%3A%22…%22
    pattern: new RegExp(
      String.raw`(%22${FIELD_NAME}%22(?:%20){0,16}%3A(?:%20){0,16}%22)(?:(?!%22).){0,4096}(%22)`,
      'giu',
    ),
    mask: (_match, open = '', close = '') => `${open}${REDACTED}${close}`,
  },
];

/** Any field name at all: one quick look, so most texts skip the four exact patterns. (Same flags: `ſecret` folds.) */
/** A quick test before the patterns run: could the text hold any credential field name at all? */
const ANY_FIELD_NAME = /user_?name|login|passw|secret|private_?key|token|api_?key/iu;

/**
 * `text` with the value of every credential field written in it masked, and where position `cut` of `text`
 * lands in the result (a field whose match straddles it is masked whole, and the cut moves past it).
 */
export function maskCredentialFields(text: string, cut = text.length): { text: string; cut: number } {
  if (!ANY_FIELD_NAME.test(text)) return { text, cut };
  let out = text;
  let at = cut;
  for (const { pattern, mask } of CREDENTIAL_FIELDS) {
    let moved = at;
    out = out.replace(pattern, (match: string, ...rest: unknown[]) => {
      // After the groups come the match's offset and the whole string.
      const offset = rest[rest.length - 2] as number;
      const replacement = mask(match, ...(rest.slice(0, -2) as (string | undefined)[]));
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
