import type { ParagraphSpan } from './answer/labels.js';
import type { DocumentReport } from './corpus/report.js';
import type { FusionSetting } from './index/fusion.js';
import type { FusionCalibration } from './index/manifest.js';
import type { Answer, DocumentMeta, Lang, ScoredUnit, Turn, Unit } from './types.js';

/** What front ends (terminal, Discord) may call. They never touch indexes directly. */
export interface DocumentInfo {
  meta: DocumentMeta;
  paragraphs: { count: number; first: number; last: number };
  recommendations: number;
  hasSummary: boolean;
  /** The official text in each language (CITATION_URL_PATTERN), or null when the document has no symbol. */
  url: { zh: string; en: string } | null;
  /** The document's outline: headings down to the second level, each with the paragraphs under it (first version's headings). */
  sections: SectionInfo[];
  /** The outline in each version's own headings. */
  sectionsIn: Partial<Record<Lang, SectionInfo[]>>;
}

export interface SectionInfo {
  heading: string;
  /** 1 for a chapter (`二. 建议`), 2 for a section inside it (`A. 一般性建议`). */
  depth: number;
  first: number;
  last: number;
}

/** A lettered item of a paragraph's list (`para. 44 (b)`), with the paragraph it belongs to. */
export interface Subparagraph {
  unit: Unit;
  letter: string;
  /** The item's text, verbatim from the paragraph (`unit.text.slice(start, end)`). */
  text: string;
  start: number;
  end: number;
}

export interface SearchOptions {
  /** Restrict to one document (seed file stem). */
  source?: string;
  /** How many results (default 10). */
  k?: number;
  /** Which language version of a paragraph found in several to give (default: the query's language). */
  lang?: Lang;
}

export interface AskOptions extends SearchOptions {
  /** Earlier turns of the same conversation, oldest first, for follow-ups. */
  history?: Turn[];
}

export type RetrievalMode = 'hybrid' | 'keyword';

/** How the dense side is fused with keyword search, and on what evidence. */
export interface FusionStatus {
  /** The dense index's model. */
  model: string;
  setting: FusionSetting;
  /** calibrated: chosen on labelled questions (the manifest's calibration); configured: DENSE_WEIGHT; uncalibrated: weight 0, no calibration. */
  source: 'calibrated' | 'configured' | 'uncalibrated';
  /** What the calibration measured (stored in the manifest with the model id), when it ran. */
  calibration: FusionCalibration | null;
  /** Why it did not run (no labelled questions, a file missing), or null. */
  calibrationProblem: string | null;
}

export interface EngineStatus {
  mode: RetrievalMode;
  /** Model id in use, or null in keyword-only mode. */
  model: string | null;
  /** Why the model is not in use, when it is not (not loaded, worker restarting, dense weight 0). */
  modelProblem: string | null;
  /** The fusion with the dense index, or null without one. */
  fusion: FusionStatus | null;
  units: number;
  documents: number;
  /** Why the index could not be saved (it serves from memory), or null. */
  indexUnsaved: string | null;
}

export interface Engine {
  status(): EngineStatus;
  documents(): DocumentInfo[];
  /** What loading did with each document file (units, removed text, problems), for the index and add tools. */
  reports(): DocumentReport[];
  /** Resolves a user's document reference (stem, symbol, short title, or unique prefix); null if none or ambiguous. */
  resolveDocument(ref: string): DocumentMeta | null;
  /** The same, throwing a LookupError with the candidates when the reference is unknown or ambiguous. */
  document(ref: string): DocumentMeta;
  units(): readonly Unit[];
  search(query: string, opts?: SearchOptions): Promise<ScoredUnit[]>;
  ask(question: string, opts?: AskOptions): Promise<Answer>;
  /**
   * Exact lookups; throw a LookupError whose `problem` says what is wrong (unknown document, number out of range).
   * `lang` asks for that language version, given when the document has it (else its first version's unit).
   */
  paragraph(source: string, n: number, lang?: Lang): Unit;
  recommendation(n: number, source?: string, lang?: Lang): Unit;
  recommendations(source?: string, lang?: Lang): Unit[];
  summary(source: string, lang?: Lang): Unit;
  /** `44(b)`: the item lettered `letter` of paragraph `n`'s list; a LookupError names the letters it has. */
  subparagraph(source: string, n: number, letter: string, lang?: Lang): Subparagraph;
  /** The same unit in its document's other language versions (aligned by number), in the document's order. */
  versions(unit: Unit): Unit[];
  /** Citation label for a unit, e.g. `CTOC/COP/2018/2 第44段` (zh) / `CTOC/COP/2018/2, para. 44` (en). */
  label(unit: Unit, lang: Lang): string;
  /** A copy-ready reference in the UN's form: `CTOC/COP/2018/2, para. 44 (b)` · `CTOC/COP/2018/2，第44(b)段`. */
  reference(unit: Unit, lang: Lang, span?: ParagraphSpan): string;
  /** Finds paragraph/recommendation citations written in free text ("CTOC/COP/2018/2, para. 44", "建议 6", "¶44"). */
  findCitedUnits(text: string, opts?: { source?: string; lang?: Lang }): Unit[];
  close(): Promise<void>;
}
