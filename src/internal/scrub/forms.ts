/**
 * The patterns one secret is looked for as: its canonical forms (matched on the text's canonical reading) and
 * its raw forms (matched on the text as it is, near escapes).
 */
import { ANYWHERE, OPEN_TAIL, type Pattern } from './automaton.js';
import { canonicalText, classOf, ESCAPE_START } from './chars.js';
import { type Decoded, readEscaped } from './escapes.js';

/** Secrets shorter than this many characters (code points) are matched only as whole tokens. */
const SHORT_SECRET = 8;

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

/**
 * A secret cut into sequences, each with the ways the canonical reading may show it: a stretch that reads
 * the same every way has one; an escape-like sequence is read decoded, and literally (an echo may have
 * escaped each of its characters on its own); a run of backslashes also as the run read alone — one
 * backslash — and the rest one by one (an echo that escaped only the character after it), and as one
 * backslash and the escape decoded (the run split by a line fold).
 */
function sequencesOf(secret: string): string[][] {
  const out: string[][] = [];
  // What reads the same every way so far: `plain`, then the secret from `from` on.
  let plain = '';
  let from = 0;
  for (let at = 0; at < secret.length; at += 1) {
    if (classOf(secret.charCodeAt(at)) !== ESCAPE_START) continue;
    readEscaped(secret, at, decoded);
    // A `%` or `&` that starts no escape reads as itself.
    if (decoded.next === at + 1 && decoded.first === secret.charCodeAt(at)) continue;
    const asDecoded = canonicalText(String.fromCharCode(...[decoded.first, decoded.second].slice(0, decoded.count)));
    let run = at;
    while (secret.charCodeAt(run) === 0x5c) run += 1;
    const readings = new Set([asDecoded, canonicalText(secret.slice(at, decoded.next))]);
    if (run - at > 1) {
      readings.add(`\\${canonicalText(secret.slice(run, decoded.next))}`);
      if (decoded.count === 1) readings.add(`\\${asDecoded}`);
    }
    plain += secret.slice(from, at);
    if (readings.size > 1) {
      out.push([canonicalText(plain)], [...readings]);
      plain = '';
    } else {
      plain += asDecoded;
    }
    from = decoded.next;
    at = from - 1;
  }
  out.push([canonicalText(plain + secret.slice(from))]);
  return out;
}

/**
 * The canonical forms of a secret: as the text's canonical reading would show any echo of it. Its
 * escape-like sequences are read as the text reads them (so `%41` in a secret is `A`, as `%41` or `%2541` in
 * an echo is) and, since an echo may have escaped their characters one by one, also literally: in every
 * combination while there are at most {@link MIXED_FORMS}, else each reading for all of them at once.
 */
function canonicalForms(secret: string): string[] {
  const sequences = sequencesOf(secret);
  const combinations = sequences.reduce((product, readings) => product * readings.length, 1);
  const every = combinations <= MIXED_FORMS;
  const forms = new Set<string>();
  for (let choice = 0; choice < (every ? combinations : 3); choice += 1) {
    // In every combination, the choice is a number in mixed radix: one digit per sequence, its reading.
    let rest = choice;
    let form = '';
    for (const readings of sequences) {
      form += readings[every ? rest % readings.length : Math.min(choice, readings.length - 1)];
      rest = Math.floor(rest / readings.length);
    }
    forms.add(form.replace(/ {2,}/g, ' '));
  }
  return [...forms];
}

/** What may start an escape the canonical reading decodes; a secret without any reads plainly. */
const MAY_ESCAPE = /\\|%[0-9A-Fa-f]{2}|&(?:#|amp|lt|gt|quot|apos|nbsp)|''/;

/**
 * The raw forms of a secret, matched on the text as it is where an escape in the text could have joined a
 * character of an echo with its neighbour (`C:\\` before a secret starting with `n`): the secret itself and
 * its JSON string content at each of 4 levels of escaping (a JSON string in a JSON string …), when it has
 * characters JSON escapes.
 */
export function rawForms(secret: string): string[] {
  // eslint-disable-next-line no-control-regex
  if (!/["\\\u0000-\u001f\ud800-\udfff]/.test(secret)) return [secret];
  const forms = new Set([secret]);
  let escaped = secret;
  for (let level = 1; level <= 4; level += 1) forms.add((escaped = JSON.stringify(escaped).slice(1, -1)));
  return [...forms];
}

/**
 * The end of a form that an echo's next character may join into an escape: `%4` + `1`, `&#6` + `5;`, a
 * backslash + `n`. Such a form is also looked for without it (its echo then reads differently there).
 */
const OPEN_END = /(?:\\+|%(?:25)*[0-9A-Fa-f]?|&(?:#[xX]?[0-9A-Fa-f]*|[A-Za-z]{0,3}))$/;

/** Every pattern of a secret (invisible characters removed and trimmed already). */
export function patternsOf(secret: string): Pattern[] {
  const short = secret.length < 2 * SHORT_SECRET && [...secret].length < SHORT_SECRET;
  const out: Pattern[] = [];
  // Most secrets hold no escape: their canonical form is the secret, white space collapsed.
  for (const form of MAY_ESCAPE.test(secret) ? canonicalForms(secret) : [canonicalText(secret)]) {
    // A form of nothing but white space would match every space.
    if (!/[^ ]/.test(form)) continue;
    // A long secret's form made very short by decoding or collapsing white space (`%41%42%43` is `ABC`) is as
    // easily found by chance as a short secret: whole-token only too.
    out.push([form, short || form.length < SHORTEST_DECODED ? 0 : ANYWHERE]);
    // Cut before an open tail, only a long secret keeps enough of itself not to match ordinary text.
    const cut = short ? '' : form.slice(0, OPEN_END.exec(form)?.index ?? 0);
    if (cut.length >= SHORTEST_DECODED && /[^ ]/.test(cut)) out.push([cut, ANYWHERE | OPEN_TAIL]);
  }
  for (const form of rawForms(secret)) out.push([form, short ? 0 : ANYWHERE]);
  return out;
}
