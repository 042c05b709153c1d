/** What the answer layer reads besides the question and the retrieved units, built once by the engine. */
import type { Tokenizer } from '../query/tokenize.js';
import type { Citation, CorpusStats, DocumentMeta, Lang, Unit } from '../types.js';
import type { DomainPhrases } from './collocations.js';
import type { Topicality } from './topicality.js';

/** Units and documents as the answer layer sees them (the unit catalogue implements it). */
export interface UnitDirectory {
  unit(key: string): Unit | undefined;
  hasDocument(source: string): boolean;
  meta(source: string): DocumentMeta;
  citation(unit: Unit, lang: Lang): Citation;
  label(unit: Unit, lang: Lang): string;
  /** The units of a document in order, to find the unit after a lead-in and those nested in a paragraph. */
  documentUnits(source: string): readonly Unit[];
  /** The document's official text in `lang`, null without a symbol. */
  url(source: string, lang: Lang): string | null;
}

export interface AnswerContext {
  units: UnitDirectory;
  /** Corpus-vs-general-language statistics for the confidence's topicality signal; null skips it. */
  topicality: Topicality | null;
  phrases: DomainPhrases;
  tokenizer: Tokenizer;
  /** The keyword index's statistics (how informative a term is). */
  stats: CorpusStats;
}
