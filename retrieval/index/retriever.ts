/**
 * Retrieval for one question: analyse it, rank units with the keyword index and (when a model is loaded)
 * the dense index, and fuse the rankings. Every language version is searched: Chinese units with the
 * question's Chinese reading (an English question bridged), English units with its English words. The versions
 * of one paragraph are one result, given in the asker's language where the document has that version.
 * Built once by the engine from the indexes it loaded.
 */
import type { TextEmbedder } from '../../embeddings/index.js';
import type { QueryAnalyzer } from '../query/analyzer.js';
import { type Lang, parseUnitKey, type QueryAnalysis, type ScoredUnit, type Unit } from '../types.js';
import type { DenseIndex } from './dense-index.js';
import { CANDIDATE_DEPTH, fuseToUnits } from './fusion.js';
import type { KeywordIndex } from './keyword-index.js';

export interface RetrieveOptions {
  /** Only units of this document (its id). */
  source?: string;
  k: number;
  /** The version to give of a paragraph found in several languages (default: the question's language). */
  lang?: Lang;
}

export interface Retrieval {
  analysis: QueryAnalysis;
  results: ScoredUnit[];
}

export interface RetrieverDeps {
  analyzer: QueryAnalyzer;
  /** The keyword index as the Chinese reading sees it (Chinese units). */
  keyword: KeywordIndex;
  /** The keyword index over English units, when the corpus has any. */
  english: KeywordIndex | null;
  dense: DenseIndex | null;
  embedder: TextEmbedder | null;
  unit: (key: string) => Unit | undefined;
  /** The same unit in `lang`, when its document has that version (else the unit itself). */
  inLang: (unit: Unit, lang: Lang) => Unit;
  log?: (msg: string) => void;
}

const citationOf = (key: string) => parseUnitKey(key).citation;

export class Retriever {
  /** The last dense failure reported, so a dead embedding worker is reported once, not on every question. */
  private reported: string | null = null;

  constructor(private readonly deps: RetrieverDeps) {}

  get hybrid(): boolean {
    return this.deps.dense !== null && this.deps.embedder !== null;
  }

  async retrieve(question: string, opts: RetrieveOptions): Promise<Retrieval> {
    const { analyzer, keyword, dense, embedder } = this.deps;
    const prefix = opts.source === undefined ? null : `${opts.source}#`;
    const filter = prefix === null ? undefined : (key: string) => key.startsWith(prefix);
    const analysis = analyzer.analyze(question);
    const keywordHits = keyword.search(analysis.groups, CANDIDATE_DEPTH, filter);
    const english = analysis.en && this.deps.english ? this.deps.english.search(analysis.en.groups, CANDIDATE_DEPTH, filter) : undefined;
    const denseHits = dense && embedder ? await this.denseSearch(question, CANDIDATE_DEPTH, filter) : undefined;
    const lang = opts.lang ?? analysis.lang;
    const unit = (key: string) => {
      const found = this.deps.unit(key);
      return found && this.deps.inLang(found, lang);
    };
    return { analysis, results: fuseToUnits({ keyword: keywordHits, english, dense: denseHits }, unit, opts.k, citationOf) };
  }

  /**
   * The dense ranking, or none when the embedder fails (its worker killed or crashed): the question is then
   * answered from the keyword ranking alone rather than not at all.
   */
  private async denseSearch(question: string, depth: number, filter: ((key: string) => boolean) | undefined) {
    try {
      return this.deps.dense!.search(await this.deps.embedder!.embedQuery(question), depth, filter);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      if (why !== this.reported) this.deps.log?.(`Warning: dense retrieval failed (${why}); answering with keyword search alone while it fails.`);
      this.reported = why;
      return undefined;
    }
  }
}
