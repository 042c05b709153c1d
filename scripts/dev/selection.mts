/** Tuning questions whose key is in a top-5 candidate unit but not in the first passage: what ranked above it. */
import { readFileSync } from 'node:fs';
import { rankCandidates } from '../../retrieval/answer/select.js';
import { loadCorpus } from '../../retrieval/corpus/load-corpus.js';
import { buildComponents } from '../../retrieval/engine.js';
import { containsAnswer, parseKeysFile } from '../../retrieval/eval/answer-metrics.js';
import { parseEvalFile } from '../../retrieval/eval/evaluate.js';
import { corpusUnits, keywordDoc } from '../../retrieval/index/index-store.js';
import { KeywordIndex } from '../../retrieval/index/keyword-index.js';
import { normalizeQuestion } from '../../retrieval/query/normalize.js';
import { Tokenizer } from '../../retrieval/query/tokenize.js';

const items = parseEvalFile(readFileSync('test/data/tune/qa.jsonl', 'utf8'));
const keys = parseKeysFile(readFileSync('test/data/tune/keys.jsonl', 'utf8'));
const corpus = await loadCorpus('seeds');
const tokenizer = new Tokenizer();
const keyword = KeywordIndex.build(corpusUnits(corpus).map(keywordDoc), tokenizer);
const { retriever, ctx } = buildComponents({ corpus, tokenizer, keyword, dense: null, embedder: null });
const tag = (u: { source: string; paragraph: number | null; recommendation: number | null }) =>
  `${u.source.slice(0, 3)}¶${u.paragraph}${u.recommendation ? `r${u.recommendation}` : ''}`;
for (const item of items) {
  const key = keys.get(item.id);
  if (!key) continue;
  const { analysis, results } = await retriever.retrieve(normalizeQuestion(item.question).text, { k: 10 });
  const ranked = rankCandidates(results, analysis, ctx);
  if (!ranked[0] || containsAnswer(key, [ranked[0].quote])) continue;
  const good = ranked.findIndex((c) => containsAnswer(key, [c.unit.text]));
  if (good <= 0) continue;
  console.log(`\n${item.id} ${analysis.answerType} | ${item.question}`);
  for (const c of ranked.slice(0, good + 1)) {
    console.log(
      `  ${containsAnswer(key, [c.unit.text]) ? '★' : ' '} ${tag(c.unit)} score=${c.score.toFixed(2)} rank=${c.rank} cov=${c.coverage.toFixed(2)} ev=${c.evidence.strength} sal=${c.salient.toFixed(2)} | ${c.quote.slice(0, 90)}`,
    );
  }
}
