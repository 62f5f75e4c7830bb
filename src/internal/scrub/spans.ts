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
  // Which blocks of 64 positions have a span starting in them, so the pass skips the empty ones.
  const blocks = new Uint8Array((length >> 6) + 1);
  return {
    add(start, end) {
      reach ??= new Int32Array(length + 1);
      if (end <= (reach[start] ?? 0)) return;
      reach[start] = end;
      blocks[start >> 6] = 1;
    },
    replaceIn(text, cut) {
      const ends = reach;
      if (ends === undefined) return { text, cut };
      const parts: string[] = [];
      let written = 0;
      let kept = 0;
      let movedCut = -1;
      for (let start = 0; start < length; start += 1) {
        if (blocks[start >> 6] === 0) start |= 63;
        let end = ends[start] ?? 0;
        if (end <= start) continue;
        // Spans that start inside this one, or where it ends, extend it.
        for (let at = start + 1; at <= end; at += 1) end = Math.max(end, ends[at] ?? 0);
        if (movedCut < 0 && cut < end) {
          movedCut = written + (cut <= start ? cut - kept : start - kept + REDACTED.length);
        }
        parts.push(text.slice(kept, start), REDACTED);
        written += start - kept + REDACTED.length;
        kept = end;
        start = end;
      }
      if (movedCut < 0) movedCut = written + cut - kept;
      parts.push(text.slice(kept));
      return { text: parts.join(''), cut: movedCut };
    },
  };
}
