/**
 * The parts of a text to hide, gathered from every match (overlapping, nested, in any order) and replaced
 * in one pass, each maximal stretch by one marker.
 */
import { REDACTED } from '../../model/redaction.js';

/** A set of `[start, end)` spans of one text, merged when they overlap or touch. */
export class Spans {
  #starts: Int32Array = new Int32Array(16);
  #ends: Int32Array = new Int32Array(16);
  #count = 0;
  readonly #length: number;

  /** Spans of a text `length` characters long. */
  constructor(length: number) {
    this.#length = length;
  }

  add(start: number, end: number): void {
    if (end <= start) return;
    if (this.#count === this.#starts.length) {
      this.#starts = grown(this.#starts);
      this.#ends = grown(this.#ends);
    }
    this.#starts[this.#count] = start;
    this.#ends[this.#count] = end;
    this.#count += 1;
  }

  /**
   * `text` with each merged span replaced by {@link REDACTED}, and where position `cut` of `text` lands in
   * the result (past the marker of a span that holds it).
   */
  replaceIn(text: string, cut = text.length): { text: string; cut: number } {
    if (this.#count === 0) return { text, cut };
    const parts: string[] = [];
    let length = 0;
    let movedCut = -1;
    let kept = 0;
    const keep = (upTo: number, spanEnd: number) => {
      if (movedCut < 0 && cut <= upTo) movedCut = length + (cut - kept);
      parts.push(text.slice(kept, upTo), REDACTED);
      length += upTo - kept + REDACTED.length;
      if (movedCut < 0 && cut < spanEnd) movedCut = length;
      kept = spanEnd;
    };
    let start = -1;
    let end = -1;
    for (const span of this.#byStart()) {
      const spanStart = this.#starts[span] ?? 0;
      const spanEnd = this.#ends[span] ?? 0;
      if (start >= 0 && spanStart <= end) {
        end = Math.max(end, spanEnd);
        continue;
      }
      if (start >= 0) keep(start, end);
      start = spanStart;
      end = spanEnd;
    }
    keep(start, end);
    parts.push(text.slice(kept));
    if (movedCut < 0) movedCut = length + (cut - kept);
    return { text: parts.join(''), cut: movedCut };
  }

  /**
   * The spans' indices in order of start: sorted when few, else by counting (linear in the text's length,
   * so a text holding a secret at every position still costs linear time).
   */
  #byStart(): Int32Array {
    const count = this.#count;
    const starts = this.#starts;
    if (count * 64 < this.#length) {
      return Int32Array.from({ length: count }, (_, i) => i).sort((a, b) => (starts[a] ?? 0) - (starts[b] ?? 0));
    }
    const first = new Int32Array(this.#length + 1);
    for (let i = 0; i < count; i += 1) first[(starts[i] ?? 0) + 1] = (first[(starts[i] ?? 0) + 1] ?? 0) + 1;
    for (let at = 0; at < this.#length; at += 1) first[at + 1] = (first[at + 1] ?? 0) + (first[at] ?? 0);
    const order = new Int32Array(count);
    for (let i = 0; i < count; i += 1) {
      const start = starts[i] ?? 0;
      const slot = first[start] ?? 0;
      order[slot] = i;
      first[start] = slot + 1;
    }
    return order;
  }
}

function grown(array: Int32Array): Int32Array {
  const out = new Int32Array(array.length * 2);
  out.set(array);
  return out;
}
