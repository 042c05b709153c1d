/**
 * What loading did with each document file, as data for `npm run index` / `npm run add` to print: the units it
 * gave, what was removed (headings, footnotes, furniture, title block), characters accounted for, and every
 * problem. A document with an error is not loaded (its citations could be wrong); the rest of the corpus is.
 */
import type { DocumentFormat } from '../ingest/index.js';
import type { LedgerCategory, ParseProblem } from '../parse/index.js';
import type { Lang } from '../types.js';
import type { MetadataProblem } from './metadata.js';

/** Numbered units of a version that another version of the document lacks. */
export interface UnitNumbers {
  paragraphs: number[];
  recommendations: number[];
  summary: boolean;
}

export type DocumentProblem =
  | (ParseProblem & { page?: number })
  | MetadataProblem
  | { code: 'unreadable'; reason: string }
  /** Two files with one stem (`a.txt`, `a.pdf`): the stem is the document's id. */
  | { code: 'duplicate-stem'; other: string }
  /** A file the metadata declares a version in one language is written in another (swapped files). */
  | { code: 'version-language'; declared: Lang; found: Lang }
  /** A declared version file that is not in the seeds folder. */
  | { code: 'version-missing'; lang: Lang; file: string }
  /** Two versions in one language: `other` is the file loaded for it. */
  | { code: 'version-conflict'; lang: Lang; other: string }
  /** The file is also declared a version of the document `other`. */
  | { code: 'version-claimed'; other: string }
  /** Units of this version that the version in `lang` lacks: they are cited from this version only. */
  | ({ code: 'version-unaligned'; lang: Lang } & UnitNumbers)
  /**
   * Paragraphs whose length differs from the `lang` version's far more than the document's other paragraphs
   * do: the same number may hold other text (a paragraph merged or split in one version).
   */
  | { code: 'version-length'; lang: Lang; paragraphs: number[] };

/** Problems that leave the document loaded: text the parser could not place, versions that do not align. */
const WARNINGS: ReadonlySet<DocumentProblem['code']> = new Set(['unplaced-text', 'version-missing', 'version-unaligned', 'version-length']);

export interface DocumentReport {
  file: string;
  source: string;
  /** The language of the file's text (null when it could not be read). */
  lang: Lang | null;
  /** Whether the metadata declares the file a language version of `source`. */
  version: boolean;
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
  return !WARNINGS.has(p.code);
}
