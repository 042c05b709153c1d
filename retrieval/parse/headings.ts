/**
 * Headings and the section path. UN documents mark heading levels by their numbering, not by layout:
 * `一.` / `I.` chapters, `A.` sections, `1.` subsections (which restart at 1 in every section), then
 * unnumbered headings below the deepest numbered one. Markdown `#` levels are ignored for the same
 * reason: converters assign them inconsistently.
 */
import { displayWidth, endsClause } from './chars.js';
import type { Line } from './line.js';

const CHAPTER = /^(?:[一二三四五六七八九十]{1,3}(?:\s*[.、．]|\s)|[IVXL]{1,6}\.)\s*\S/;
const SECTION = /^([A-Z])\.\s*\S/;
const SUBSECTION = /^\d{1,2}[.．](?!\d)\s*\S/;
/** Letters that are also Roman numerals: `I.` follows `H.` as a section, otherwise it is chapter I. */
const ROMAN_LETTERS = new Set(['I', 'V', 'X', 'L']);
/** `(a)`, `(i)`, `(1)`, `（一）`: items of a list inside a paragraph; `(2016)` after a wrap is a year, not an item. */
const LIST_LABEL = /^[(（](?:[a-z]{1,4}|\d{1,2}|[一二三四五六七八九十]{1,3})[)）]/;
/** A heading is one short line: at most 50 Chinese characters. */
const MAX_HEADING_WIDTH = 100;

const CHAPTER_LEVEL = 1;
const SECTION_LEVEL = 2;
const SUBSECTION_LEVEL = 3;

/** True for a line shaped like a heading: short, no sentence punctuation, not a list item. */
export function looksLikeHeading(line: Line): boolean {
  const text = line.text;
  return !line.bullet && !LIST_LABEL.test(text) && !endsClause(text) && !/[。；;]/.test(text) && /\p{L}/u.test(text) && displayWidth(text) <= MAX_HEADING_WIDTH;
}

export function isListItem(line: Line): boolean {
  return line.bullet || LIST_LABEL.test(line.text);
}

interface Heading {
  level: number;
  text: string;
}

/** The headings above the current line, outermost first. */
export class SectionPath {
  private stack: Heading[] = [];
  private numberedSeen = false;
  private bodySeen = false;

  /** Numbering level of a heading (1 chapter, 2 section, 3 subsection), or null when it has no number. */
  levelOf(text: string): number | null {
    const section = SECTION.exec(text)?.[1];
    if (section !== undefined) {
      if (!ROMAN_LETTERS.has(section)) return SECTION_LEVEL;
      const previous = this.stack.find((h) => h.level === SECTION_LEVEL)?.text.charCodeAt(0);
      return previous === section.charCodeAt(0) - 1 ? SECTION_LEVEL : CHAPTER_LEVEL;
    }
    if (CHAPTER.test(text)) return CHAPTER_LEVEL;
    if (SUBSECTION.test(text)) return SUBSECTION_LEVEL;
    return null;
  }

  add(text: string, level: number | null): void {
    if (level !== null && !this.numberedSeen) {
      // Title-page lines before the first numbered heading are not part of the document's structure.
      this.stack = [];
      this.numberedSeen = true;
    }
    const deepestNumbered = Math.max(0, ...this.stack.filter((h) => Number.isInteger(h.level)).map((h) => h.level));
    const effective = level ?? deepestNumbered + 0.5;
    this.stack = this.stack.filter((h) => h.level < effective);
    this.stack.push({ level: effective, text });
  }

  /** A heading that wrapped onto the next line. */
  extendLast(glue: string, more: string): void {
    const last = this.stack.at(-1);
    if (last) last.text += glue + more;
  }

  /** Called at the first paragraph: of a title page without numbered headings only the last line heads the body. */
  enterBody(): void {
    if (!this.numberedSeen && !this.bodySeen) this.stack = this.stack.slice(-1);
    this.bodySeen = true;
  }

  current(): string[] {
    return this.stack.map((h) => h.text);
  }
}
