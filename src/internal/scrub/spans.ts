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
 * Spans of a text `length` characters long, kept as the farthest end of a span at each start. The starts are
 * sorted when they are few; when many, read off in one pass over the text, so even a match at every position
 * costs linear time.
 */
export function spansOf(length: number): Spans {
  const ends = new Map<number, number>();
  const endAt = (start: number) => ends.get(start) ?? start;
  return {
    add(start, end) {
      if (!ends.has(start) || end > endAt(start)) ends.set(start, end);
    },
    replaceIn(text, cut) {
      const starts =
        ends.size * 64 < length
          ? [...ends.keys()].sort((one, other) => one - other)
          : [...Array(length).keys()].filter((at) => ends.has(at));
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
