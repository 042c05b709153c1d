import type { Answer, DocumentMeta, Lang, ScoredUnit, Turn, Unit } from './types.js';

/** What front ends (terminal, Discord) may call. They never touch indexes directly. */
export interface DocumentInfo {
  meta: DocumentMeta;
  paragraphs: { count: number; first: number; last: number };
  recommendations: number;
  hasSummary: boolean;
}

export interface SearchOptions {
  /** Restrict to one document (seed file stem). */
  source?: string;
  /** How many results (default 10). */
  k?: number;
}

export interface AskOptions extends SearchOptions {
  /** Earlier turns of the same conversation, oldest first, for follow-ups. */
  history?: Turn[];
}

export type RetrievalMode = 'hybrid' | 'keyword';

export interface EngineStatus {
  mode: RetrievalMode;
  /** Model id in use, or null in keyword-only mode. */
  model: string | null;
  /** Why the model is not in use, when it is not. */
  modelProblem: string | null;
  units: number;
  documents: number;
}

export interface Engine {
  status(): EngineStatus;
  documents(): DocumentInfo[];
  /** Resolves a user's document reference (stem, symbol, short title, or unique prefix); null if none or ambiguous. */
  resolveDocument(ref: string): DocumentMeta | null;
  /** The same, throwing a LookupError with the candidates when the reference is unknown or ambiguous. */
  document(ref: string): DocumentMeta;
  units(): readonly Unit[];
  search(query: string, opts?: SearchOptions): Promise<ScoredUnit[]>;
  ask(question: string, opts?: AskOptions): Promise<Answer>;
  /** Exact lookups; throw a LookupError whose `problem` says what is wrong (unknown document, number out of range). */
  paragraph(source: string, n: number): Unit;
  recommendation(n: number, source?: string): Unit;
  recommendations(source?: string): Unit[];
  summary(source: string): Unit;
  /** Citation label for a unit, e.g. `CTOC/COP/2018/2 第44段` (zh) / `CTOC/COP/2018/2, para. 44` (en). */
  label(unit: Unit, lang: Lang): string;
  /** Finds paragraph/recommendation citations written in free text ("CTOC/COP/2018/2, para. 44", "建议 6", "¶44"). */
  findCitedUnits(text: string, opts?: { source?: string }): Unit[];
  close(): Promise<void>;
}
