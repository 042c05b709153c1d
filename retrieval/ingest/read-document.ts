/**
 * One document file → the parser's line stream, whatever its format: text (.txt, .md) decoded from UTF-8,
 * UTF-16 or GB18030; PDF through PDF.js; Word (.docx) through mammoth. The file stem is the document's id.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { type SourceLine, textLines } from '../parse/index.js';
import { DecodeError, decodeText } from './decode.js';
import { readDocx } from './docx.js';
import { readPdf } from './pdf.js';

export type DocumentFormat = 'text' | 'markdown' | 'pdf' | 'docx';

const FORMATS: Record<string, DocumentFormat> = { '.txt': 'text', '.md': 'markdown', '.pdf': 'pdf', '.docx': 'docx' };

export const DOCUMENT_EXTENSIONS: readonly string[] = Object.keys(FORMATS);

export function formatOf(file: string): DocumentFormat | null {
  return FORMATS[extname(file).toLowerCase()] ?? null;
}

export interface ReadDocument {
  format: DocumentFormat;
  lines: SourceLine[];
  /** The bytes read, for the index manifest's checksum (so the file is read once). */
  bytes: Buffer;
  /** How text was decoded (text formats), or the page count (PDF). */
  detail: string;
}

/** A file that cannot be read as a document: its format is broken or it is not text. The message says why. */
export class UnreadableDocumentError extends Error {
  override name = 'UnreadableDocumentError';
}

export async function readDocument(path: string, given?: Buffer): Promise<ReadDocument> {
  const format = formatOf(path);
  if (!format) throw new UnreadableDocumentError(`unsupported file type ${extname(path) || '(none)'}: use ${DOCUMENT_EXTENSIONS.join(', ')}`);
  const bytes = given ?? (await readFile(path));
  try {
    if (format === 'pdf') {
      const pdf = await readPdf(new Uint8Array(bytes));
      return { format, lines: pdf.lines, bytes, detail: `${pdf.pages} pages` };
    }
    if (format === 'docx') return { format, lines: await readDocx(bytes), bytes, detail: 'Word document' };
    const { text, encoding } = decodeText(bytes);
    return { format, lines: textLines(text), bytes, detail: encoding };
  } catch (err) {
    if (err instanceof DecodeError) throw new UnreadableDocumentError(err.message);
    throw new UnreadableDocumentError(`cannot be read as ${format.toUpperCase()}: ${(err as Error).message}`);
  }
}
