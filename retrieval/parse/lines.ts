import { displayWidth } from './chars.js';
import { FOOTNOTE_RULE } from './footnotes.js';
import { isLoneSymbol, isPageFurniture, repeatedLines } from './furniture.js';
import type { Ledger } from './ledger.js';
import type { Line } from './line.js';
import { cleanMarkdownLine } from './markdown.js';
import type { SourceLine } from './source-line.js';

export type { Line } from './line.js';

/** Removed text that nobody reads again: it is booked with its line number so the report can show it. */
export interface RemovedLine {
  line: number;
  text: string;
}

/**
 * Turns the source lines into content lines. Blank lines go (they carry no structure in PDF exports); furniture
 * and footnotes the reader recognised, page furniture and running headers go to the ledger; Markdown syntax is
 * booked as markup.
 */
export function readLines(source: readonly SourceLine[], ledger: Ledger): { lines: Line[]; footnotes: RemovedLine[] } {
  const lines: Line[] = [];
  const footnotes: RemovedLine[] = [];
  const trimmed = source.map((s) => s.text.trim());
  const furniture = furnitureLines(source, trimmed);
  source.forEach((s, i) => {
    const line = i + 1;
    const raw = trimmed[i]!;
    if (s.markers) ledger.book('footnote', line, s.markers);
    if (raw === '') return;
    if (s.role === 'footnote') {
      ledger.book('footnote', line, raw);
      footnotes.push({ line, text: raw });
      return;
    }
    if (furniture[i]) {
      ledger.book('furniture', line, raw);
      return;
    }
    // A footnote rule is not Markdown emphasis: it stays as it is for the footnote stage.
    const md = FOOTNOTE_RULE.test(raw) ? { text: raw, heading: false, bullet: false } : cleanMarkdownLine(raw);
    ledger.book('markup', line, markupOf(raw, md.text));
    if (md.text === '') return;
    lines.push({
      line,
      raw,
      text: md.text,
      width: displayWidth(raw),
      markdownHeading: md.heading || s.heading === true,
      bullet: md.bullet,
      wrapped: s.wrapped,
    });
  });
  return { lines, footnotes };
}

/** Which lines are page furniture: by the reader's word, by shape, by repetition, and lone symbols by their place. */
function furnitureLines(source: readonly SourceLine[], trimmed: readonly string[]): boolean[] {
  const isRepeated = repeatedLines(trimmed.filter((_, i) => source[i]!.role === undefined));
  const furniture = trimmed.map((raw, i) => raw !== '' && (source[i]!.role === 'furniture' || isPageFurniture(raw) || isRepeated(raw)));
  const content = trimmed.flatMap((raw, i) => (raw === '' || source[i]!.role === 'footnote' ? [] : [i]));
  content.forEach((i, k) => {
    if (furniture[i] || !isLoneSymbol(trimmed[i]!)) return;
    const before = content[k - 1];
    const after = content[k + 1];
    furniture[i] = before === undefined || furniture[before] === true || (after !== undefined && furniture[after] === true);
  });
  return furniture;
}

/** The characters Markdown removal took out of a line (it only ever removes): booked as markup. */
function markupOf(raw: string, text: string): string {
  if (raw === text) return '';
  const kept = [...text.replace(/\s+/g, '')];
  let k = 0;
  let removed = '';
  for (const ch of raw.replace(/\s+/g, '')) {
    if (k < kept.length && ch === kept[k]) k++;
    else removed += ch;
  }
  return removed;
}
