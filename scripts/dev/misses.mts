/** Tuning questions whose gold paragraph is not in the top 5, with the query terms the bridge produced. */
import { readFileSync } from 'node:fs';
import { loadCorpus } from '../../retrieval/corpus/load-corpus.js';
import { buildComponents } from '../../retrieval/engine.js';
import { parseEvalFile } from '../../retrieval/eval/evaluate.js';
import { corpusUnits, keywordDoc } from '../../retrieval/index/index-store.js';
import { KeywordIndex } from '../../retrieval/index/keyword-index.js';
import { normalizeQuestion } from '../../retrieval/query/normalize.js';
import { Tokenizer } from '../../retrieval/query/tokenize.js';

const [file = 'test/data/tune/qa.jsonl', lang = 'en', depth = '5'] = process.argv.slice(2);
const corpus = await loadCorpus('seeds');
const tokenizer = new Tokenizer();
const keyword = KeywordIndex.build(corpusUnits(corpus).map(keywordDoc), tokenizer);
const { retriever } = buildComponents({ corpus, tokenizer, keyword, dense: null, embedder: null });
for (const item of parseEvalFile(readFileSync(file, 'utf8'))) {
  if (!item.gold || item.lang !== lang) continue;
  const { analysis, results } = await retriever.retrieve(normalizeQuestion(item.question).text, { k: Number(depth) });
  if (results.some((r) => item.gold!.some((g) => g.source === r.unit.source && g.paragraph === r.unit.paragraph))) continue;
  console.log(
    `\n${item.id} ${item.question}\n  gold ${item.gold.map((g) => `${g.source.slice(0, 3)}¶${g.paragraph}`).join(',')}  got ${results.map((r) => `${r.unit.source.slice(0, 3)}¶${r.unit.paragraph}`).join(',')}`,
  );
  console.log(`  terms: ${analysis.groups.map((g) => g.members.map((m) => m.term).join('/')).join(' · ')}  unexplained: ${analysis.unexplained.join(',')}`);
}
