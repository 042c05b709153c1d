/**
 * Word (.docx) → the parser's line stream, through mammoth's document model: one line per paragraph (and per
 * manual line break inside one), heading styles marked as headings, footnote and endnote references taken out
 * of the text and the notes themselves given as footnote lines after the paragraph that cites them. Running
 * headers and footers live in their own parts of the file, which mammoth does not read: they never reach the text.
 */
import mammoth from 'mammoth';
import type { SourceLine } from '../parse/index.js';

interface Element {
  type: string;
  children?: Element[];
  value?: string;
  styleName?: string | null;
  noteType?: string;
  noteId?: string;
  body?: Element[];
  breakType?: string;
}

interface MammothDocument extends Element {
  notes: { resolve(reference: Element): Element | null };
}

const HEADING_STYLE = /^(?:heading|title|标题)\s*\d*$/i;

/** The text of a paragraph, split at manual line breaks; note references are collected instead of printed. */
function paragraphLines(paragraph: Element, refs: Element[]): string[] {
  const lines = [''];
  const walk = (el: Element) => {
    if (el.type === 'text') lines[lines.length - 1] += el.value ?? '';
    else if (el.type === 'tab') lines[lines.length - 1] += ' ';
    else if (el.type === 'break' && el.breakType !== 'page') lines.push('');
    else if (el.type === 'noteReference') refs.push(el);
    else for (const child of el.children ?? []) walk(child);
  };
  for (const child of paragraph.children ?? []) walk(child);
  return lines;
}

function blockLines(elements: readonly Element[], doc: MammothDocument, out: SourceLine[], role?: 'footnote'): void {
  for (const el of elements) {
    if (el.type !== 'paragraph') {
      // Tables and other containers: their paragraphs in reading order.
      blockLines(el.children ?? [], doc, out, role);
      continue;
    }
    const refs: Element[] = [];
    const heading = HEADING_STYLE.test(el.styleName ?? '');
    const texts = paragraphLines(el, refs);
    texts.forEach((text, i) => {
      const markers = i === texts.length - 1 && refs.length ? refs.map((r) => r.noteId ?? '*').join('') : undefined;
      out.push({ text, role, heading: heading && role === undefined ? true : undefined, markers, wrapped: false });
    });
    for (const ref of refs) {
      const note = doc.notes.resolve(ref);
      if (note?.body) blockLines(note.body, doc, out, 'footnote');
    }
  }
}

export async function readDocx(bytes: Uint8Array): Promise<SourceLine[]> {
  let model: MammothDocument | null = null;
  await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes) },
    {
      transformDocument: (doc: unknown) => {
        model = doc as MammothDocument;
        return doc;
      },
    },
  );
  if (!model) throw new Error('mammoth gave no document');
  const out: SourceLine[] = [];
  blockLines((model as MammothDocument).children ?? [], model, out);
  return out;
}
