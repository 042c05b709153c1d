/**
 * What loading did with each document file, as data for `npm run index` / `npm run add` to print: the units it
 * gave, what was removed (headings, footnotes, furniture, title block), characters accounted for, and every
 * problem. A document with an error is not loaded (its citations could be wrong); the rest of the corpus is.
 */
import type { DocumentFormat } from '../ingest/index.js';
import type { LedgerCategory, ParseProblem } from '../parse/index.js';
import type { MetadataProblem } from './metadata.js';

export type DocumentProblem =
  | (ParseProblem & { page?: number })
  | MetadataProblem
  | { code: 'unreadable'; reason: string }
  /** Two files with one stem (`a.txt`, `a.pdf`): the stem is the document's id. */
  | { code: 'duplicate-stem'; other: string };

export interface DocumentReport {
  file: string;
  source: string;
  format: DocumentFormat | null;
  /** Encoding of a text file, page count of a PDF. */
  detail: string;
  loaded: boolean;
  paragraphs: number;
  recommendations: number;
  summary: boolean;
  /** Lines (or, for headings, heading lines) booked under each category. */
  lines: Record<LedgerCategory, number>;
  /** Non-space characters: of the source, and booked under each category. */
  characters: { source: number; booked: Record<LedgerCategory, number> };
  problems: DocumentProblem[];
}

export function isDocumentError(p: DocumentProblem): boolean {
  return p.code !== 'unplaced-text';
}
