import type { Span } from './worker-protocol.js';

/**
 * A passage longer than the model's input is embedded as overlapping windows rather than cut at the window
 * (transformers.js truncates silently): every character of it is in some window, each window fits, and the index
 * scores the passage by its best window. Windows end after a sentence where one falls in their second half, so
 * a window is a run of whole sentences where the text allows.
 */

/** Share of a window repeated at the start of the next, so a sentence cut at one window's edge is whole in the next. */
export const WINDOW_OVERLAP = 0.125;
const SENTENCE_END = /[。！？；!?;]/g;

/** Characters `[start, end)` after the last sentence end in the second half of the window, or `end` without one. */
function snapToSentence(text: string, start: number, end: number): number {
  const half = start + Math.floor((end - start) / 2);
  let best = end;
  for (const m of text.slice(half, end).matchAll(SENTENCE_END)) best = half + m.index + 1;
  return best;
}

/**
 * Windows of `text` such that `fits(start, end)` holds for each (the model takes `text.slice(start, end)` whole),
 * covering it from the first character to the last with `WINDOW_OVERLAP` overlap. One window when it fits whole.
 * Throws when not even one character fits (a model whose window cannot hold its own special tokens).
 */
export function windowSpans(text: string, fits: (start: number, end: number) => boolean): Span[] {
  if (text.length === 0 || fits(0, text.length)) return [[0, text.length]];
  const spans: Span[] = [];
  let start = 0;
  for (;;) {
    if (!fits(start, start + 1)) throw new Error('the model window cannot hold a single character');
    // The longest window from `start` that fits: token counts grow with the text, so a binary search finds it.
    let lo = start + 1;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(start, mid)) lo = mid;
      else hi = mid - 1;
    }
    if (lo === text.length) {
      spans.push([start, lo]);
      return spans;
    }
    const end = snapToSentence(text, start, lo);
    spans.push([start, end]);
    start = Math.max(start + 1, end - Math.floor((end - start) * WINDOW_OVERLAP));
  }
}

/** Whether the spans cover `length` characters with nothing left out (and nothing outside the text). */
export function coversText(spans: readonly Span[], length: number): boolean {
  if (length === 0) return true;
  let reached = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (start > reached || start >= end || end > length) return false;
    reached = Math.max(reached, end);
  }
  return reached === length;
}
