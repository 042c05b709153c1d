/**
 * Fits the answer score's weights (retrieval/answer/select.ts WEIGHTS) on the TUNING questions only
 * (test/data/tune): a listwise softmax over each question's candidates, whose positives are the candidates
 * whose quote holds every fact of the answer key. Prints how often the first candidate holds the facts with the
 * current weights and with the fitted ones. Usage: node --import tsx scripts/dev/fit-ranker.mts [QA.jsonl KEYS.jsonl]
 */
import { readFileSync } from 'node:fs';
import { type CandidateFeatures, rankCandidates, WEIGHTS } from '../../retrieval/answer/select.js';
import { loadCorpus } from '../../retrieval/corpus/load-corpus.js';
import { buildComponents } from '../../retrieval/engine.js';
import { containsAnswer, parseKeysFile } from '../../retrieval/eval/answer-metrics.js';
import { parseEvalFile } from '../../retrieval/eval/evaluate.js';
import { corpusUnits, indexText } from '../../retrieval/index/index-store.js';
import { KeywordIndex } from '../../retrieval/index/keyword-index.js';
import { normalizeQuestion } from '../../retrieval/query/normalize.js';
import { Tokenizer } from '../../retrieval/query/tokenize.js';
import { unitKey } from '../../retrieval/types.js';

const [qaFile = 'test/data/tune/qa.jsonl', keysFile = 'test/data/tune/keys.jsonl'] = process.argv.slice(2);
const items = parseEvalFile(readFileSync(qaFile, 'utf8'));
const keys = parseKeysFile(readFileSync(keysFile, 'utf8'));
const corpus = await loadCorpus('seeds');
const tokenizer = new Tokenizer();
const keyword = KeywordIndex.build(
  corpusUnits(corpus).map((u) => ({ key: unitKey(u), text: indexText(u) })),
  tokenizer,
);
const { retriever, ctx } = buildComponents({ corpus, tokenizer, keyword, dense: null, embedder: null });
const NAMES = Object.keys(WEIGHTS) as (keyof CandidateFeatures)[];

interface Row {
  x: number[][];
  positive: boolean[];
  lang: string;
}
const rows: Row[] = [];
for (const item of items) {
  const key = keys.get(item.id);
  if (!key) continue;
  const { analysis, results } = await retriever.retrieve(normalizeQuestion(item.question).text, { k: 10 });
  const ranked = rankCandidates(results, analysis, ctx);
  rows.push({ x: ranked.map((c) => NAMES.map((n) => c.features[n])), positive: ranked.map((c) => containsAnswer(key, [c.quote])), lang: item.lang });
}
const learnable = rows.filter((r) => r.positive.some(Boolean));
console.log(`${rows.length} keyed questions, ${learnable.length} with some candidate holding the facts`);

const top1 = (w: number[], rs: Row[]) => {
  const hits = rs.filter((r) => {
    const scores = r.x.map((f) => f.reduce((s, v, i) => s + v * w[i]!, 0));
    return r.positive[scores.indexOf(Math.max(...scores))];
  }).length;
  return (hits / rs.length).toFixed(3);
};

let w = NAMES.map((n) => WEIGHTS[n]);
const lambda = 0.01;
for (let epoch = 0; epoch < 3000; epoch++) {
  const grad = new Array(NAMES.length).fill(0);
  for (const r of learnable) {
    const scores = r.x.map((f) => f.reduce((s, v, i) => s + v * w[i]!, 0));
    const max = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - max));
    const z = e.reduce((a, b) => a + b, 0);
    const zPos = e.reduce((a, b, i) => a + (r.positive[i] ? b : 0), 0);
    // d(-log(zPos/z))/dw = E_all[f] - E_pos[f]
    r.x.forEach((f, j) => {
      const p = e[j]! / z - (r.positive[j] ? e[j]! / zPos : 0);
      f.forEach((v, i) => {
        grad[i] += p * v;
      });
    });
  }
  w = w.map((wi, i) => wi - 0.5 * (grad[i] / learnable.length + lambda * wi));
}
const fitted = Object.fromEntries(NAMES.map((n, i) => [n, +w[i]!.toFixed(2)]));
console.log('fitted:', JSON.stringify(fitted));
for (const lang of ['all', 'en', 'zh']) {
  const rs = rows.filter((r) => lang === 'all' || r.lang === lang);
  console.log(
    `${lang}: first candidate holds the facts — current ${top1(
      NAMES.map((n) => WEIGHTS[n]),
      rs,
    )}, fitted ${top1(w, rs)} (n=${rs.length})`,
  );
}

// Coordinate search on the first-candidate rate itself, from the current weights (the softmax optimum is not
// the top-1 optimum); the result is only worth taking if it also holds on questions it was not fitted on.
let best = NAMES.map((n) => WEIGHTS[n]);
let bestRate = Number(top1(best, rows));
for (let round = 0; round < 4; round++) {
  for (let i = 0; i < NAMES.length; i++) {
    for (const step of [-0.3, -0.15, -0.05, 0.05, 0.15, 0.3]) {
      const trial = best.map((v, j) => (j === i ? +(v + step).toFixed(2) : v));
      const rate = Number(top1(trial, rows));
      if (rate > bestRate + 1e-9) {
        best = trial;
        bestRate = rate;
      }
    }
  }
}
console.log('searched:', JSON.stringify(Object.fromEntries(NAMES.map((n, i) => [n, best[i]]))), 'first candidate rate', bestRate);
