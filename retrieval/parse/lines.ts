import { displayWidth } from './chars.js';
import { FOOTNOTE_RULE } from './footnotes.js';
import { isPageFurniture } from './furniture.js';
import { cleanMarkdownLine } from './markdown.js';

/** One non-blank line of the document, trimmed, with its Markdown removed. */
export interface Line {
  /** The trimmed source line, before Markdown removal (footnote marks like `\*` are recognised on it). */
  raw: string;
  /** Clean text; footnote markers are removed from it later. */
  text: string;
  /** Printed width of the source line: a line as wide as the text column was hard-wrapped. */
  width: number;
  /** Written as a Markdown heading. */
  markdownHeading: boolean;
  /** Written as a list bullet. */
  bullet: boolean;
}

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
