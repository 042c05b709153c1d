/** What the answer layer reads besides the question and the retrieved units, built once by the engine. */
import { englishMatchText } from '../query/english-stems.js';
import { normalizeText, type Tokenizer } from '../query/tokenize.js';
import type { Citation, CorpusStats, DocumentMeta, Lang, QueryAnalysis, Unit } from '../types.js';
import type { DomainPhrases } from './collocations.js';
import type { Topicality } from './topicality.js';

/** Units and documents as the answer layer sees them (the unit catalogue implements it). */
export interface UnitDirectory {
  unit(key: string): Unit | undefined;
  hasDocument(source: string): boolean;
  meta(source: string): DocumentMeta;
  citation(unit: Unit, lang: Lang): Citation;
  label(unit: Unit, lang: Lang): string;
  /** The units of a document's version in `lang` in order, to find the unit after a lead-in and those nested in a paragraph. */
  documentUnits(source: string, lang?: Lang): readonly Unit[];
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
  /** The language of the text this context reads: it decides how that text is searched for the question's terms. */
  lang: Lang;
  /** The context English units are read in, when the corpus has any: no Chinese domain phrases, no topicality. */
  english?: AnswerContext;
}

/** The question as read for one unit, and the context it is read in. */
export interface AnswerView {
  analysis: QueryAnalysis;
  ctx: AnswerContext;
}

/** A unit is read in its own language: an English unit with the question's English words. */
export function viewFor(unit: Unit, analysis: QueryAnalysis, ctx: AnswerContext): AnswerView {
  return unit.lang === 'en' && analysis.en && ctx.english ? { analysis: analysis.en, ctx: ctx.english } : { analysis, ctx };
}

/**
 * Text as the answer layer looks for a reading's terms in it, by substring: Chinese normalized (NFKC,
 * lowercase, no spaces next to ideographs), English as its stems between spaces.
 */
export function matchText(text: string, lang: Lang): string {
  return lang === 'en' ? englishMatchText(text) : normalizeText(text);
}
