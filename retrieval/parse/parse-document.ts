/**
 * UN document parser: turns a document's lines (text exported from PDF/Word, Markdown, or the line stream of
 * the PDF and DOCX readers) into units — every numbered paragraph once and whole, each `建议 N` recommendation,
 * and the summary (概要) — and accounts for every character it did not put into a unit.
 *
 * The rules are structural, not per-document: page furniture and footnotes are dropped first
 * (parse/furniture.ts, parse/footnotes.ts), paragraph numbers are found by sequence
 * (parse/paragraph-starts.ts), headings by their numbering and shape (parse/headings.ts), and lines
 * are joined according to whether the break was the author's or the page layout's (parse/join-lines.ts).
 */

import type { Lang, Unit } from '../types.js';
import { detectLang } from '../util/lang.js';
import { displayWidth, endsClause, endsSentence } from './chars.js';
import { stripFootnotes } from './footnotes.js';
import { looksLikeHeading, SectionPath } from './headings.js';
import { headingGlue, type JoinStyle, separatorBetween, spacesBetweenScripts } from './join-lines.js';
import { Ledger, type LedgerCategory, type LedgerEntry, visibleLength } from './ledger.js';
import { type Line, type RemovedLine, readLines } from './lines.js';
import { type Numbering, numberedLine, resolveNumbering } from './paragraph-starts.js';
import type { ParseProblem } from './problems.js';
import { type SourceLine, textLines } from './source-line.js';
import { detectWrapWidth, fillsColumn } from './wrap-width.js';

/** Bump whenever the units produced for the same input change: indexes built by an older parser are rebuilt. */
export const PARSER_VERSION = '2.1.0';

const RECOMMENDATION_HEADING = /^(?:建议|Recommendation)\s*(\d{1,3})$/i;
const SUMMARY_HEADING = /^(?:概要|摘要|summary)$/i;
/** How much of a line a warning quotes. */
const EXCERPT = 60;

/** The document in reading order as the parser understood it: what a re-layout (tests, fixtures) re-creates. */
export type OutlineItem =
  | { kind: 'title'; line: number; text: string }
  | { kind: 'heading'; line: number; text: string }
  | { kind: 'unit'; line: number; unit: Unit }
  | { kind: 'footnote'; line: number; text: string };

export interface ParsedDocument {
  /** The language of the text, which every unit carries: it decides how footnote marks and wraps are read. */
  lang: Lang;
  units: Unit[];
  outline: OutlineItem[];
  problems: ParseProblem[];
  ledger: readonly LedgerEntry[];
  /** Non-space characters of the source, and how many of them each category took. */
  characters: { source: number; booked: Record<LedgerCategory, number> };
}

/** Walks the content lines once, keeping the open units and the section path. */
class Assembler {
  private readonly units: Unit[] = [];
  readonly outline: OutlineItem[] = [];
  private readonly path = new SectionPath();
  private paragraph: Unit | null = null;
  private recommendation: Unit | null = null;
  private summary: Unit | null = null;
  private summarySeen = false;
  /** Lines before the first paragraph, numbered heading or summary are the title block. */
  private bodyStarted = false;
  /** Last line added to the open units, to decide how the next one joins it. */
  private lastLine: Line | null = null;
  /** The author's line break after a recommendation heading. */
  private breakBeforeNext = false;
  /** The previous line, when it was a heading (it may wrap onto this one). */
  private lastHeading: Line | null = null;
  private nextRecommendation = 1;
  /** The previous title-page line taken as text, when the line before this one was one. */
  private lastTitleLine: Line | null = null;

  constructor(
    private readonly source: string,
    private readonly lines: readonly Line[],
    private readonly numbering: Numbering,
    private readonly style: JoinStyle,
    private readonly ledger: Ledger,
  ) {}

  run(): Unit[] {
    for (const [index, line] of this.lines.entries()) this.take(line, index);
    return this.units;
  }

  private take(line: Line, index: number): void {
    const titleLine = this.lastTitleLine;
    this.lastTitleLine = null;
    const paragraphNumber = this.numbering.paragraphs.get(index);
    const previousHeading = this.lastHeading;
    this.lastHeading = null;
    if (paragraphNumber !== undefined) {
      this.startParagraph(paragraphNumber, line);
      return;
    }

    const recommendation = RECOMMENDATION_HEADING.exec(line.text);
    if (this.paragraph && recommendation && Number(recommendation[1]) === this.nextRecommendation) {
      this.startRecommendation(line);
      return;
    }
    const level = this.path.levelOf(line.text);
    if (line.markdownHeading) {
      this.startHeading(line, level);
      return;
    }

    if (previousHeading && this.continuesHeading(previousHeading, line, level)) {
      this.path.extendLast(headingGlue(previousHeading, line, this.style), line.text);
      const heading = this.outline.at(-1);
      if (heading?.kind === 'heading' || heading?.kind === 'title') heading.text += headingGlue(previousHeading, line, this.style) + line.text;
      this.book(line);
      this.lastHeading = line;
      return;
    }
    if (titleLine && level === null && this.style.fillsColumn(titleLine) && !endsSentence(titleLine.text)) {
      this.appendText(line, titleLine);
      return;
    }
    if (this.paragraph && this.numbering.listItems.has(index)) {
      this.appendText(line, titleLine);
      return;
    }
    if (level !== null && looksLikeHeading(line)) {
      this.startHeading(line, level);
      return;
    }
    if (this.lastLine && this.openUnit() && !endsSentence(this.lastLine.text)) {
      this.appendText(line, titleLine);
      return;
    }
    if (level === null && looksLikeHeading(line) && !this.style.fillsColumn(line) && this.headsWhatFollows(index)) {
      this.startHeading(line, null);
      return;
    }
    this.appendText(line, titleLine);
  }

  /**
   * A heading that filled the column and did not end continues on the next heading-shaped line, unless that
   * line's first word would have fitted after it: then the break was the author's (two headings in a row).
   */
  private continuesHeading(heading: Line, line: Line, level: number | null): boolean {
    const column = this.style.wrapWidth;
    const wrapped = column === null || heading.wrapped !== undefined || heading.width + displayWidth(firstWord(line.text)) > column;
    return this.style.fillsColumn(heading) && wrapped && !endsClause(heading.text) && level === null && looksLikeHeading(line);
  }

  /**
   * An unnumbered heading is known by what follows it too: a paragraph, another heading, or the end. A short
   * line after a sentence end that is followed by more text is the end of a sentence, whatever the wrap did.
   */
  private headsWhatFollows(index: number): boolean {
    if (!this.bodyStarted || SUMMARY_HEADING.test(this.lines[index]!.text.replace(/\s+/g, ''))) return true;
    const next = this.lines[index + 1];
    if (!next) return true;
    if (this.numbering.paragraphs.has(index + 1) || next.markdownHeading || RECOMMENDATION_HEADING.test(next.text)) return true;
    // Another heading, not the next line of a wrapped sentence (which fills the column).
    return looksLikeHeading(next) && (this.path.levelOf(next.text) !== null || !this.style.fillsColumn(next));
  }

  private openUnit(): Unit | null {
    return this.recommendation ?? this.paragraph ?? this.summary;
  }

  private closeUnits(): void {
    this.paragraph = null;
    this.recommendation = null;
    this.summary = null;
    this.lastLine = null;
  }

  /** Books a consumed line under the category its place in the document gives it. */
  private book(line: Line, category?: LedgerCategory): void {
    this.ledger.book(category ?? (this.bodyStarted ? 'heading' : 'title'), line.line, line.text);
  }

  private newUnit(kind: Unit['kind'], paragraph: number | null, recommendation: number | null, text: string, line: Line): Unit {
    const section = kind === 'recommendation' && this.paragraph ? this.paragraph.section : this.path.current();
    const unit: Unit = { source: this.source, kind, lang: this.style.lang, paragraph, recommendation, section, text };
    this.units.push(unit);
    if (kind !== 'recommendation') this.outline.push({ kind: 'unit', line: line.line, unit });
    return unit;
  }

  private startParagraph(number: number, line: Line): void {
    this.closeUnits();
    this.path.enterBody();
    this.bodyStarted = true;
    this.book(line, 'unit');
    const rest = numberedLine(line)!.rest;
    this.paragraph = this.newUnit('paragraph', number, null, rest, line);
    this.lastLine = { ...line, text: rest };
  }

  private startRecommendation(line: Line): void {
    const paragraph = this.paragraph!;
    this.book(line, 'unit');
    paragraph.text += `\n${line.text}`;
    this.recommendation = this.newUnit('recommendation', paragraph.paragraph, this.nextRecommendation++, '', line);
    this.lastLine = line;
    this.breakBeforeNext = true;
  }

  private startHeading(line: Line, level: number | null): void {
    this.closeUnits();
    const summary = level === null && !this.summarySeen && SUMMARY_HEADING.test(line.text.replace(/\s+/g, ''));
    if (level !== null || summary) this.bodyStarted = true;
    this.book(line);
    this.path.add(line.text, level);
    this.outline.push({ kind: this.bodyStarted ? 'heading' : 'title', line: line.line, text: line.text });
    this.lastHeading = line;
    if (summary) {
      this.summarySeen = true;
      this.summary = this.newUnit('summary', null, null, '', line);
    }
  }

  private appendText(line: Line, titleLine: Line | null = null): void {
    const previous = this.lastLine;
    if (!this.openUnit()) {
      // Before the body, the title page; after it, text the parser could not place: a warning, never a silent loss.
      if (this.bodyStarted) this.ledger.book('unplaced', line.line, line.text);
      else {
        this.book(line, 'title');
        // A title-page line that wrapped goes on on the next line: one title, as the page shows it.
        const last = this.outline.at(-1);
        if (last?.kind === 'title' && titleLine && this.style.fillsColumn(titleLine)) last.text += headingGlue(titleLine, line, this.style) + line.text;
        else this.outline.push({ kind: 'title', line: line.line, text: line.text });
        this.lastTitleLine = line;
      }
      return;
    }
    this.book(line, 'unit');
    const separator = previous === null ? '' : this.breakBeforeNext ? '\n' : separatorBetween(previous, line, this.style);
    for (const unit of [this.paragraph, this.recommendation, this.summary]) {
      if (unit) unit.text = unit.text === '' ? line.text : unit.text + separator + line.text;
    }
    this.lastLine = line;
    this.breakBeforeNext = false;
  }
}

/** What a line could not have been broken inside: a Latin word, or one CJK character. */
function firstWord(text: string): string {
  return /^[A-Za-z0-9]+|^./u.exec(text)?.[0] ?? '';
}

function excerpt(text: string): string {
  const chars = [...text];
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join('')}…` : text;
}

function footnoteItems(notes: readonly RemovedLine[]): OutlineItem[] {
  return notes.map((n) => ({ kind: 'footnote', line: n.line, text: n.text }));
}

/** Parses one document's line stream. `source` is the document's id (its file stem). */
export function parseLines(source: readonly SourceLine[], id: string): ParsedDocument {
  const ledger = new Ledger();
  const read = readLines(source, ledger);
  const lang = detectLang(read.lines.map((l) => l.text).join('\n'));
  const wrapWidth = detectWrapWidth(read.lines);
  const fills = (line: Line) => fillsColumn(line, wrapWidth);
  const { body, notes } = stripFootnotes(read.lines, fills, ledger, lang);
  const style: JoinStyle = { lang, fillsColumn: fills, wrapWidth, spaceBetweenScripts: spacesBetweenScripts(body) };
  const numbering = resolveNumbering(body, looksLikeHeading);
  const assembler = new Assembler(id, body, numbering, style, ledger);
  const units = assembler.run().filter((unit) => unit.text !== '');

  const problems: ParseProblem[] = [...numbering.problems];
  if (!units.some((u) => u.kind === 'paragraph')) problems.push({ code: 'no-paragraphs' });
  for (const e of ledger.of('unplaced')) problems.push({ code: 'unplaced-text', line: e.line, text: excerpt(e.text) });
  problems.sort((a, b) => ('line' in a ? a.line : 0) - ('line' in b ? b.line : 0));

  const outline = [...assembler.outline.filter((o) => o.kind !== 'unit' || o.unit.text !== ''), ...footnoteItems([...read.footnotes, ...notes])];
  outline.sort((a, b) => a.line - b.line);
  const sourceChars = source.reduce((n, s) => n + visibleLength(s.text) + visibleLength(s.markers ?? ''), 0);
  return { lang, units, outline, problems, ledger: ledger.entries, characters: { source: sourceChars, booked: ledger.totals() } };
}

/** Parses one document given as text into units, in document order. */
export function parseDocument(text: string, source: string): Unit[] {
  return parseText(text, source).units;
}

export function parseText(text: string, source: string): ParsedDocument {
  return parseLines(textLines(text), source);
}
