import { readFile } from 'node:fs/promises';
import {
  type Answer,
  type AnswerRecord,
  abstention,
  assertGold,
  atomicWrite,
  type Coverage,
  type EvalOutcome,
  glossCoverage,
  parseKeysFile,
  rankParagraphs,
  readEvalFile,
  score,
  scoreAnswers,
} from '../../retrieval/index.js';
import { parseCommandLine } from '../shared/args.js';
import { openEngine } from '../shared/open-engine.js';
import { refuseToOverwrite } from '../shared/output-file.js';
import { runCli } from '../shared/run-cli.js';

/** Depth of the ranking written with --json: the format promises at least 10 paragraphs. */
const RANK_DEPTH = 30;

function pct(x: number): string {
  return x.toFixed(2);
}

function passagesJson(answer: Answer) {
  return answer.passages.map((p) => ({ quote: p.quote, role: p.role, citations: p.citations.map((c) => c.label) }));
}

/** The answer table: does what the user reads hold the asked fact, and how much else is shown. */
function answerTable(records: AnswerRecord[], langs: string[]): string[] {
  const out = ['', 'lang    n  fact  first  cites  padding  chars  refused  partial  declined'];
  for (const lang of ['all', ...langs]) {
    const s = scoreAnswers(lang === 'all' ? records : records.filter((r) => r.item.lang === lang));
    if (!s.answerable && !s.unanswerable) continue;
    out.push(
      [
        lang.padEnd(5),
        String(s.keyed).padStart(3),
        ` ${pct(s.fact_in_answer)}`,
        `  ${pct(s.fact_in_first)}`,
        `   ${s.citations_per_answer.toFixed(1)}`,
        `     ${s.padding_per_answer.toFixed(2)}`,
        String(Math.round(s.chars_per_answer)).padStart(6),
        `${s.refused}/${s.answerable}`.padStart(9),
        String(s.partial).padStart(8),
        `${s.declined}/${s.unanswerable}`.padStart(10),
      ].join(''),
    );
  }
  out.push('(fact: every key fact in the quotes; first: in the first passage; padding: citations neither gold nor holding a key fact;');
  out.push(' refused: answerable questions answered "not found"; declined: unanswerable questions answered "not found" or in part)');
  return out;
}

/** Missed elements shown under the key-term table: the most frequent first. */
const MISSED_SHOWN = 25;

/** The key-term table: how many of the quotes' names, numbers and dates a gloss covers. */
function glossTable(records: AnswerRecord[], langs: string[]): string[] {
  const out = ['', 'key terms: names, numbers and dates of the quotes that a gloss covers', 'lang  quotes       names     numbers       dates         all'];
  const cell = ({ covered, total }: { covered: number; total: number }) => `  ${`${covered}/${total}`.padStart(7)} ${total ? pct(covered / total) : '   -'}`;
  let all: Coverage | null = null;
  for (const lang of ['all', ...langs]) {
    const passages = records.filter((r) => lang === 'all' || r.item.lang === lang).flatMap((r) => r.answer.passages);
    const c = glossCoverage(passages);
    all ??= c;
    const sum = Object.values(c.counts).reduce((a, b) => ({ covered: a.covered + b.covered, total: a.total + b.total }), { covered: 0, total: 0 });
    out.push(`${lang.padEnd(5)} ${String(passages.length).padStart(6)}${cell(c.counts.name)}${cell(c.counts.number)}${cell(c.counts.date)}${cell(sum)}`);
  }
  const missed = [...all!.missed].sort((a, b) => b[1] - a[1]).slice(0, MISSED_SHOWN);
  if (missed.length) out.push(`not glossed: ${missed.map(([t, n]) => (n > 1 ? `${t} ×${n}` : t)).join(', ')}`);
  return out;
}

runCli(async () => {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), {
    usage: 'npm run eval -- FILE.jsonl [--keys KEYS.jsonl] [--glosses] [--json OUT.jsonl]',
    options: { json: { type: 'string' }, keys: { type: 'string' }, glosses: { type: 'boolean' } },
    positionals: { min: 1, max: 1 },
  });
  const [file] = positionals;
  for (const input of [file, values.keys]) if (values.json && input) await refuseToOverwrite(values.json, input, '--json');
  const lines = await readEvalFile(file);
  const items = lines.map((l) => l.item);
  const keysFile = values.keys;
  const keys = keysFile ? parseKeysFile(await readFile(keysFile, 'utf8')) : null;
  // Verification rejections are counted, not just logged: for extractive answers the rate must be 0.
  let rejected = 0;
  const engine = await openEngine({
    log: (msg) => (msg.startsWith('citation rejected:') ? rejected++ : process.stderr.write(`${msg}\n`)),
  });
  const outcomes: EvalOutcome[] = [];
  const records: AnswerRecord[] = [];
  let shown = 0;
  try {
    assertGold(file, lines, engine);
    for (const item of items) {
      const results = await engine.search(item.question, { k: RANK_DEPTH });
      const answer = await engine.ask(item.question);
      shown += [...answer.passages, ...answer.related].reduce((n, p) => n + p.citations.length, 0);
      outcomes.push({ item, ranked: rankParagraphs(results), abstained: answer.outcome === 'not-found' });
      records.push({ item, answer, key: keys?.get(item.id) });
    }
  } finally {
    await engine.close();
  }

  const status = engine.status();
  const langs = [...new Set(items.map((i) => i.lang))].sort();
  const rows = [['all', score(outcomes)] as const, ...langs.map((l) => [l, score(outcomes.filter((o) => o.item.lang === l))] as const)];
  const out: string[] = [`${file}: ${items.length} questions, mode ${status.mode}${status.model ? ` (${status.model})` : ''}`, ''];
  out.push('lang    n   R@1   R@5   R@10  MRR@10');
  for (const [lang, s] of rows) {
    if (!s.n) continue;
    out.push(`${lang.padEnd(5)} ${String(s.n).padStart(3)}  ${pct(s.recall_at_1)}  ${pct(s.recall_at_5)}  ${pct(s.recall_at_10)}  ${pct(s.mrr_at_10)}`);
  }
  if (keys) out.push(...answerTable(records, langs));
  if (values.glosses) out.push(...glossTable(records, langs));
  const a = abstention(outcomes);
  out.push('');
  out.push(
    `abstention: ${a.abstained_unanswerable}/${a.unanswerable} questions without gold abstained` +
      (a.unanswerable ? ` (rate ${pct(a.abstained_unanswerable / a.unanswerable)})` : ''),
  );
  out.push(
    `false abstention: ${a.abstained_answerable}/${a.answerable} answerable questions abstained` +
      (a.answerable ? ` (rate ${pct(a.abstained_answerable / a.answerable)})` : ''),
  );
  out.push(`citations rejected by verification: ${rejected}/${shown + rejected}${shown + rejected ? ` (rate ${pct(rejected / (shown + rejected))})` : ''}`);
  process.stdout.write(`${out.join('\n')}\n`);

  const jsonOut = values.json;
  if (jsonOut) {
    const lines = records.map((r, i) =>
      JSON.stringify({
        id: r.item.id,
        ranked: outcomes[i]!.ranked,
        abstained: outcomes[i]!.abstained,
        outcome: r.answer.outcome,
        passages: passagesJson(r.answer),
      }),
    );
    await atomicWrite(jsonOut, `${lines.join('\n')}\n`);
    process.stdout.write(`wrote ${outcomes.length} rankings to ${jsonOut}\n`);
  }
});
