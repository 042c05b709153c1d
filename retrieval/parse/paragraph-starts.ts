/**
 * What the `N.` lines are. Paragraph numbers run 1, 2, 3… through the whole document, whereas
 * sub-headings (`1. 支持政府间机构`) and lists inside a paragraph (`1. 组织事项`) restart at 1: so a
 * line starts paragraph N only when N is the next number expected. A list is a run 1, 2, 3… that
 * starts right after a line ending in a colon.
 */
import type { Line } from './line.js';
import type { ParseProblem } from './problems.js';

const PARAGRAPH_NUMBER = /^(\d{1,6})[.．](?!\d)\s*(\S.*)$/;
const COLON_END = /[:：]$/;
/** A numbering that jumps further than this is not a lost paragraph number but a number in the text. */
const MAX_JUMP = 100;

export interface NumberedLine {
  number: number;
  /** The text after the number. */
  rest: string;
}

export function numberedLine(line: Line): NumberedLine | null {
  if (line.markdownHeading) return null;
  const match = PARAGRAPH_NUMBER.exec(line.text);
  return match ? { number: Number(match[1]), rest: match[2]! } : null;
}

export interface Numbering {
  /** Line index → paragraph number, for the lines that start a numbered paragraph. */
  paragraphs: Map<number, number>;
  /** Indexes of numbered lines that are items of a list inside a paragraph. */
  listItems: Set<number>;
  /** Missing, repeated and out-of-order paragraph numbers. */
  problems: ParseProblem[];
}

interface Candidate {
  index: number;
  number: number;
}

function findListItems(lines: readonly Line[], candidates: readonly Candidate[]): Set<number> {
  const items = new Set<number>();
  let last = 0;
  for (const { index, number } of candidates) {
    const opensList = number === 1 && index > 0 && COLON_END.test(lines[index - 1]!.text);
    last = opensList || (last > 0 && number === last + 1) ? number : 0;
    if (last > 0) items.add(index);
  }
  return items;
}

/**
 * When the expected number appears on several lines before the next number does (a sub-heading or a
 * list item that happens to carry it), the paragraph is the first of them that is neither
 * heading-shaped nor a list item, else the last one.
 */
export function resolveNumbering(lines: readonly Line[], headingShaped: (line: Line) => boolean): Numbering {
  const candidates: Candidate[] = [];
  lines.forEach((line, index) => {
    const numbered = numberedLine(line);
    if (numbered) candidates.push({ index, number: numbered.number });
  });
  const listItems = findListItems(lines, candidates);
  const paragraphs = new Map<number, number>();
  const problems: ParseProblem[] = [];
  const plausible = (c: Candidate) => !headingShaped(lines[c.index]!) && !listItems.has(c.index);
  const lineOf = (c: Candidate) => lines[c.index]!.line;

  let expected = 1;
  let k = 0;
  while (k < candidates.length) {
    const candidate = candidates[k]!;
    if (candidate.number === expected) {
      const rivals = [k];
      for (let j = k + 1; j < candidates.length && candidates[j]!.number !== expected + 1; j++) {
        if (candidates[j]!.number === expected) rivals.push(j);
      }
      const chosen = rivals.find((r) => plausible(candidates[r]!)) ?? rivals.at(-1)!;
      paragraphs.set(candidates[chosen]!.index, expected);
      listItems.delete(candidates[chosen]!.index);
      expected++;
      k = chosen + 1;
    } else if (
      expected > 1 &&
      candidate.number > expected &&
      candidate.number - expected <= MAX_JUMP &&
      (candidate.number === expected + 1 || plausible(candidate)) &&
      !candidates.slice(k + 1).some((c) => c.number >= expected && c.number < candidate.number)
    ) {
      // Paragraphs `expected`… lost their numbers in the source (or never had them): carry on from this one.
      for (let n = expected; n < candidate.number; n++) problems.push({ code: 'paragraph-missing', number: n, line: lineOf(candidate) });
      expected = candidate.number;
    } else {
      k++;
    }
  }

  const firstLine = new Map<number, number>();
  for (const [index, number] of paragraphs) firstLine.set(number, lines[index]!.line);
  for (const c of candidates) {
    if (paragraphs.has(c.index) || !plausible(c) || c.number >= expected) continue;
    const first = firstLine.get(c.number);
    if (first !== undefined && first < lineOf(c)) problems.push({ code: 'duplicate-paragraph', number: c.number, line: lineOf(c), firstLine: first });
    else problems.push({ code: 'paragraph-out-of-order', number: c.number, line: lineOf(c), after: lastBefore(paragraphs, c.index) });
  }
  return { paragraphs, listItems, problems };
}

function lastBefore(paragraphs: Map<number, number>, index: number): number {
  let last = 0;
  for (const [i, n] of paragraphs) if (i < index) last = Math.max(last, n);
  return last;
}
