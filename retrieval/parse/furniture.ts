/**
 * Page furniture: lines the page layout put into the text that belong to no paragraph (page numbers, running
 * headers and footers, job numbers, link-target lists, rules). Two kinds of rule: the shapes UN documents
 * print in their margins, and repetition (a line printed on many pages is a running header or footer).
 */
import { endsClause } from './chars.js';

const PAGE = String.raw`(?:\d{1,4}\s*/\s*\d{1,4}|-\s*\d{1,4}\s*-|\d{1,4})`;
/** V.18-04846, V.18-04846 (C), 18-04846 (C): the job number printed in the footer of every page. */
const JOB = String.raw`(?:[A-Z]{1,3}\.)?\d{2}-\d{4,6}(?:\s*\(\w\))?`;
/** The symbol printed in the running header (E/CN.15/2008/6, CTOC/COP/WG.4/2019/L.1). */
const SYMBOL = String.raw`[A-Z]{1,6}(?:\/[A-Z0-9][A-Za-z0-9.-]*)+`;

const FURNITURE: RegExp[] = [
  new RegExp(`^${PAGE}$`), // page number: 3, 3/16, - 3 -
  /^[A-Z]{1,3}\.\d{2}-\d{4,6}(?:\s*\(\w\))?(?:\s+\S+)*$/, // job number (V.18-04846 (C) 141118 151118)
  new RegExp(`^${PAGE}\\s+${JOB}(?:\\s+\\S+)*$`), // footer, page first: 7/14  V.19-38229
  new RegExp(`^${JOB}\\s+${PAGE}$`), // footer, job number first: V.19-38229  7/14
  new RegExp(`^(?:${PAGE}\\s+${SYMBOL}|${SYMBOL}\\s+${PAGE})$`), // running header: the symbol with the page number
  /^<?(?:https?|ftp):\/\/\S+>?$/, // a bare address: the link targets a PDF export lists at the end
  /^(?:-{3,}|\*{3,}|={3,})$/, // horizontal rule
];

export function isPageFurniture(trimmedLine: string): boolean {
  return FURNITURE.some((pattern) => pattern.test(trimmedLine));
}

const LONE_SYMBOL = new RegExp(`^${SYMBOL}$`);

/**
 * A symbol alone on a line is the running header, or a symbol cited in the text that a wrap left alone on its
 * line. The header is known by its place: at the very top, or next to other furniture (the page number).
 */
export function isLoneSymbol(trimmedLine: string): boolean {
  return LONE_SYMBOL.test(trimmedLine);
}

/** A line printed on this many pages is a running header or footer. */
const MIN_REPEATS = 3;
/** Running headers are short: a title, a symbol, a date (60 Chinese characters at most). */
const MAX_REPEATED_LENGTH = 60;
const EDGE_PAGE = new RegExp(`^${PAGE}\\s+|\\s+${PAGE}$`, 'g');
/** Lines that repeat by design: numbered paragraphs, headings and recommendations, list items, rules. */
const STRUCTURAL = /^(?:\d{1,6}[.．]|[A-Z][.．]|[一二三四五六七八九十]{1,3}\s*[.、．]|[IVXL]{1,6}\.|建议\s*\d|Recommendation\s*\d|[(（]|_{5,}|[-*+]\s)/i;

/** What stays the same from page to page: the line with its page number taken out. */
function repeatKey(trimmed: string): string {
  return trimmed.replace(/\s+/g, ' ').replace(EDGE_PAGE, ' # ').trim();
}

/**
 * The running headers and footers of a document given as text: short lines that occur verbatim (or with only a
 * page number changing) at least three times and are neither structure nor a sentence. Returns a test.
 */
export function repeatedLines(trimmedLines: readonly string[]): (trimmed: string) => boolean {
  const counts = new Map<string, number>();
  for (const line of trimmedLines) {
    if (!line || [...line].length > MAX_REPEATED_LENGTH || STRUCTURAL.test(line) || endsClause(line)) continue;
    const key = repeatKey(line);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const repeated = new Set([...counts].filter(([, n]) => n >= MIN_REPEATS).map(([key]) => key));
  return (trimmed) => repeated.size > 0 && repeated.has(repeatKey(trimmed)) && !STRUCTURAL.test(trimmed) && !endsClause(trimmed);
}
