/**
 * UN document parser: turns a document's text (.txt exported from PDF/Word, or .md) into units —
 * every numbered paragraph once and whole, each `建议 N` recommendation, and the summary (概要).
 *
 * The rules are structural, not per-document: page furniture and footnotes are dropped first
 * (parse/furniture.ts, parse/footnotes.ts), paragraph numbers are found by sequence
 * (parse/paragraph-starts.ts), headings by their numbering and shape (parse/headings.ts), and lines
 * are joined according to whether the break was the author's or the page layout's (parse/join-lines.ts).
 */

import type { Unit } from '../types.js';
import { endsClause, endsSentence } from './chars.js';
import { stripFootnotes } from './footnotes.js';
import { looksLikeHeading, SectionPath } from './headings.js';
import { headingGlue, type JoinStyle, separatorBetween, spacesBetweenScripts } from './join-lines.js';
import { type Line, readLines } from './lines.js';
import { type Numbering, numberedLine, resolveNumbering } from './paragraph-starts.js';
import { detectWrapWidth, fillsColumn } from './wrap-width.js';

/** Bump whenever the units produced for the same input change: indexes built by an older parser are rebuilt. */
export const PARSER_VERSION = '1.0.0';

const RECOMMENDATION_HEADING = /^(?:建议|Recommendation)\s*(\d{1,3})$/i;
const SUMMARY_HEADING = /^(?:概要|摘要|summary)$/i;

/** Walks the content lines once, keeping the open units and the section path. */
class Assembler {
  private readonly units: Unit[] = [];
  private readonly path = new SectionPath();
  private paragraph: Unit | null = null;
  private recommendation: Unit | null = null;
  private summary: Unit | null = null;
  private summarySeen = false;
  /** Last line added to the open units, to decide how the next one joins it. */
  private lastLine: Line | null = null;
  /** The author's line break after a recommendation heading. */
  private breakBeforeNext = false;
  /** The previous line, when it was a heading (it may wrap onto this one). */
  private lastHeading: Line | null = null;
  private nextRecommendation = 1;

  constructor(
    private readonly source: string,
    private readonly numbering: Numbering,
    private readonly style: JoinStyle,
  ) {}

  run(lines: readonly Line[]): Unit[] {
    for (const [index, line] of lines.entries()) this.take(line, index);
    return this.units;
  }

  private take(line: Line, index: number): void {
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
      this.lastHeading = line;
      return;
    }
    if (this.paragraph && this.numbering.listItems.has(index)) {
      this.appendText(line);
      return;
    }
    if (level !== null && looksLikeHeading(line)) {
      this.startHeading(line, level);
      return;
    }
    if (this.lastLine && this.openUnit() && !endsSentence(this.lastLine.text)) {
      this.appendText(line);
      return;
    }
    if (level === null && looksLikeHeading(line) && !this.style.fillsColumn(line)) {
      this.startHeading(line, null);
      return;
    }
    this.appendText(line);
  }

  /** A heading that filled the column and did not end continues on the next heading-shaped line. */
  private continuesHeading(heading: Line, line: Line, level: number | null): boolean {
    return this.style.fillsColumn(heading) && !endsClause(heading.text) && level === null && looksLikeHeading(line);
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

  private newUnit(kind: Unit['kind'], paragraph: number | null, recommendation: number | null, text: string): Unit {
    const section = kind === 'recommendation' && this.paragraph ? this.paragraph.section : this.path.current();
    const unit: Unit = { source: this.source, kind, paragraph, recommendation, section, text };
    this.units.push(unit);
    return unit;
  }

  private startParagraph(number: number, line: Line): void {
    this.closeUnits();
    this.path.enterBody();
    const rest = numberedLine(line)!.rest;
    this.paragraph = this.newUnit('paragraph', number, null, rest);
    this.lastLine = { ...line, text: rest };
  }

  private startRecommendation(line: Line): void {
    const paragraph = this.paragraph!;
    paragraph.text += `\n${line.text}`;
    this.recommendation = this.newUnit('recommendation', paragraph.paragraph, this.nextRecommendation++, '');
    this.lastLine = line;
    this.breakBeforeNext = true;
  }

  private startHeading(line: Line, level: number | null): void {
    this.closeUnits();
    this.path.add(line.text, level);
    this.lastHeading = line;
    if (level === null && !this.summarySeen && SUMMARY_HEADING.test(line.text.replace(/\s+/g, ''))) {
      this.summarySeen = true;
      this.summary = this.newUnit('summary', null, null, '');
    }
  }

  private appendText(line: Line): void {
    const previous = this.lastLine;
    if (!this.openUnit()) return; // text outside any unit: the title page
    const separator = previous === null ? '' : this.breakBeforeNext ? '\n' : separatorBetween(previous, line, this.style);
    for (const unit of [this.paragraph, this.recommendation, this.summary]) {
      if (unit) unit.text = unit.text === '' ? line.text : unit.text + separator + line.text;
    }
    this.lastLine = line;
    this.breakBeforeNext = false;
  }
}

/** Parses one document into units, in document order. `source` is the document's id (its file stem). */
export function parseDocument(text: string, source: string): Unit[] {
  const read = readLines(text);
  const wrapWidth = detectWrapWidth(read);
  const fills = (line: Line) => fillsColumn(line, wrapWidth);
  const lines = stripFootnotes(read, fills);
  const style: JoinStyle = { fillsColumn: fills, spaceBetweenScripts: spacesBetweenScripts(lines) };
  const numbering = resolveNumbering(lines, looksLikeHeading);
  return new Assembler(source, numbering, style).run(lines).filter((unit) => unit.text !== '');
}
