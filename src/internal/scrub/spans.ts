/**
 * The parts of a text to hide, gathered from every match (overlapping, nested, in any order) and replaced
 * in one pass, each maximal stretch by one marker.
 */
import { REDACTED } from '../../model/redaction.js';

/** Spans of one text: where each match starts and ends, merged when they overlap or touch. */
export interface Spans {
  /** Adds `[start, end)` (an empty one puts a marker there: a masked field's empty value). */
  add(start: number, end: number): void;
  /**
   * `text` with each merged span replaced by {@link REDACTED}, up to where position `cut` of `text` lands in the
   * result (past the marker of a span that holds it).
   */
  replaceIn(text: string, cut: number): string;
}

/**
 * Spans of a text, kept as the farthest end of a span at each start (the starts sorted as numbers, natively).
 * A span that starts inside the last one added extends it instead: matches mostly come in order of position,
 * so even a match at every position keeps one entry.
 */
export function spansOf(): Spans {
  const ends = new Map<number, number>();
  let last = -1;
  const endAt = (start: number) => ends.get(start) ?? start;
  return {
    add(start, end) {
      if (start >= last && start <= endAt(last)) {
        ends.set(last, Math.max(endAt(last), end));
      } else {
        ends.set(start, Math.max(ends.get(start) ?? end, end));
        last = start;
      }
    },
    replaceIn(text, cut) {
      const starts = Int32Array.from(ends.keys()).sort();
      const parts: string[] = [];
      let written = 0;
      let kept = 0;
      let movedCut = -1;
      for (let i = 0; i < starts.length;) {
        const start = starts[i] ?? 0;
        let end = endAt(start);
        // Spans that start inside this one, or where it ends, extend it.
        while (++i < starts.length && (starts[i] ?? 0) <= end) end = Math.max(end, endAt(starts[i] ?? 0));
        if (movedCut < 0 && cut < end) {
          movedCut = written + (cut <= start ? cut - kept : start - kept + REDACTED.length);
        }
        parts.push(text.slice(kept, start), REDACTED);
        written += start - kept + REDACTED.length;
        kept = end;
      }
      if (movedCut < 0) movedCut = written + cut - kept;
      parts.push(text.slice(kept));
      return parts.join('').slice(0, movedCut);
    },
  };
}
