/**
 * Retrieval for one question: analyse it, rank units with the keyword index and (when a model is loaded)
 * the dense index, and fuse the two rankings. Built once by the engine from the indexes it loaded.
 */
import type { TextEmbedder } from '../../embeddings/index.js';
import type { QueryAnalyzer } from '../query/analyzer.js';
import type { QueryAnalysis, ScoredUnit, Unit } from '../types.js';
import type { DenseIndex } from './dense-index.js';
import { CANDIDATE_DEPTH, fuseToUnits } from './fusion.js';
import type { KeywordIndex } from './keyword-index.js';

export interface RetrieveOptions {
  /** Only units of this document (its id). */
  source?: string;
  k: number;
}

export interface Retrieval {
  analysis: QueryAnalysis;
  results: ScoredUnit[];
}

export interface RetrieverDeps {
  analyzer: QueryAnalyzer;
  keyword: KeywordIndex;
  dense: DenseIndex | null;
  embedder: TextEmbedder | null;
  unit: (key: string) => Unit | undefined;
  log?: (msg: string) => void;
}

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
    const denseHits = dense && embedder ? await this.denseSearch(question, CANDIDATE_DEPTH, filter) : undefined;
    return { analysis, results: fuseToUnits({ keyword: keywordHits, dense: denseHits }, this.deps.unit, opts.k) };
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
