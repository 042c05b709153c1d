/**
 * Hard-wrap detection. Text extracted from a PDF with its line breaks kept has most lines exactly as
 * wide as the page's text column; text exported one paragraph per line has no such common width.
 */
import type { Line } from './line.js';

/** A text column is at least this wide (20 Chinese characters). */
const MIN_COLUMN = 40;
/** Share of lines that must share the commonest width for the document to count as hard-wrapped. */
const MIN_SHARE = 0.15;
const MIN_LINES = 5;
/** Justified lines vary a little in width (Latin letters, digits and spaces are narrower). */
const FULL_LINE_RATIO = 0.9;

/** The column width of a hard-wrapped document, or null when lines were not wrapped. */
export function detectWrapWidth(lines: readonly Line[]): number | null {
  const counts = new Map<number, number>();
  for (const line of lines) counts.set(line.width, (counts.get(line.width) ?? 0) + 1);
  let mode = 0;
  let modeCount = 0;
  for (const [width, count] of counts) {
    if (count > modeCount || (count === modeCount && width > mode)) [mode, modeCount] = [width, count];
  }
  const wrapped = mode >= MIN_COLUMN && modeCount >= MIN_LINES && modeCount >= MIN_SHARE * lines.length;
  return wrapped ? mode : null;
}

/**
 * True when the line filled the column, i.e. the break after it was made by wrapping, not by the author.
 * A reader that saw the page (PDF) knows it; for text the column width tells.
 */
export function fillsColumn(line: Line, wrapWidth: number | null): boolean {
  if (line.wrapped !== undefined) return line.wrapped;
  return wrapWidth !== null && line.width >= FULL_LINE_RATIO * wrapWidth;
}
