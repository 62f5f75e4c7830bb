/**
 * The parts of a text to hide, gathered from every match (overlapping, nested, in any order) and replaced
 * in one pass, each maximal stretch by one marker.
 */
import { REDACTED } from '../../model/redaction.js';

/** Spans of one text: where each match starts and ends, merged when they overlap or touch. */
export interface Spans {
  /** Adds `[start, end)` (an empty span is ignored). */
  add(start: number, end: number): void;
  /**
   * `text` with each merged span replaced by {@link REDACTED}, and where position `cut` of `text` lands in the
   * result (past the marker of a span that holds it).
   */
  replaceIn(text: string, cut: number): { text: string; cut: number };
}

/**
 * Spans of a text `length` characters long, kept as the farthest end of a span starting at each position:
 * merged in one pass over the text, so even a match at every position costs linear time.
 */
export function spansOf(length: number): Spans {
  let reach: Int32Array | undefined;
  return {
    add(start, end) {
      reach ??= new Int32Array(length + 1);
      if (end > (reach[start] ?? 0)) reach[start] = end;
    },
    replaceIn(text, cut) {
      if (reach === undefined) return { text, cut };
      let out = '';
      let kept = 0;
      let movedCut = -1;
      for (let start = 0; start < length; start += 1) {
        let end = reach[start] ?? 0;
        if (end <= start) continue;
        // Spans that start inside this one, or where it ends, extend it.
        for (let at = start + 1; at <= end; at += 1) end = Math.max(end, reach[at] ?? 0);
        if (movedCut < 0 && cut < end) movedCut = out.length + (cut <= start ? cut : start) - kept;
        out += text.slice(kept, start);
        if (movedCut >= 0 && cut > start && cut < end) movedCut = out.length + REDACTED.length;
        out += REDACTED;
        kept = end;
        start = end;
      }
      if (movedCut < 0) movedCut = out.length + cut - kept;
      return { text: out + text.slice(kept), cut: movedCut };
    },
  };
}
