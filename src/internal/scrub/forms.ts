/**
 * The patterns one secret is looked for as: its canonical forms (matched on the text's canonical stream) and
 * its raw forms (matched on the text as it is).
 */
import { isInvisible, isSpaceLike } from './canonical.js';
import { type Decoded, mayStartEscape, readEscaped } from './escapes.js';

/** One string the matcher looks for, and how a match of it counts. */
export interface Pattern {
  text: string;
  /** Only where not directly preceded or followed by a letter or digit. */
  wholeToken: boolean;
  /**
   * A form cut before its open tail (see {@link OPEN_TAIL}): a match also hides the escape that follows it,
   * which swallowed that tail.
   */
  openTail: boolean;
  /**
   * A form made very short by decoding (`%41%42%43` is `ABC`), so whole-token only where the secret is not:
   * the secret's raw forms must then be looked for near every escape, not only where one could join it.
   */
  decodedShort?: boolean;
}

/** Secrets shorter than this many characters are matched only as whole tokens. */
export const SHORT_SECRET = 8;

/**
 * A longer secret's canonical form decoded (or cut before an open tail) to fewer units than this
 * (`%41%42%43` is `ABC`) is matched only as a whole token too: it would match ordinary text by chance.
 */
const SHORTEST_DECODED = 4;

/**
 * How many canonical forms of one secret are tried in every combination of the readings of its escape-like
 * sequences (`%41`, `\n`, `&amp;`, `''`): 8 is three sequences read two ways each. Beyond this, each reading
 * for all sequences at once. (A secret `a%41\nb` may be echoed with `%41` raw, so decoded, and `\n`
 * escaped, so literal.)
 */
const MIXED_FORMS = 8;

const decoded: Decoded = { next: 0, count: 0, first: 0, second: 0 };

/** What one unit of a secret becomes in the canonical stream: classified as the text's units are. */
function canonicalUnit(unit: number): string {
  if (isInvisible(unit)) return '';
  return isSpaceLike(unit) ? ' ' : String.fromCharCode(unit);
}

/**
 * A stretch of a secret and the ways the canonical stream may show it: decoded first, then its characters
 * taken one by one (an echo may have escaped each on its own); for a run of backslashes also as the run read
 * alone — one backslash — and the rest one by one (an echo that escaped only the character after it), and as
 * one backslash and the escape decoded (the run split by a line fold).
 */
interface Sequence {
  readings: string[];
}

/** A secret cut into sequences: stretches that read the same every way, and each escape-like sequence. */
function sequencesOf(secret: string): Sequence[] {
  const out: Sequence[] = [];
  let plain = '';
  for (let at = 0; at < secret.length; at = decoded.next) {
    const unit = secret.charCodeAt(at);
    if (!mayStartEscape(unit)) {
      // One character, read the same every way.
      plain += canonicalUnit(unit);
      decoded.next = at + 1;
      continue;
    }
    readEscaped(secret, at, decoded);
    let asDecoded = decoded.count > 0 ? canonicalUnit(decoded.first) : '';
    if (decoded.count > 1) asDecoded += canonicalUnit(decoded.second);
    const literally = (from: number) => {
      let text = '';
      for (let i = from; i < decoded.next; i += 1) text += canonicalUnit(secret.charCodeAt(i));
      return text;
    };
    let run = at;
    while (secret.charCodeAt(run) === 0x5c) run += 1;
    const readings = new Set([asDecoded, literally(at)]);
    if (run - at > 1) {
      readings.add(`\\${literally(run)}`);
      // The run split by a line fold: an escaped backslash, then the escape read on its own.
      if (decoded.count === 1) readings.add(`\\${asDecoded}`);
    }
    if (readings.size === 1) {
      plain += asDecoded;
      continue;
    }
    if (plain !== '') out.push({ readings: [plain] });
    plain = '';
    out.push({ readings: [...readings] });
  }
  if (plain !== '') out.push({ readings: [plain] });
  return out;
}

/**
 * The canonical forms of a secret: as the text's canonical stream would show any echo of it. Its
 * escape-like sequences are read as the text reads them (so `%41` in a secret is `A`, as `%41` or `%2541` in
 * an echo is) and, since an echo may have escaped their characters one by one, also literally: in every
 * combination while there are at most {@link MIXED_FORMS}, else each reading for all of them at once.
 */
export function canonicalForms(secret: string): string[] {
  const sequences = sequencesOf(secret);
  const combinations = sequences.reduce((product, each) => product * each.readings.length, 1);
  const choices: ((each: Sequence, index: number) => number)[] = [];
  if (combinations <= MIXED_FORMS) {
    for (let combination = 0; combination < combinations; combination += 1) {
      // The combination as a number in mixed radix: one digit per sequence, its reading.
      const digits = new Map<number, number>();
      let rest = combination;
      sequences.forEach((each, index) => {
        digits.set(index, rest % each.readings.length);
        rest = Math.floor(rest / each.readings.length);
      });
      choices.push((_each, index) => digits.get(index) ?? 0);
    }
  } else {
    for (const reading of [0, 1, 2]) choices.push((each) => Math.min(reading, each.readings.length - 1));
  }
  const forms = new Set<string>();
  for (const choose of choices) {
    const form = sequences
      .map((each, index) => each.readings[choose(each, index)] ?? '')
      .join('')
      .replace(/ {2,}/g, ' ');
    // A form of nothing but white space would match every space.
    if (/[^ ]/.test(form)) forms.add(form);
  }
  return [...forms];
}

/** What may start an escape the canonical reading decodes; a secret without any reads plainly. */
const MAY_ESCAPE = /\\|%[0-9A-Fa-f]{2}|&(?:#|amp|lt|gt|quot|apos|nbsp)|''/;

/** Characters JSON escapes: a secret without them is its own JSON string content. */
// eslint-disable-next-line no-control-regex
const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON escaping levels the raw forms cover, as rule 3 promises (a JSON string in a JSON string …). */
const JSON_LEVELS = 4;

/**
 * The raw forms of a secret, matched on the text as it is where an escape in the text could have joined a
 * character of an echo with its neighbour (`C:\\` before a secret starting with `n`): the secret itself and
 * its JSON string content at each level of escaping.
 */
export function rawForms(secret: string): string[] {
  if (!JSON_ESCAPED.test(secret)) return [secret];
  const forms = new Set([secret]);
  let escaped = secret;
  for (let level = 1; level <= JSON_LEVELS; level += 1) {
    escaped = JSON.stringify(escaped).slice(1, -1);
    forms.add(escaped);
  }
  return [...forms];
}

/**
 * The end of a form that an echo's next character may join into an escape: `%4` + `1`, `&#6` + `5;`, a
 * backslash + `n`. Such a form is also looked for without it (its echo then reads differently there).
 */
const OPEN_TAIL = /(?:\\+|%(?:25)*[0-9A-Fa-f]?|&(?:#[xX]?[0-9A-Fa-f]*|[A-Za-z]{0,3}))$/;

/** Every pattern of a secret (invisible characters removed and trimmed already). */
export function patternsOf(secret: string): Pattern[] {
  const short = isShort(secret);
  // Most secrets hold no escape: their canonical form is themselves, each run of white space one space.
  const collapsed = secret.replace(/[\s+]+/g, ' ');
  const canonical = MAY_ESCAPE.test(secret) ? canonicalForms(secret) : /[^ ]/.test(collapsed) ? [collapsed] : [];
  const out: Pattern[] = [];
  for (const form of canonical) {
    // A form made very short by decoding (`%41%42%43` is `ABC`) is as easily found by chance as a short secret.
    const decodedShort = !short && form !== collapsed && form.length < SHORTEST_DECODED;
    out.push({ text: form, wholeToken: short || decodedShort, openTail: false, decodedShort });
    // Cut before an open tail, only a long secret keeps enough of itself not to match ordinary text.
    const tail = short ? null : OPEN_TAIL.exec(form);
    const cut = tail === null ? '' : form.slice(0, tail.index);
    if (cut.length >= SHORTEST_DECODED && /[^ ]/.test(cut)) out.push({ text: cut, wholeToken: false, openTail: true });
  }
  for (const form of rawForms(secret)) out.push({ text: form, wholeToken: short, openTail: false });
  return out;
}

/** Whether a text has fewer than {@link SHORT_SECRET} characters (code points), without counting long ones. */
function isShort(text: string): boolean {
  if (text.length < SHORT_SECRET) return true;
  return text.length < 2 * SHORT_SECRET && [...text].length < SHORT_SECRET;
}
