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
  count: 0 | 1 | 2;
  first: number;
  second: number;
}

const BACKSLASH = 0x5c;
const PERCENT = 0x25;
const AMPERSAND = 0x26;
const APOSTROPHE = 0x27;
const QUOTE = 0x22;
const SLASH = 0x2f;
const SEMICOLON = 0x3b;
const HASH = 0x23;
const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;
const SPACE = 0x20;
const HIGHEST_CODE_POINT = 0x10ffff;

/** The HTML entities a server's escaping produces, by name (without `&` and `;`). */
const NAMED_ENTITIES: readonly (readonly [string, number])[] = [
  ['amp', AMPERSAND],
  ['lt', 0x3c],
  ['gt', 0x3e],
  ['quot', QUOTE],
  ['apos', APOSTROPHE],
  ['nbsp', 0xa0],
];

/** Whether a character may start an escape: only then does {@link readEscaped} do more than copy it. */
export function mayStartEscape(unit: number): boolean {
  return unit === BACKSLASH || unit === PERCENT || unit === AMPERSAND || unit === APOSTROPHE;
}

/** Reads what starts at `text[at]` (which must exist) into `out`. */
export function readEscaped(text: string, at: number, out: Decoded): void {
  const unit = text.charCodeAt(at);
  if (unit === BACKSLASH) return readBackslashes(text, at, out);
  if (unit === PERCENT && readPercent(text, at, out)) return;
  if (unit === AMPERSAND && readEntity(text, at, out)) return;
  if (unit === APOSTROPHE && text.charCodeAt(at + 1) === APOSTROPHE) return one(out, at + 2, APOSTROPHE);
  one(out, at + 1, unit);
}

function one(out: Decoded, next: number, unit: number): void {
  out.next = next;
  out.count = 1;
  out.first = unit;
}

function codePoint(out: Decoded, next: number, value: number): void {
  out.next = next;
  if (value <= 0xffff) {
    out.count = 1;
    out.first = value;
    return;
  }
  out.count = 2;
  out.first = 0xd800 + ((value - 0x10000) >> 10);
  out.second = 0xdc00 + ((value - 0x10000) & 0x3ff);
}

/**
 * A run of backslashes and what follows it. JSON escapes a backslash by doubling it at each level, so the
 * run's length tells what it holds: before `u` + four hex digits, `n`, `r` or `t`, a power of two (1, 2, 4, 8)
 * is that escape at some level (`\u` a unit; `\n`, `\r`, `\t` white space), any other length an escaped
 * backslash and then the escape. Before `"`, `/` or `'`, any run is that character, escaped at some depth
 * (`\\\"` is also a backslash and a quote, one level deep: that reading is left to the secret's literal form).
 * `\ ` (YAML) is a space, a longer run before white space backslashes. Before a line break an odd run is a
 * line fold (backslash, break and the next line's indentation stand for nothing, or for one backslash after
 * escaped ones), an even run backslashes. Any other run stands for one backslash.
 */
function readBackslashes(text: string, at: number, out: Decoded): void {
  let end = at;
  while (text.charCodeAt(end) === BACKSLASH) end += 1;
  const run = end - at;
  const after = text.charCodeAt(end);
  switch (after) {
    case 0x75: {
      const unit = hexValue(text, end + 1, end + 5);
      if (unit >= 0) return escaped(out, end + 5, unit, run);
      break;
    }
    case 0x6e:
      return escaped(out, end + 1, LF, run);
    case 0x72:
      return escaped(out, end + 1, CR, run);
    case 0x74:
      return escaped(out, end + 1, TAB, run);
    case APOSTROPHE:
      // Before YAML's doubled quote, the backslash is the text's: the `''` is read next, as one quote.
      if (text.charCodeAt(end + 1) === APOSTROPHE) break;
      return one(out, end + 1, after);
    case QUOTE:
    case SLASH:
      return one(out, end + 1, after);
    case SPACE:
    case TAB:
      return run === 1 ? one(out, end + 1, after) : one(out, end, BACKSLASH);
    case CR:
    case LF: {
      if (run % 2 === 0) break;
      let next = end + (after === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
      while (text.charCodeAt(next) === SPACE || text.charCodeAt(next) === TAB) next += 1;
      if (run > 1) return one(out, next, BACKSLASH);
      out.next = next;
      out.count = 0;
      return;
    }
  }
  one(out, end, BACKSLASH);
}

/** An escape read after `run` backslashes: the unit alone if the run is a power of two, else after a backslash. */
function escaped(out: Decoded, next: number, unit: number, run: number): void {
  if ((run & (run - 1)) === 0) return one(out, next, unit);
  out.next = next;
  out.count = 2;
  out.first = BACKSLASH;
  out.second = unit;
}

/** Where the last {@link percentByte} ended. */
let percentEnd = 0;

/** Stacked percent-encoding is followed this many levels deep at most (`%25` repeated), so a read stays short. */
const MAX_STACK = 8;

/**
 * The byte a `%XX` at `at` stands for, following stacked encodings (`%2541` is `%41`, so `A`) up to `levels`
 * deep, or -1. Sets {@link percentEnd}.
 */
function percentByte(text: string, at: number, levels = MAX_STACK): number {
  if (text.charCodeAt(at) !== PERCENT) return -1;
  let value = hexValue(text, at + 1, at + 3);
  if (value < 0) return -1;
  let end = at + 3;
  for (let level = 0; value === PERCENT && level < levels; level += 1) {
    const inner = hexValue(text, end, end + 2);
    if (inner < 0) break;
    value = inner;
    end += 2;
  }
  percentEnd = end;
  return value;
}

/**
 * Percent-encoded UTF-8: one character from one to four `%XX` bytes, each possibly stacked. The deepest
 * stacking that gives a character wins; where it gives none (`%2525` + `AA` is not the byte AA followed by
 * anything valid), one level less is tried, down to `%25` alone: a percent sign.
 */
function readPercent(text: string, at: number, out: Decoded): boolean {
  for (let levels = MAX_STACK; levels >= 0; levels -= 1) {
    const lead = percentByte(text, at, levels);
    if (lead < 0) return false;
    const end = percentEnd;
    if (utf8At(text, lead, end, out)) return true;
    // Only a stacked `%25` can be read less deeply: one level less than this reading went.
    levels = Math.min(levels, (end - at - 3) / 2);
    if (levels === 0) return false;
  }
  return false;
}

/** The character whose UTF-8 starts with byte `lead`, its other bytes `%XX` from `end`: true if it is one. */
function utf8At(text: string, lead: number, end: number, out: Decoded): boolean {
  if (lead < 0x80) {
    one(out, end, lead);
    return true;
  }
  const continuations = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 ? 3 : 0;
  let value = lead & (continuations === 1 ? 0x1f : continuations === 2 ? 0x0f : 0x07);
  let valid = continuations > 0 && lead <= 0xf4;
  let next = end;
  for (let k = 0; valid && k < continuations; k += 1) {
    const byte = percentByte(text, next);
    valid = byte >= 0x80 && byte <= 0xbf;
    value = (value << 6) | (byte & 0x3f);
    next = percentEnd;
  }
  if (!valid || value > HIGHEST_CODE_POINT) return false;
  codePoint(out, next, value);
  return true;
}

/** `&#252;`, `&#xfc;` (either `;` optional) and the named entities a server's escaping produces. */
function readEntity(text: string, at: number, out: Decoded): boolean {
  if (text.charCodeAt(at + 1) === HASH) {
    const hex = (text.charCodeAt(at + 2) | 0x20) === 0x78;
    const start = at + (hex ? 3 : 2);
    let end = start;
    let value = 0;
    for (let digit = digitValue(text.charCodeAt(end), hex); digit >= 0; digit = digitValue(text.charCodeAt(end), hex)) {
      // Past the highest code point the value only grows: stop it there so it cannot overflow.
      value = Math.min(value * (hex ? 16 : 10) + digit, HIGHEST_CODE_POINT + 1);
      end += 1;
    }
    if (end === start || value === 0 || value > HIGHEST_CODE_POINT) return false;
    codePoint(out, text.charCodeAt(end) === SEMICOLON ? end + 1 : end, value);
    return true;
  }
  for (const [name, unit] of NAMED_ENTITIES) {
    if (text.startsWith(name, at + 1)) {
      const end = at + 1 + name.length;
      one(out, text.charCodeAt(end) === SEMICOLON ? end + 1 : end, unit);
      return true;
    }
  }
  return false;
}

/** The value of the hex digits `text[from, to)`, or -1 if any is not one (or the text ends first). */
function hexValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const digit = digitValue(text.charCodeAt(i), true);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

function digitValue(unit: number, hex: boolean): number {
  if (unit >= 0x30 && unit <= 0x39) return unit - 0x30;
  if (!hex) return -1;
  const lower = unit | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}
