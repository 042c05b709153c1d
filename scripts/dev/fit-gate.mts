/**
 * Fits the answer/abstain gate (retrieval/answer/confidence.ts GATE) on the TUNING questions only
 * (test/data/tune): logistic regression of "the documents answer this question" on the gate's signals, then
 * the refusal / decline rates per threshold. Also reports, gate aside, whether the chosen passages hold the
 * key facts. Usage: node --import tsx scripts/dev/fit-gate.mts [QA.jsonl KEYS.jsonl]
 */
import { readFileSync } from 'node:fs';
import { confidenceOf, gateSignals } from '../../retrieval/answer/confidence.js';
import { choosePassages, rankCandidates } from '../../retrieval/answer/select.js';
import { loadCorpus } from '../../retrieval/corpus/load-corpus.js';
import { buildComponents } from '../../retrieval/engine.js';
import { containsAnswer, parseKeysFile } from '../../retrieval/eval/answer-metrics.js';
import { parseEvalFile } from '../../retrieval/eval/evaluate.js';
import { corpusUnits, keywordDoc } from '../../retrieval/index/index-store.js';
import { KeywordIndex } from '../../retrieval/index/keyword-index.js';
import { normalizeQuestion } from '../../retrieval/query/normalize.js';
import { Tokenizer } from '../../retrieval/query/tokenize.js';

// The tuning questions with keys, plus the earlier tuning sets (answerable questions without keys, and
// off-topic / other-years questions), so the gate learns both near-domain gaps and plain off-topic questions.
const [qaFile = 'test/data/tune/qa.jsonl', keysFile = 'test/data/tune/keys.jsonl'] = process.argv.slice(2);
const items = [qaFile, 'test/data/answerable.jsonl', 'test/data/out-of-domain.jsonl'].flatMap((f) => parseEvalFile(readFileSync(f, 'utf8')));
const keys = parseKeysFile(readFileSync(keysFile, 'utf8'));
const corpus = await loadCorpus('seeds');
const tokenizer = new Tokenizer();
const keyword = KeywordIndex.build(corpusUnits(corpus).map(keywordDoc), tokenizer);
const { retriever, ctx } = buildComponents({ corpus, tokenizer, keyword, dense: null, embedder: null });

const NAMES = [
  'unitCoverage',
  'absentName',
  'absentSpecific',
  'absentWord',
  'absentWordEn',
  'salientInEvidence',
  'evidence',
  'topicality',
  'support',
  'explained',
] as const;
const rows: { x: number[]; y: number; current: number; fact: boolean; first: boolean; id: string; lang: string }[] = [];
/** A row's value of one signal, by name. */
const col = (r: { x: number[] }, name: (typeof NAMES)[number]) => r.x[NAMES.indexOf(name)]!;
for (const item of items) {
  const { analysis, results } = await retriever.retrieve(normalizeQuestion(item.question).text, { k: 10 });
  const ranked = rankCandidates(results, analysis, ctx);
  const s = gateSignals(analysis, ranked[0], ctx);
  const topical = s.topicality === null ? 0 : Math.min(8, Math.max(-2, s.topicality)) / 8;
  const x = [
    s.unitCoverage,
    s.absentNames.length,
    s.absentSpecifics.length,
    s.english ? 0 : s.absentWords.length + s.boundWords.length,
    s.english ? s.absentWords.length + s.boundWords.length : 0,
    s.salientInEvidence,
    s.evidence,
    topical,
    s.support,
    s.explained,
  ];
  const key = keys.get(item.id);
  const chosen = choosePassages(ranked);
  rows.push({
    x,
    y: item.gold?.length ? 1 : 0,
    current: confidenceOf(s),
    fact: key
      ? containsAnswer(
          key,
          chosen.map((c) => c.quote),
        )
      : false,
    first: key ? chosen[0] !== undefined && containsAnswer(key, [chosen[0].quote]) : false,
    id: item.id,
    lang: item.lang,
  });
}
const answerable = rows.filter((r) => r.y === 1);
console.log(
  `gate aside: fact in answer ${(answerable.filter((r) => r.fact).length / answerable.length).toFixed(3)}, in first ${(answerable.filter((r) => r.first).length / answerable.length).toFixed(3)} (n=${answerable.length})`,
);

// Logistic regression, L2-regularised, classes weighted to balance them.
const d = NAMES.length;
let w = new Array(d).fill(0);
let b = 0;
const pos = rows.filter((r) => r.y === 1).length;
const neg = rows.length - pos;
const cw = (y: number) => (y === 1 ? rows.length / (2 * pos) : rows.length / (2 * neg));
const lambda = 0.001;
for (let epoch = 0; epoch < 20000; epoch++) {
  const gw = new Array(d).fill(0);
  let gb = 0;
  for (const r of rows) {
    const z = b + r.x.reduce((s, xi, i) => s + xi * w[i], 0);
    const p = 1 / (1 + Math.exp(-z));
    const e = (p - r.y) * cw(r.y);
    for (let i = 0; i < d; i++) gw[i] += e * r.x[i];
    gb += e;
  }
  w = w.map((wi, i) => wi - 0.5 * (gw[i] / rows.length + lambda * wi));
  b -= 0.5 * (gb / rows.length);
}
console.log('fitted:', JSON.stringify({ bias: +b.toFixed(2), ...Object.fromEntries(NAMES.map((n, i) => [n, +w[i].toFixed(2)])) }));
const current = rows.map((r) => r.current);
const fitted = rows.map((r) => 1 / (1 + Math.exp(-(b + r.x.reduce((s, xi, i) => s + xi * w[i], 0)))));
for (const [name, conf] of [
  ['current GATE', current],
  ['fitted', fitted],
] as const) {
  console.log(`\n${name}: threshold  refused(answerable)  declined(unanswerable)`);
  for (const t of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]) {
    const refused = rows.filter((r, i) => r.y === 1 && conf[i]! < t).length;
    const declined = rows.filter((r, i) => r.y === 0 && conf[i]! < t).length;
    console.log(`  ${t.toFixed(2)}  ${refused}/${pos} (${(refused / pos).toFixed(3)})  ${declined}/${neg} (${(declined / neg).toFixed(3)})`);
  }
}
for (const y of [1, 0]) {
  const rs = rows.filter((r) => r.y === y);
  console.log(y ? 'answerable  ' : 'unanswerable', NAMES.map((n, i) => `${n}=${(rs.reduce((s, r) => s + r.x[i]!, 0) / rs.length).toFixed(2)}`).join(' '));
  console.log('   nonzero', NAMES.map((n, i) => `${n}=${rs.filter((r) => r.x[i]! > 0).length}`).join(' '));
}
if (process.env.SHOW) {
  const show = (cond: (r: (typeof rows)[number], p: number) => boolean, title: string) => {
    console.log(`\n${title}`);
    rows.forEach((r, i) => {
      if (cond(r, fitted[i]!))
        console.log(
          `  ${r.id} p=${fitted[i]!.toFixed(2)} ${NAMES.map((n, j) => `${n.slice(0, 6)}=${r.x[j]!.toFixed(2)}`).join(' ')} | ${items.find((it) => it.id === r.id)!.question}`,
        );
    });
  };
  show((r, p) => r.y === 0 && p >= Number(process.env.SHOW), 'unanswerable accepted');
  show((r, p) => r.y === 1 && p < Number(process.env.SHOW), 'answerable refused');
}
// Three outcomes: a "missing" signal (something the question names or asks is not in the corpus or the evidence)
// makes a partial answer that says what is missing; only low confidence makes "not found".
const missing = (r: (typeof rows)[number]) =>
  col(r, 'absentName') + col(r, 'absentSpecific') + col(r, 'absentWord') > 0 ||
  col(r, 'salientInEvidence') < 1 ||
  col(r, 'evidence') < Number(process.env.EVMIN ?? 0.5);
console.log('\nthree outcomes (fitted confidence): T_low  refused  partial(answerable)  declined(unanswerable: not-found or partial)');
for (const t of [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4]) {
  const refused = rows.filter((r, i) => r.y === 1 && fitted[i]! < t).length;
  const partialA = rows.filter((r, i) => r.y === 1 && fitted[i]! >= t && missing(r)).length;
  const declined = rows.filter((r, i) => r.y === 0 && (fitted[i]! < t || missing(r))).length;
  console.log(`  ${t.toFixed(2)}  ${refused}/${pos} (${(refused / pos).toFixed(3)})  ${partialA}  ${declined}/${neg} (${(declined / neg).toFixed(3)})`);
}
if (process.env.PARTIALS) {
  const why = (r: (typeof rows)[number]) =>
    [
      col(r, 'absentName') ? 'name' : '',
      col(r, 'absentSpecific') ? 'specific' : '',
      col(r, 'absentWord') ? 'zhword' : '',
      col(r, 'salientInEvidence') < 1 ? `salient${col(r, 'salientInEvidence').toFixed(2)}` : '',
      col(r, 'evidence') < 0.5 ? `ev${col(r, 'evidence')}` : '',
    ]
      .filter(Boolean)
      .join(',');
  for (const r of rows)
    if (missing(r)) console.log(`${r.y ? 'A' : 'U'} ${r.id} ${r.fact ? 'FACT' : '----'} [${why(r)}] ${items.find((it) => it.id === r.id)!.question}`);
}
if (process.env.UNCAUGHT) {
  rows.forEach((r, i) => {
    if (r.y === 0 && fitted[i]! >= Number(process.env.UNCAUGHT) && !missing(r))
      console.log(
        `U ${r.id} p=${fitted[i]!.toFixed(2)} ${NAMES.map((n, j) => `${n.slice(0, 6)}=${r.x[j]!.toFixed(2)}`).join(' ')} | ${items.find((it) => it.id === r.id)!.question}`,
      );
  });
}
{
  // Upper bounds: the key in the whole first unit / in any of the top-5 ranked candidates' units.
  let inUnit = 0,
    inTop = 0,
    goldFirst = 0,
    n = 0;
  for (const item of items) {
    const key = keys.get(item.id);
    if (!key) continue;
    n++;
    const { analysis, results } = await retriever.retrieve(normalizeQuestion(item.question).text, { k: 10 });
    const ranked = rankCandidates(results, analysis, ctx);
    if (ranked[0] && containsAnswer(key, [ranked[0].unit.text])) inUnit++;
    if (ranked.slice(0, 5).some((c) => containsAnswer(key, [c.unit.text]))) inTop++;
    if (ranked[0] && item.gold!.some((g) => g.source === ranked[0]!.unit.source && g.paragraph === ranked[0]!.unit.paragraph)) goldFirst++;
  }
  console.log(
    `\nkey in whole first unit ${(inUnit / n).toFixed(3)}, in one of top-5 candidate units ${(inTop / n).toFixed(3)}, first unit gold ${(goldFirst / n).toFixed(3)}`,
  );
}
