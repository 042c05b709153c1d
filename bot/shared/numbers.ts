/**
 * Whole numbers typed by people (settings, flags, arguments). Only plain digits count: `1e3`, `0x10`, `Infinity`
 * or `12.0` are refused rather than guessed at, and so is anything beyond the range a setting allows, which keeps
 * a number from being rounded (9007199254740993 is not a double) or shown back as `1e+23`.
 */
export interface WholeRange {
  min: number;
  max: number;
}

/** The number, or null when `raw` is not plain digits within the range. */
export function parseWhole(raw: string, range: WholeRange): number | null {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return null;
  // Compared as digits first: Number() of a long digit string rounds.
  const digits = text.replace(/^0+(?=\d)/, '');
  if (digits.length > String(range.max).length) return null;
  const n = Number(digits);
  return n >= range.min && n <= range.max ? n : null;
}

/** How a range is described in error messages: "a whole number from 1 to 100". */
export function describeRange({ min, max }: WholeRange): string {
  return `a whole number from ${min} to ${max}`;
}
