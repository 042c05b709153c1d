/**
 * Re-laying a parsed document out the way UN PDFs are printed: the parse's outline (title block, headings,
 * paragraphs, footnotes) flowed into pages with running headers, footers with page and job numbers, footnotes
 * at the page bottom and hard wraps. The perturbed-layout test renders it as text in many ways; the fixture
 * generator (scripts/make-layout-fixtures.ts) renders the same blocks into PDF and DOCX. Nothing here names a
 * seed: every layout applies to any document.
 */
import { displayWidth } from '../../retrieval/parse/chars.js';
import type { OutlineItem } from '../../retrieval/parse/index.js';
import { spacesBetweenScripts } from '../../retrieval/parse/join-lines.js';
import type { Line } from '../../retrieval/parse/line.js';

export type BlockKind = 'title' | 'heading' | 'paragraph' | 'footnote';

export interface Block {
  kind: BlockKind;
  /** Logical lines: an author's line break separates them (list items, `建议 N`); layout only wraps inside one. */
  lines: string[];
}

const NOTE_LABEL = /^(?:\d{1,3}\s+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*|(?:\\?\*)+\s+|\[\^[^\]]+\]:\s*)/;

/** The blocks of a document from its parse, in reading order. */
export function blocksOf(outline: readonly OutlineItem[]): Block[] {
  return outline.map((item): Block => {
    if (item.kind === 'footnote') return { kind: 'footnote', lines: [item.text.replace(NOTE_LABEL, '').trim()] };
    if (item.kind !== 'unit') return { kind: item.kind, lines: [item.text] };
    const { unit } = item;
    const text = unit.kind === 'paragraph' ? `${unit.paragraph}. ${unit.text}` : unit.text;
    return { kind: 'paragraph', lines: text.split('\n') };
  });
}

const HAN = /\p{Script=Han}/u;
const CJK = /[\p{Script=Han}\u3001-\u303F\uFF00-\uFFEF\u2018-\u201D\u2014\u2026]/u;
const LATIN = /[A-Za-z0-9.,;:!?)\]%]/;

/**
 * Where a line may wrap so that re-joining it is unambiguous: between two CJK characters (no space is lost), or
 * at a space between Latin words (the space comes back as one). Index i means "break before character i".
 */
function breakOpportunities(chars: readonly string[], spaced: boolean): { at: number; skip: number }[] {
  const out: { at: number; skip: number }[] = [];
  for (let i = 1; i < chars.length; i++) {
    const before = chars[i - 1]!;
    const after = chars[i + 1] ?? '';
    if (CJK.test(before) && CJK.test(chars[i]!)) out.push({ at: i, skip: 0 });
    else if (chars[i] === ' ' && LATIN.test(before) && /[A-Za-z0-9([]/.test(after)) out.push({ at: i, skip: 1 });
    else if (chars[i] === ' ' && spaced && ((HAN.test(before) && /[A-Za-z0-9]/.test(after)) || (/[A-Za-z0-9]/.test(before) && HAN.test(after)))) {
      out.push({ at: i, skip: 1 });
    }
  }
  return out;
}

/**
 * Whether the document writes a space between Chinese and Latin letters or digits (`2019 年 9 月`): then a
 * wrap at such a space gives it back, and the layout may break there. The parser's own rule decides.
 */
export function spacesScripts(blocks: readonly Block[]): boolean {
  return spacesBetweenScripts(blocks.flatMap((b) => b.lines.map((text) => ({ text }) as Line)));
}

export interface WrapOptions {
  /** Font metrics for PDF output; display columns otherwise. */
  measure?: (s: string) => number;
  /**
   * Paragraph text: the last piece is kept clearly short of the column, as a word processor's paragraph end
   * is, so a wrap and an author's break stay distinguishable.
   */
  shortLast?: boolean;
  /** Footnotes never reach a unit: they may break anywhere, as a URL does. */
  anywhere?: boolean;
  /** The document spaces Chinese from Latin: spaces between them are break opportunities too. */
  spaced?: boolean;
  /** From this width on, a line reads as full (wrapped) to the reader: the parser's 90 % of the column by default. */
  full?: number;
}

/** Greedy wrapping at `width` (display columns, a CJK character being two, unless `measure` says otherwise). */
export function wrap(text: string, width: number, opts: WrapOptions = {}): string[] {
  const measure = opts.measure ?? displayWidth;
  const chars = [...text];
  const pieces: string[] = [];
  let start = 0;
  const opportunities = opts.anywhere ? anywhere(chars) : breakOpportunities(chars, opts.spaced ?? false);
  while (measure(chars.slice(start).join('')) > width) {
    const fitting = opportunities.filter((o) => o.at > start && measure(chars.slice(start, o.at).join('')) <= width);
    let chosen = fitting.at(-1) ?? null;
    // A short line that ends a sentence reads as the author's break: a typesetter would have broken at the space
    // after it, which this document's spacing cannot give back, so break one place earlier instead.
    const piece = (o: { at: number }) => chars.slice(start, o.at).join('');
    if (chosen && measure(piece(chosen)) < (opts.full ?? 0.9 * width) && /[。！？；：.!?;:]$/.test(piece(chosen))) chosen = fitting.at(-2) ?? chosen;
    if (!chosen) break;
    pieces.push(chars.slice(start, chosen.at).join(''));
    start = chosen.at + chosen.skip;
  }
  const rest = chars.slice(start).join('');
  if (opts.shortLast && measure(rest) >= 0.85 * width) {
    // A last piece that fills the column would read as a wrap: split it in two.
    const middle = opportunities.find((o) => {
      const head = chars.slice(start, o.at).join('');
      return o.at > start && measure(head) >= 0.4 * measure(rest) && !/[。！？；：.!?;:]$/.test(head);
    });
    if (middle && middle.at < chars.length - 1) {
      pieces.push(chars.slice(start, middle.at).join(''), chars.slice(middle.at + middle.skip).join(''));
      return pieces;
    }
  }
  pieces.push(rest);
  return pieces;
}

/** Any break that does not leave a line ending like a sentence (a note that ends a sentence ends there). */
function anywhere(chars: readonly string[]): { at: number; skip: number }[] {
  return chars.flatMap((ch, at) => (at > 0 && chars[at - 1] !== ' ' && ch !== ' ' && !/[.。!?;:！？；：]/.test(chars[at - 1]!) ? [{ at, skip: 0 }] : []));
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

export function superscript(n: number): string {
  return String(n)
    .split('')
    .map((d) => SUPERSCRIPT[Number(d)])
    .join('');
}

export interface PageFurniture {
  /** Lines printed above the text on page `page` of `pages` (1-based). */
  header?: (page: number, pages: number) => string[];
  footer?: (page: number, pages: number) => string[];
}

export interface TextLayout extends PageFurniture {
  name: string;
  /** Wrap width in display columns; null keeps one logical line per line (a Word export). */
  width: number | null;
  /** Body lines per page (fewer when the document would otherwise have fewer than `minPages` pages). */
  linesPerPage: number;
  minPages?: number;
  /** A blank line after every line, as some PDF extractors give. */
  blankLines?: boolean;
  /** Put before / after every line (indentation, trailing spaces). */
  indent?: string;
  trailing?: string;
  eol?: '\n' | '\r\n';
}

/** The job number printed in the footer of every page. */
export const JOB_NUMBER = 'V.19-38229';

/** Renders blocks as the text a PDF export of the re-laid document gives, and the furniture lines it added. */
export function renderText(blocks: readonly Block[], layout: TextLayout): { text: string; furniture: string[] } {
  const spaced = spacesScripts(blocks);
  let noteNumber = 0;
  const flowed = blocks.map((block) => {
    if (block.kind === 'footnote') {
      const text = `${superscript(++noteNumber)} ${block.lines[0]}`;
      return { note: true, lines: layout.width ? wrap(text, layout.width, { anywhere: true }) : [text] };
    }
    const shortLast = block.kind === 'paragraph';
    return { note: false, lines: block.lines.flatMap((logical) => (layout.width ? wrap(logical, layout.width, { shortLast, spaced }) : [logical])) };
  });
  const total = flowed.reduce((n, f) => n + (f.note ? 0 : f.lines.length), 0);
  const perPage = Math.max(1, Math.min(layout.linesPerPage, Math.ceil(total / (layout.minPages ?? 1))));

  const pages: { body: string[]; notes: string[] }[] = [];
  let page = { body: [] as string[], notes: [] as string[] };
  for (const f of flowed) {
    if (f.note) {
      page.notes.push(...f.lines);
      continue;
    }
    for (const line of f.lines) {
      if (page.body.length >= perPage) {
        pages.push(page);
        page = { body: [], notes: [] };
      }
      page.body.push(line);
    }
  }
  pages.push(page);

  const out: string[] = [];
  const furniture: string[] = [];
  const emit = (line: string) => {
    out.push(`${layout.indent ?? ''}${line}${layout.trailing ?? ''}`);
    if (layout.blankLines) out.push('');
  };
  pages.forEach((p, i) => {
    const header = layout.header?.(i + 1, pages.length) ?? [];
    const footer = layout.footer?.(i + 1, pages.length) ?? [];
    furniture.push(...header, ...footer);
    for (const line of header) emit(line);
    for (const line of p.body) emit(line);
    for (const line of p.notes) emit(line);
    for (const line of footer) emit(line);
    out.push('', '');
  });
  return { text: out.join(layout.eol ?? '\n'), furniture };
}
