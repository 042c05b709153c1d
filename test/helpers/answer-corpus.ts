/**
 * The real corpus and keyword retrieval, in process, for tests of the answer layer: seeds parsed by the
 * real parser, a real BM25 index, real query analysis, fused the way the engine fuses them.
 */
import { analyzeQuery } from '../../retrieval/analyze-query.js';
import type { AnswerInput } from '../../retrieval/extractive-answer.js';
import { CANDIDATE_DEPTH, fuseToUnits } from '../../retrieval/hybrid-search.js';
import { corpusUnits, indexText } from '../../retrieval/index-store.js';
import { KeywordIndex } from '../../retrieval/keyword-index.js';
import { loadCorpus } from '../../retrieval/load-corpus.js';
import type { DocumentMeta, Unit } from '../../retrieval/types.js';
import { unitKey } from '../../retrieval/types.js';

export interface AnswerCorpus {
  units: Unit[];
  unitsByKey: Map<string, Unit>;
  metas: Map<string, DocumentMeta>;
  index: KeywordIndex;
  /** Retrieval as the engine does it in keyword mode, ready to hand to an answerer. */
  retrieve(question: string, k?: number): AnswerInput;
}

export async function loadAnswerCorpus(seedsDir = 'seeds'): Promise<AnswerCorpus> {
  const corpus = await loadCorpus(seedsDir);
  const units = corpusUnits(corpus);
  const unitsByKey = new Map(units.map((u) => [unitKey(u), u]));
  const metas = new Map(corpus.documents.map((d) => [d.meta.source, d.meta]));
  const index = KeywordIndex.build(units.map((u) => ({ key: unitKey(u), text: indexText(u) })));
  return {
    units,
    unitsByKey,
    metas,
    index,
    retrieve(question, k = 10) {
      const analysis = analyzeQuery(question, index);
      const results = fuseToUnits({ keyword: index.search(analysis.terms, CANDIDATE_DEPTH) }, unitsByKey, k);
      return { question, analysis, results, metas, termStats: index };
    },
  };
}
