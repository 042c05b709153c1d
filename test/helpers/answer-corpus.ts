/**
 * The real corpus and keyword retrieval, in process, for tests of the answer layer: seeds parsed by the
 * real parser, a real BM25 index, and the very components the engine builds over them.
 */

import type { AnswerContext } from '../../retrieval/answer/context.js';
import type { AnswerInput } from '../../retrieval/answer/extractive-answer.js';
import type { UnitCatalogue } from '../../retrieval/corpus/catalogue.js';
import { loadCorpus } from '../../retrieval/corpus/load-corpus.js';
import { buildComponents } from '../../retrieval/engine.js';
import type { Glosser } from '../../retrieval/gloss/index.js';
import { corpusUnits, keywordDoc } from '../../retrieval/index/index-store.js';
import { KeywordIndex } from '../../retrieval/index/keyword-index.js';
import type { QueryAnalyzer } from '../../retrieval/query/analyzer.js';
import { Tokenizer } from '../../retrieval/query/tokenize.js';
import type { DocumentMeta, Unit } from '../../retrieval/types.js';
import { unitKey } from '../../retrieval/types.js';

export interface AnswerCorpus {
  units: Unit[];
  unitsByKey: Map<string, Unit>;
  metas: Map<string, DocumentMeta>;
  tokenizer: Tokenizer;
  index: KeywordIndex;
  analyzer: QueryAnalyzer;
  catalogue: UnitCatalogue;
  ctx: AnswerContext;
  /** Key terms of quotes, as the engine adds them to every answer. */
  glosser: Glosser;
  /** Retrieval as the engine does it in keyword mode, ready to hand to an answerer. */
  retrieve(question: string, k?: number): Promise<AnswerInput>;
}

export async function loadAnswerCorpus(seedsDir = 'seeds'): Promise<AnswerCorpus> {
  const corpus = await loadCorpus(seedsDir);
  const units = corpusUnits(corpus);
  const tokenizer = new Tokenizer();
  const index = KeywordIndex.build(units.map(keywordDoc), tokenizer);
  const { catalogue, analyzer, retriever, ctx, glosser } = buildComponents({ corpus, tokenizer, keyword: index, dense: null, embedder: null });
  return {
    units,
    unitsByKey: new Map(units.map((u) => [unitKey(u), u])),
    metas: new Map(corpus.documents.map((d) => [d.meta.source, d.meta])),
    tokenizer,
    index,
    analyzer,
    catalogue,
    ctx,
    glosser,
    retrieve: (question, k = 10) => retriever.retrieve(question, { k }),
  };
}
