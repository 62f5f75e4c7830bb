/**
 * The patterns one secret is looked for as: its canonical forms (matched on the text's canonical stream) and
 * its raw forms (matched on the text as it is).
 */
import { isInvisible, isSpaceLike } from './canonical.js';
import { type Decoded, mayStartEscape, readEscaped } from './escapes.js';

/** One string the matcher looks for, and whether it counts only as a whole token. */
export interface Pattern {
  text: string;
  /** Only where not directly preceded or followed by a letter or digit. */
  wholeToken: boolean;
}

/** Secrets (and canonical forms) shorter than this many characters are matched only as whole tokens. */
export const SHORT_SECRET = 8;

/**
 * How many escape-like sequences of one secret (`%41`, `\n`, `&amp;`, `''`) are tried both decoded and
 * literally in every combination; beyond this, only all decoded and all literal. (A secret `a%41\nb` may be
 * echoed with `%41` raw, so decoded, and `\n` escaped, so literal.)
 */
const MIXED_ESCAPES = 3;

const decoded: Decoded = { next: 0, count: 0, first: 0, second: 0 };

/** What one unit of a secret becomes in the canonical stream: classified as the text's units are. */
function canonicalUnit(unit: number): string {
  if (isInvisible(unit)) return '';
  return isSpaceLike(unit) ? ' ' : String.fromCharCode(unit);
}

/** A stretch of a secret as the canonical stream shows it decoded, and with its characters taken one by one. */
interface Sequence {
  decoded: string;
  literal: string;
}

/** A secret cut into sequences: stretches that read the same either way, and each escape-like sequence. */
function sequencesOf(secret: string): Sequence[] {
  const out: Sequence[] = [];
  let plain = '';
  for (let at = 0; at < secret.length; at = decoded.next) {
    const unit = secret.charCodeAt(at);
    if (!mayStartEscape(unit)) {
      // One character, read the same either way.
      plain += canonicalUnit(unit);
      decoded.next = at + 1;
      continue;
    }
    readEscaped(secret, at, decoded);
    let asDecoded = decoded.count > 0 ? canonicalUnit(decoded.first) : '';
    if (decoded.count > 1) asDecoded += canonicalUnit(decoded.second);
    let asLiteral = '';
    for (let i = at; i < decoded.next; i += 1) asLiteral += canonicalUnit(secret.charCodeAt(i));
    if (asDecoded === asLiteral) {
      plain += asDecoded;
      continue;
    }
    if (plain !== '') out.push({ decoded: plain, literal: plain });
    plain = '';
    out.push({ decoded: asDecoded, literal: asLiteral });
  }
  if (plain !== '') out.push({ decoded: plain, literal: plain });
  return out;
}

/**
 * The canonical forms of a secret: as the text's canonical stream would show any echo of it. Its
 * escape-like sequences are read as the text reads them (so `%41` in a secret is `A`, as `%41` or `%2541` in
 * an echo is) and, since an echo may have escaped their characters one by one, also literally: in every
 * combination for up to {@link MIXED_ESCAPES} of them, else all one way or all the other.
 */
export function canonicalForms(secret: string): string[] {
  const sequences = sequencesOf(secret);
  const bitOf = new Map<Sequence, number>();
  for (const each of sequences) if (each.decoded !== each.literal) bitOf.set(each, bitOf.size);
  // A mask's bit k set: the k-th escape-like sequence taken literally. -1 sets them all.
  const masks = bitOf.size <= MIXED_ESCAPES ? [...Array(2 ** bitOf.size).keys()] : [0, -1];
  const forms = new Set<string>();
  for (const mask of masks) {
    const form = sequences
      .map((each) => {
        const bit = bitOf.get(each);
        return bit !== undefined && (mask >> bit) & 1 ? each.literal : each.decoded;
      })
      .join('')
      .replace(/ {2,}/g, ' ');
    // A form of nothing but white space would match every space.
    if (/[^ ]/.test(form)) forms.add(form);
  }
  return [...forms];
}

/** Characters that may make a secret's canonical form differ from the secret itself. */
const MAY_CHANGE = /[\\%&'+\s\u00a0-\u00ad\u1680\u2000-\u206f\u3000\ufeff]/;

/**
 * The raw forms of a secret, matched on the text as it is where an escape in the text could have joined a
 * character of an echo with its neighbour (`C:\\` before a secret starting with `n`): the secret itself and
 * its JSON string content.
 */
export function rawForms(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1)])];
}

/** Every pattern of a secret (invisible characters removed and trimmed already). */
export function patternsOf(secret: string): Pattern[] {
  const short = isShort(secret);
  // Most secrets hold no escape and no white space: their one canonical form is themselves.
  const canonical = MAY_CHANGE.test(secret) ? canonicalForms(secret) : [secret];
  return [...new Set([...canonical, ...rawForms(secret)])].map((text) => ({
    text,
    wholeToken: short || isShort(text),
  }));
}

/** Whether a text has fewer than {@link SHORT_SECRET} characters (code points), without counting long ones. */
function isShort(text: string): boolean {
  if (text.length < SHORT_SECRET) return true;
  return text.length < 2 * SHORT_SECRET && [...text].length < SHORT_SECRET;
}
