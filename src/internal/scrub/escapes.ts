/**
 * Reading one character the way an echo may have written it: raw, JSON-escaped at any depth (`\"`, `\\\"`,
 * `\u00fc`), percent-encoded (`%C3%BC`, stacked `%25C3`), as an HTML entity (`&amp;`, `&#252;`, `&#xfc`) or as
 * YAML's `''`. Both the text and the secrets are read with this one function, so an encoding decoded on one
 * side is decoded identically on the other.
 *
 * Where an escape is ambiguous (`\\\"` is a quote two levels deep, or a backslash and a quote one level
 * deep) it is always read the same way, as the deepest escape; a secret that itself holds such a sequence is
 * also matched with it read literally (see `forms.ts`).
 */

/** What {@link readEscaped} read: where the next read starts, and the 0, 1 or 2 UTF-16 units it stands for. */
export interface Decoded {
  next: number;
  count: number;
  first: number;
  second: number;
}

/** Sets what was read: `next`, and the units `first` and `second` (-1: none). */
function put(out: Decoded, next: number, first: number, second = -1): void {
  out.next = next;
  out.count = first < 0 ? 0 : second < 0 ? 1 : 2;
  out.first = first;
  out.second = second;
}

/** Sets a code point as what was read: one unit, or a surrogate pair. */
function putCodePoint(out: Decoded, next: number, value: number): void {
  if (value > 0xffff) put(out, next, 0xd7c0 + (value >> 10), 0xdc00 + (value & 0x3ff));
  else put(out, next, value);
}

/** Reads what starts at `text[at]` (which must exist) into `out`. */
export function readEscaped(text: string, at: number, out: Decoded): void {
  const unit = text.charCodeAt(at);
  if (unit === 0x5c) return readBackslashes(text, at, out);
  if ((unit === 0x25 && readPercent(text, at, out)) || (unit === 0x26 && readEntity(text, at, out))) return;
  // YAML's `''` is one quote.
  put(out, unit === 0x27 && text.charCodeAt(at + 1) === 0x27 ? at + 2 : at + 1, unit);
}

/**
 * A run of backslashes and what follows it. JSON escapes a backslash by doubling it at each level, so the
 * run's length tells what it holds: before `u` + four hex digits, `n`, `r` or `t`, a power of two (1, 2, 4, 8)
 * is that escape at some level (`\u` a unit; `\n`, `\r`, `\t` white space), any other length an escaped
 * backslash and then the escape. Before `"`, `/` or `'`, any run is that character, escaped at some depth
 * (`\\\"` is also a backslash and a quote, one level deep: that reading is left to the secret's literal form;
 * before YAML's doubled quote the backslash is the text's). `\ ` (YAML) is a space, a longer run before white
 * space backslashes. Before a line break an odd run is a line fold (backslash, break and the next line's
 * indentation stand for nothing, or for one backslash after escaped ones), an even run backslashes. Any
 * other run stands for one backslash.
 */
function readBackslashes(text: string, at: number, out: Decoded): void {
  let end = at;
  while (text.charCodeAt(end) === 0x5c) end += 1;
  const run = end - at;
  const after = text.charCodeAt(end);
  const escaped =
    after === 0x75
      ? hexValue(text, end + 1, end + 5)
      : after === 0x6e
        ? 10
        : after === 0x72
          ? 13
          : after === 0x74
            ? 9
            : -1;
  if (escaped >= 0) {
    const next = end + (after === 0x75 ? 5 : 1);
    return (run & (run - 1)) === 0 ? put(out, next, escaped) : put(out, next, 0x5c, escaped);
  }
  if (
    after === 0x22 ||
    after === 0x2f ||
    (after === 0x27 && text.charCodeAt(end + 1) !== 0x27) ||
    (run === 1 && (after === 0x20 || after === 0x09))
  ) {
    return put(out, end + 1, after);
  }
  if ((after === 0x0a || after === 0x0d) && run % 2 === 1) {
    let next = end + (after === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
    while (text.charCodeAt(next) === 0x20 || text.charCodeAt(next) === 0x09) next += 1;
    return put(out, next, run > 1 ? 0x5c : -1);
  }
  put(out, end, 0x5c);
}

/** Where the last {@link percentByte} ended. */
let percentEnd = 0;

/**
 * The byte a `%XX` at `at` stands for, following stacked encodings (`%2541` is `%41`, so `A`) up to 8 levels
 * deep, so a read stays short; or -1. Sets {@link percentEnd}.
 */
function percentByte(text: string, at: number): number {
  let value = text.charCodeAt(at) === 0x25 ? hexValue(text, at + 1, at + 3) : -1;
  percentEnd = at + 3;
  for (let level = 0; value === 0x25 && level < 8; level += 1) {
    const inner = hexValue(text, percentEnd, percentEnd + 2);
    if (inner < 0) break;
    value = inner;
    percentEnd += 2;
  }
  return value;
}

/**
 * Percent-encoded UTF-8: one character from one to four `%XX` bytes, each possibly stacked. Where the deepest
 * stacking gives no character (`%2525` + `AA` is not the byte AA followed by anything valid), it is read one
 * level less deep: the last `%25` is a percent sign.
 */
function readPercent(text: string, at: number, out: Decoded): boolean {
  const lead = percentByte(text, at);
  const end = percentEnd;
  if (lead < 0) return false;
  let more = lead < 0x80 ? 0 : lead < 0xc2 ? -1 : lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : lead < 0xf5 ? 3 : -1;
  // The lead's payload bits: the bit under its length prefix is 0, so one mask serves every length.
  let value = lead & (0x7f >> more);
  let next = end;
  for (let k = 0; k < more; k += 1) {
    const byte = percentByte(text, next);
    if (byte < 0x80 || byte > 0xbf) more = -1;
    value = (value << 6) | (byte & 0x3f);
    next = percentEnd;
  }
  if (more >= 0 && value <= 0x10ffff) putCodePoint(out, next, value);
  else if (end > at + 3) put(out, end - 2, 0x25);
  else return false;
  return true;
}

/** The named entities a server's escaping produces, and what they stand for. */
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const ENTITY_NAMES = Object.keys(NAMED);

/** The digits of a numeric entity, hex or decimal. */
const HEX_DIGITS = /[\dA-Fa-f]*/y;
const DIGITS = /\d*/y;

/** `&#252;`, `&#xfc;` and the named entities a server's escaping produces, the `;` optional. */
function readEntity(text: string, at: number, out: Decoded): boolean {
  let end = at + 1;
  let value = 0;
  if (text.charCodeAt(end) === 0x23) {
    const hex = (text.charCodeAt(end + 1) | 0x20) === 0x78;
    const digits = hex ? HEX_DIGITS : DIGITS;
    const start = (digits.lastIndex = end + (hex ? 2 : 1));
    digits.test(text);
    end = digits.lastIndex;
    // No digits: NaN; too many: past the highest code point (or Infinity).
    value = parseInt(text.slice(start, end), hex ? 16 : 10);
  } else {
    const name = ENTITY_NAMES.find((each) => text.startsWith(each, end)) ?? '';
    end += name.length;
    value = NAMED[name]?.charCodeAt(0) ?? 0;
  }
  if (!(value > 0 && value <= 0x10ffff)) return false;
  putCodePoint(out, text.charCodeAt(end) === 0x3b ? end + 1 : end, value);
  return true;
}

/** The value of the hex digits `text[from, to)`, or -1 if any is not one (or the text ends first). */
export function hexValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const unit = text.charCodeAt(i);
    const lower = unit | 0x20;
    const digit = unit >= 0x30 && unit <= 0x39 ? unit - 0x30 : lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}
