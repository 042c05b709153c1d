/** Prints the gate's signals for the questions of a set (tuning sets only). Usage: signals.mts QA.jsonl [ids,...] */
import { readFileSync } from 'node:fs';
import { gateSignals } from '../../retrieval/answer/confidence.js';
import { rankCandidates } from '../../retrieval/answer/select.js';
import { loadCorpus } from '../../retrieval/corpus/load-corpus.js';
import { buildComponents } from '../../retrieval/engine.js';
import { parseEvalFile } from '../../retrieval/eval/evaluate.js';
import { corpusUnits, keywordDoc } from '../../retrieval/index/index-store.js';
import { KeywordIndex } from '../../retrieval/index/keyword-index.js';
import { normalizeQuestion } from '../../retrieval/query/normalize.js';
import { Tokenizer } from '../../retrieval/query/tokenize.js';

const [qaFile, ids, which] = process.argv.slice(2);
const items = parseEvalFile(readFileSync(qaFile!, 'utf8'))
  .filter((i) => !ids || ids === '-' || ids.split(',').includes(i.id))
  .filter((i) => !which || (which === 'u') === !i.gold);
const corpus = await loadCorpus('seeds');
const tokenizer = new Tokenizer();
const keyword = KeywordIndex.build(corpusUnits(corpus).map(keywordDoc), tokenizer);
const { retriever, ctx } = buildComponents({ corpus, tokenizer, keyword, dense: null, embedder: null });
for (const item of items) {
  const { analysis, results } = await retriever.retrieve(normalizeQuestion(item.question).text, { k: 10 });
  const ranked = rankCandidates(results, analysis, ctx);
  const s = gateSignals(analysis, ranked[0], ctx);
  const f = (x: number) => x.toFixed(2);
  console.log(
    `${item.id} ${item.gold ? 'A' : 'U'} type=${analysis.answerType} uc=${f(s.unitCoverage)} ex=${f(s.explained)} sal=${f(s.salientInEvidence)} ev=${f(s.evidence)} top=${s.topicality?.toFixed(1)} absN=[${s.absentNames}] absS=[${s.absentSpecifics}] unexp=[${s.unexplained}] salient=${analysis.salient.map((e) => `${e.kind[0]}:${e.text}${e.inCorpus ? '' : '✗'}`).join(',')} | ${item.question}`,
  );
}
