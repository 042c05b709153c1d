/**
 * Retrieval for one question: analyse it, rank units with the keyword index and (when a model is loaded and has
 * earned a weight) the dense index, and fuse the rankings. Every language version is searched: Chinese units with
 * the question's Chinese reading (an English question bridged), English units with its English words. The versions
 * of one paragraph are one result, given in the asker's language where the document has that version.
 * Built once by the engine from the indexes it loaded.
 */
import type { TextEmbedder } from '../../embeddings/index.js';
import type { QueryAnalyzer } from '../query/analyzer.js';
import type { Lang, QueryAnalysis, ScoredUnit, Unit } from '../types.js';
import type { DenseIndex } from './dense-index.js';
import { CANDIDATE_DEPTH, type DenseList, type FusionSetting, fuseToUnits } from './fusion.js';
import type { KeywordHit, KeywordIndex } from './keyword-index.js';

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

/** The rankings of a question before fusion; `dense` is null when the dense side was not asked or failed. */
export interface RankedLists {
  analysis: QueryAnalysis;
  keyword: KeywordHit[];
  /** English units ranked with the question's English words, when the corpus has any. */
  english?: KeywordHit[];
  dense: DenseList | null;
}

/** A question waits this long for its vector (the worker may be busy with a batch of a build), then uses keywords. */
export const QUERY_EMBED_TIMEOUT_MS = 5000;

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
  /** The fusion in force (calibrated, or set by DENSE_WEIGHT); read per question, so it may change. */
  fusion: () => FusionSetting;
  log?: (msg: string) => void;
  queryTimeoutMs?: number;
}

class QueryTimeout extends Error {}

export class Retriever {
  /** The last dense failure reported, so a failing dense side is reported once, not on every question. */
  private reported: string | null = null;

  constructor(private readonly deps: RetrieverDeps) {}

  /** Whether a dense index and model are there, whatever their weight. */
  get hasDense(): boolean {
    return this.deps.dense !== null && this.deps.embedder !== null;
  }

  /** Whether the dense side takes part now: it has a weight and its worker is up. */
  get hybrid(): boolean {
    return this.hasDense && this.deps.fusion().denseWeight > 0 && (this.deps.embedder!.status?.().available ?? true);
  }

  async retrieve(question: string, opts: RetrieveOptions): Promise<Retrieval> {
    const lists = await this.rankedLists(question, opts, this.hybrid);
    const lang = opts.lang ?? lists.analysis.lang;
    const unit = (key: string) => {
      const found = this.deps.unit(key);
      return found && this.deps.inLang(found, lang);
    };
    return { analysis: lists.analysis, results: fuseToUnits(lists, this.deps.fusion(), unit, opts.k) };
  }

  /** The rankings, `CANDIDATE_DEPTH` deep; the dense one only when `withDense` (calibration asks whatever the weight). */
  async rankedLists(question: string, opts: { source?: string }, withDense: boolean): Promise<RankedLists> {
    const { analyzer, keyword } = this.deps;
    const prefix = opts.source === undefined ? null : `${opts.source}#`;
    const filter = prefix === null ? undefined : (key: string) => key.startsWith(prefix);
    const analysis = analyzer.analyze(question);
    const keywordHits = keyword.search(analysis.groups, CANDIDATE_DEPTH, filter);
    const english = analysis.en && this.deps.english ? this.deps.english.search(analysis.en.groups, CANDIDATE_DEPTH, filter) : undefined;
    const dense = withDense && this.hasDense ? await this.denseList(question, filter) : null;
    return { analysis, keyword: keywordHits, ...(english ? { english } : {}), dense };
  }

  /**
   * The dense ranking with the query's similarity profile, or none when the embedder fails, is restarting or is too
   * slow: the question is then answered from the keyword ranking alone rather than late or not at all.
   */
  private async denseList(question: string, filter: ((key: string) => boolean) | undefined): Promise<DenseList | null> {
    const dense = this.deps.dense!;
    const embedder = this.deps.embedder!;
    if (embedder.status?.().available === false) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = this.deps.queryTimeoutMs ?? QUERY_EMBED_TIMEOUT_MS;
    try {
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new QueryTimeout()), timeoutMs);
      });
      const vector = await Promise.race([embedder.embedQuery(question), late]);
      return { hits: dense.search(vector, CANDIDATE_DEPTH, filter), profile: dense.profile(vector) };
    } catch (err) {
      // A worker that died or hung is reported by whoever watches the embedder's status (the engine), once; a
      // question that only waited too long (the worker busy with a build) is not a failure.
      if (err instanceof QueryTimeout || embedder.status?.().available === false) return null;
      const why = err instanceof Error ? err.message : String(err);
      if (why !== this.reported) this.deps.log?.(`Warning: dense retrieval failed (${why}); answering with keyword search alone while it fails.`);
      this.reported = why;
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}
