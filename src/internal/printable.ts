/**
 * Characters that can change how text reads on a screen or in a file without being seen as what they are: C0
 * and C1 controls (line breaks included), DEL, the Unicode line and paragraph separators, bidirectional
 * overrides and isolates, zero-width characters, soft hyphens and byte-order marks.
 */
// eslint-disable-next-line no-control-regex
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** `\n`, `\t`, `\r` as such; anything else as `\uXXXX`. */
export function escapeCharacter(character: string): string {
  if (character === '\n') return '\\n';
  if (character === '\t') return '\\t';
  if (character === '\r') return '\\r';
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * @internal Text a server sent, made safe to print on one line: every unsafe character written as an escape
 * (`\n`, `\u2028`, `\u202e`), so a status holding a line break cannot forge a line of a plan or a table, and a
 * bidi override cannot reorder what a reviewer reads.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, escapeCharacter);
}
