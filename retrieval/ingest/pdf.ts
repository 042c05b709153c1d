/**
 * PDF → the parser's line stream, through PDF.js (pdfjs-dist). PDF.js gives text runs with their position and
 * size; lines are rebuilt from them, and the layout says what plain text cannot: a line printed at the same
 * place on many pages is a running header or footer, small type after the last body line of a page is a
 * footnote, a small raised run inside a line is a footnote mark, a line that reaches the right margin with
 * the next line right below it was wrapped.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SourceLine } from '../parse/index.js';

interface Run {
  text: string;
  x: number;
  /** Baseline, in PDF units (y grows upwards). */
  y: number;
  size: number;
  width: number;
}

interface PdfLine {
  page: number;
  runs: Run[];
  text: string;
  markers: string;
  /** The size most of the line's characters have. */
  size: number;
  y: number;
  left: number;
  right: number;
  role?: 'furniture' | 'footnote';
  wrapped?: boolean;
}

/** A raised run this much smaller than its line is a footnote mark. */
const MARK_SIZE_RATIO = 0.8;
/** Footnotes are set smaller than the body text. */
const NOTE_SIZE_RATIO = 0.9;
/** Runs further apart than this share of the type size had a space between them. */
const SPACE_GAP = 0.25;
/** A wrapped line ends within this many type sizes of the right margin. */
const MARGIN_SLACK = 1.6;
/** Lines further apart than this many type sizes have a paragraph gap between them. */
const LINE_PITCH = 1.75;
/** A line at the same place (within this many points) on this share of the pages is a running header or footer. */
const SAME_PLACE = 4;
const RUNNING_SHARE = 0.3;

/** PDF.js's legacy build runs in Node without a worker or a DOM; CMaps let it read CJK fonts with predefined encodings. */
async function openPdf(bytes: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const url = (folder: string) => `${pathToFileURL(join(root, folder)).href}/`;
  return pdfjs.getDocument({
    data: bytes,
    cMapUrl: url('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: url('standard_fonts'),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
}

function dominantSize(runs: readonly Run[]): number {
  const weight = new Map<number, number>();
  for (const r of runs) {
    const key = Math.round(r.size * 2) / 2;
    weight.set(key, (weight.get(key) ?? 0) + [...r.text.trim()].length);
  }
  return [...weight].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

/** Runs whose boxes overlap vertically by half the smaller one are on one line (a raised mark included). */
function groupLines(runs: Run[], page: number): PdfLine[] {
  const sorted = [...runs].sort((a, b) => b.y + b.size - (a.y + a.size) || a.x - b.x);
  const groups: Run[][] = [];
  for (const run of sorted) {
    const group = groups.find((g) => {
      const base = g[0]!;
      const overlap = Math.min(base.y + base.size, run.y + run.size) - Math.max(base.y, run.y);
      return overlap >= 0.5 * Math.min(base.size, run.size);
    });
    if (group) group.push(run);
    else groups.push([run]);
  }
  return groups.map((g) => buildLine(g, page)).sort((a, b) => b.y - a.y);
}

function buildLine(runs: Run[], page: number): PdfLine {
  const size = dominantSize(runs);
  const body = runs.filter((r) => r.text.trim() !== '' && Math.abs(r.size - size) < 0.5);
  const baseline = body.length ? Math.min(...body.map((r) => r.y)) : Math.min(...runs.map((r) => r.y));
  let text = '';
  let markers = '';
  let end: number | null = null;
  for (const run of [...runs].sort((a, b) => a.x - b.x)) {
    const mark = run.size < MARK_SIZE_RATIO * size && run.y > baseline + 0.2 * size && /^\s*\S+\s*$/.test(run.text);
    if (mark) {
      markers += run.text.trim();
      continue;
    }
    if (end !== null && run.x - end > SPACE_GAP * size && !/\s$/.test(text) && !/^\s/.test(run.text)) text += ' ';
    text += run.text;
    end = run.x + run.width;
  }
  const visible = runs.filter((r) => r.text.trim() !== '');
  return {
    page,
    runs,
    text: text.replace(/\s+/g, ' ').trim(),
    markers,
    size,
    y: baseline,
    left: Math.min(...visible.map((r) => r.x)),
    right: Math.max(...visible.map((r) => r.x + r.width)),
  };
}

/** What the page shape of a line is: its text with the numbers (page numbers) taken out. */
function shape(text: string): string {
  return text.replace(/\d+/g, '#').replace(/\s+/g, '');
}

function markRunning(pages: PdfLine[][]): void {
  if (pages.length < 2) return;
  const seen = new Map<string, Set<number>>();
  const key = (l: PdfLine) => `${shape(l.text)}@${Math.round(l.y / SAME_PLACE)}`;
  for (const page of pages) for (const l of page) (seen.get(key(l)) ?? seen.set(key(l), new Set()).get(key(l))!).add(l.page);
  const needed = Math.max(2, Math.ceil(RUNNING_SHARE * pages.length));
  for (const page of pages) for (const l of page) if ((seen.get(key(l))?.size ?? 0) >= needed) l.role = 'furniture';
}

function markFootnotes(pages: PdfLine[][], bodySize: number): void {
  for (const page of pages) {
    const content = page.filter((l) => l.role === undefined);
    let lastBody = -1;
    content.forEach((l, i) => {
      if (l.size >= NOTE_SIZE_RATIO * bodySize) lastBody = i;
    });
    for (const l of content.slice(lastBody + 1)) if (l.size < NOTE_SIZE_RATIO * bodySize) l.role = 'footnote';
  }
}

function markWraps(pages: PdfLine[][], bodySize: number): void {
  for (const page of pages) {
    const content = page.filter((l) => l.role === undefined);
    const margin = Math.max(...content.filter((l) => l.size >= NOTE_SIZE_RATIO * bodySize).map((l) => l.right), 0);
    content.forEach((l, i) => {
      const next = content[i + 1];
      const reachesMargin = l.right >= margin - MARGIN_SLACK * l.size;
      l.wrapped = reachesMargin && (next === undefined || l.y - next.y <= LINE_PITCH * l.size);
    });
  }
}

export interface PdfText {
  lines: SourceLine[];
  pages: number;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  const doc = await openPdf(bytes);
  try {
    const pages: PdfLine[][] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [a, b, , , x, y] = item.transform as number[];
        runs.push({ text: item.str, x: x!, y: y!, size: Math.hypot(a!, b!), width: item.width });
      }
      pages.push(groupLines(runs, p));
      page.cleanup();
    }
    const bodySize = dominantSize(pages.flat().flatMap((l) => l.runs));
    markRunning(pages);
    markFootnotes(pages, bodySize);
    markWraps(pages, bodySize);
    const lines: SourceLine[] = [];
    for (const page of pages) {
      for (const l of page) lines.push({ text: l.text, role: l.role, wrapped: l.role ? undefined : l.wrapped, markers: l.markers || undefined, page: l.page });
      // A page break is a blank line in the stream, as in a text export.
      lines.push({ text: '', page: page[0]?.page });
    }
    return { lines, pages: doc.numPages };
  } finally {
    await doc.destroy();
  }
}
