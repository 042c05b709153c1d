/**
 * Generates the PDF and Word fixtures of the ingestion tests from the seed texts: each seed's parse is laid out
 * like a UN document (symbol at the top of page 1, the symbol and title as running headers, `n/N` page numbers
 * and the job number in the footer in alternating order, footnotes in small type at the page bottom with
 * raised marks in the text, body text in a CJK font) and written to test/fixtures/layout/. The tests then
 * require the parse of each fixture to equal the parse of the .txt seed.
 *
 *   npx tsx scripts/make-layout-fixtures.ts [--font REGULAR.otf --bold BOLD.otf] [--out DIR] [STEM…]
 *
 * Without --font the Noto Sans CJK (SC) fonts of the npm package @embedpdf/fonts-sc are fetched once with
 * `npm pack` into .cache/fonts/ (36 MB, not a dependency: only regenerating needs it). PDFs embed a subset.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { Document, Footer, FootnoteReferenceRun, Header, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import { parseCommandLine } from '../bot/shared/args.js';
import { parseText } from '../retrieval/parse/index.js';
import type { DocumentMeta } from '../retrieval/types.js';
import { type Block, blocksOf, JOB_NUMBER, spacesScripts, wrap } from '../test/helpers/un-layout.js';

const FONT_PACKAGE = '@embedpdf/fonts-sc@1.0.0';
const FONT_CACHE = '.cache/fonts';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 72, right: 72, top: 86, bottom: 96 };
const COLUMN = PAGE.width - MARGIN.left - MARGIN.right;
const BODY = { size: 10.5, leading: 15.5 };
const NOTE = { size: 8, leading: 11 };
const SMALL = 8;
/** The PDF reader takes a line ending this close to the right margin for a wrapped one (its slack is 1.6 type sizes). */
const FULL_LINE = COLUMN - 2 * BODY.size;
/** Space before a block, and before an author's line break inside a paragraph. */
const BLOCK_GAP = 6;
const LINE_GAP = 4;

async function fonts(flags: { font?: string; bold?: string }): Promise<{ regular: string; bold: string }> {
  const regular = flags.font;
  if (regular) return { regular, bold: flags.bold ?? regular };
  const dir = join(FONT_CACHE, 'package', 'fonts');
  if (!existsSync(join(dir, 'NotoSansHans-Regular.otf'))) {
    await mkdir(FONT_CACHE, { recursive: true });
    const tarball = execFileSync('npm', ['pack', FONT_PACKAGE, '--silent'], { cwd: FONT_CACHE, encoding: 'utf8' }).trim();
    execFileSync('tar', ['xzf', tarball], { cwd: FONT_CACHE });
  }
  return { regular: join(dir, 'NotoSansHans-Regular.otf'), bold: join(dir, 'NotoSansHans-Bold.otf') };
}

interface Piece {
  text: string;
  bold: boolean;
  gapBefore: number;
  /** Footnote numbers whose mark follows this piece. */
  marks: number[];
}

/** The body as wrapped lines and the footnotes in order, each note attached to the last line before it. */
function flow(blocks: readonly Block[], measure: (s: string, bold: boolean) => number): { pieces: Piece[]; notes: string[] } {
  const spaced = spacesScripts(blocks);
  const pieces: Piece[] = [];
  const notes: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'footnote') {
      notes.push(block.lines[0]!);
      pieces.at(-1)?.marks.push(notes.length);
      continue;
    }
    const bold = block.kind === 'heading';
    block.lines.forEach((logical, i) => {
      const wrapped = wrap(logical, COLUMN, { measure: (s) => measure(s, bold), shortLast: block.kind === 'paragraph', spaced, full: FULL_LINE });
      wrapped.forEach((text, j) => {
        pieces.push({ text, bold, gapBefore: j > 0 ? 0 : i > 0 ? LINE_GAP : BLOCK_GAP, marks: [] });
      });
    });
  }
  return { pieces, notes };
}

async function writePdf(blocks: readonly Block[], meta: DocumentMeta, font: { regular: string; bold: string }, path: string): Promise<void> {
  const doc = new PDFDocument({ size: [PAGE.width, PAGE.height], margin: 0, autoFirstPage: false, info: { Title: meta.title.zh } });
  const done = finished(doc.pipe(createWriteStream(path)));
  doc.registerFont('regular', font.regular);
  doc.registerFont('bold', font.bold);
  const measure = (s: string, bold: boolean) =>
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(BODY.size)
      .widthOfString(s);
  const { pieces, notes } = flow(blocks, measure);
  const noteLines = (n: number) =>
    wrap(notes[n - 1]!, COLUMN - 12, { measure: (s) => doc.font('regular').fontSize(NOTE.size).widthOfString(s), anywhere: true });
  const symbol = meta.symbol ?? 'A/CONF.999/2019/1';

  // Paginate first: the footer says n/N.
  const pages: { pieces: Piece[]; notes: number[] }[] = [{ pieces: [], notes: [] }];
  let y = MARGIN.top + 2 * BODY.leading;
  let notesHeight = 0;
  for (const piece of pieces) {
    const page = pages.at(-1)!;
    const extra = piece.marks.reduce((h, n) => h + noteLines(n).length * NOTE.leading, 0);
    if (y + piece.gapBefore + BODY.leading + notesHeight + extra > PAGE.height - MARGIN.bottom && page.pieces.length > 0) {
      pages.push({ pieces: [], notes: [] });
      y = MARGIN.top;
      notesHeight = 0;
    }
    const current = pages.at(-1)!;
    y += (current.pieces.length ? piece.gapBefore : 0) + BODY.leading;
    current.pieces.push(piece);
    current.notes.push(...piece.marks);
    notesHeight += extra + (piece.marks.length && current.notes.length === piece.marks.length ? NOTE.leading : 0);
  }

  pages.forEach((page, i) => {
    const number = i + 1;
    doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    const small = (text: string, x: number, at: number, align: 'left' | 'right' = 'left') => {
      doc.font('regular').fontSize(SMALL);
      const w = doc.widthOfString(text);
      doc.text(text, align === 'left' ? x : x - w, at, { lineBreak: false });
    };
    let top = MARGIN.top;
    if (number === 1) {
      doc.font('regular').fontSize(12);
      doc.text(symbol, PAGE.width - MARGIN.right - doc.widthOfString(symbol), 40, { lineBreak: false });
      top += 2 * BODY.leading;
    } else {
      // Running header: the symbol on the outer side, the title under it.
      const right = number % 2 === 1;
      small(symbol, right ? PAGE.width - MARGIN.right : MARGIN.left, 40, right ? 'right' : 'left');
      small(meta.title.zh, right ? PAGE.width - MARGIN.right : MARGIN.left, 52, right ? 'right' : 'left');
    }
    let y = top;
    page.pieces.forEach((piece, k) => {
      y += k ? piece.gapBefore : 0;
      doc.font(piece.bold ? 'bold' : 'regular').fontSize(BODY.size);
      doc.text(piece.text, MARGIN.left, y, { lineBreak: false });
      let x = MARGIN.left + doc.widthOfString(piece.text) + 0.5;
      for (const n of piece.marks) {
        doc
          .font('regular')
          .fontSize(6)
          .text(String(n), x, y - 2, { lineBreak: false });
        x += doc.widthOfString(String(n)) + 0.5;
      }
      y += BODY.leading;
    });
    // Footnotes in small type at the page bottom, each with its raised number.
    const lines = page.notes.flatMap((n) => noteLines(n).map((text, j) => ({ n: j === 0 ? n : null, text })));
    let ny = PAGE.height - MARGIN.bottom - lines.length * NOTE.leading;
    if (lines.length)
      doc
        .moveTo(MARGIN.left, ny - 4)
        .lineTo(MARGIN.left + 120, ny - 4)
        .lineWidth(0.5)
        .stroke();
    for (const { n, text } of lines) {
      if (n !== null)
        doc
          .font('regular')
          .fontSize(5)
          .text(String(n), MARGIN.left, ny - 2, { lineBreak: false });
      doc
        .font('regular')
        .fontSize(NOTE.size)
        .text(text, MARGIN.left + 12, ny, { lineBreak: false });
      ny += NOTE.leading;
    }
    // Footer: page number and job number, their order alternating with the page side.
    const pageMark = `${number}/${pages.length}`;
    const footerY = PAGE.height - 60;
    small(number % 2 ? JOB_NUMBER : pageMark, MARGIN.left, footerY);
    small(number % 2 ? pageMark : JOB_NUMBER, PAGE.width - MARGIN.right, footerY, 'right');
  });
  doc.end();
  await done;
}

async function writeDocx(blocks: readonly Block[], meta: DocumentMeta, path: string): Promise<void> {
  const run = (text: string) => new TextRun({ text, font: { eastAsia: 'SimSun' } });
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  const paragraphs: { heading: boolean; text: string; notes: number[] }[] = [];
  for (const block of blocks) {
    if (block.kind === 'footnote') {
      const id = Object.keys(footnotes).length + 1;
      footnotes[id] = { children: [new Paragraph({ children: [run(block.lines[0]!)] })] };
      // The reference goes at the end of the paragraph before the note, as a cited note's mark would.
      paragraphs.at(-1)?.notes.push(id);
      continue;
    }
    for (const text of block.lines) paragraphs.push({ heading: block.kind === 'heading', text, notes: [] });
  }
  const symbol = meta.symbol ?? 'A/CONF.999/2019/1';
  const doc = new Document({
    title: meta.title.zh,
    footnotes,
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ children: [run(symbol)] }), new Paragraph({ children: [run(meta.title.zh)] })] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ children: [new TextRun({ children: [PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES] }), new TextRun(`  ${JOB_NUMBER}`)] }),
            ],
          }),
        },
        children: paragraphs.map(
          (p) =>
            new Paragraph({
              heading: p.heading ? HeadingLevel.HEADING_2 : undefined,
              children: [run(p.text), ...p.notes.map((id) => new FootnoteReferenceRun(id))],
            }),
        ),
      },
    ],
  });
  await writeFile(path, await Packer.toBuffer(doc));
}

async function main(): Promise<void> {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), {
    usage: 'npx tsx scripts/make-layout-fixtures.ts [--font FILE] [--bold FILE] [--out DIR] [STEM…]',
    options: { font: { type: 'string' }, bold: { type: 'string' }, out: { type: 'string' } },
    positionals: { min: 0, max: Number.POSITIVE_INFINITY },
  });
  const out = values.out ?? 'test/fixtures/layout';
  const metadata = JSON.parse(await readFile('seeds/metadata.json', 'utf8')) as Record<string, Omit<DocumentMeta, 'source'>>;
  const stems = positionals.length ? positionals : Object.keys(metadata).sort();
  const font = await fonts(values);
  await mkdir(out, { recursive: true });
  for (const stem of stems) {
    const meta = { ...metadata[stem]!, source: stem } as DocumentMeta;
    const blocks = blocksOf(parseText(await readFile(join('seeds', `${stem}.txt`), 'utf8'), stem).outline);
    await writePdf(blocks, meta, font, join(out, `${stem}.pdf`));
    await writeDocx(blocks, meta, join(out, `${stem}.docx`));
    process.stdout.write(`${stem}: ${join(out, `${stem}.pdf`)}, ${join(out, `${stem}.docx`)}\n`);
  }
}

await main();
