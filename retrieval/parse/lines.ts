import { displayWidth } from './chars.js';
import { FOOTNOTE_RULE } from './footnotes.js';
import { isPageFurniture } from './furniture.js';
import type { Line } from './line.js';
import { cleanMarkdownLine } from './markdown.js';

export type { Line } from './line.js';

/** Splits a document into content lines: blank lines and page furniture go (blank lines carry no structure in PDF exports). */
export function readLines(document: string): Line[] {
  const lines: Line[] = [];
  for (const sourceLine of document.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const raw = sourceLine.trim();
    if (raw === '' || isPageFurniture(raw)) continue;
    const md = cleanMarkdownLine(raw);
    if (md.text === '' && !FOOTNOTE_RULE.test(raw)) continue;
    lines.push({ raw, text: md.text, width: displayWidth(raw), markdownHeading: md.heading, bullet: md.bullet });
  }
  return lines;
}
