import { readFile } from 'node:fs/promises';
import { abstention, atomicWrite, type EvalOutcome, parseEvalFile, rankParagraphs, score } from '../../retrieval/index.js';
import { parseArgs, stringFlag } from '../shared/args.js';
import { openEngine } from '../shared/open-engine.js';
import { runCli, usage } from '../shared/run-cli.js';

/** Depth of the ranking written with --json: the format promises at least 10 paragraphs. */
const RANK_DEPTH = 30;

function pct(x: number): string {
  return x.toFixed(2);
}

runCli(async () => {
  const args = parseArgs(process.argv.slice(2), ['json']);
  const [file] = args.positional;
  if (!file) usage('npm run eval -- FILE.jsonl [--json OUT.jsonl]');
  const items = parseEvalFile(await readFile(file, 'utf8'));
  // Verification rejections are counted, not just logged: for extractive answers the rate must be 0.
  let rejected = 0;
  const engine = await openEngine({
    log: (msg) => (msg.startsWith('citation rejected:') ? rejected++ : process.stderr.write(`${msg}\n`)),
  });
  const outcomes: EvalOutcome[] = [];
  let shown = 0;
  try {
    for (const item of items) {
      const results = await engine.search(item.question, { k: RANK_DEPTH });
      const answer = await engine.ask(item.question);
      shown += [...answer.passages, ...answer.related].reduce((n, p) => n + p.citations.length, 0);
      outcomes.push({ item, ranked: rankParagraphs(results), abstained: answer.outcome === 'not-found' });
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

  const jsonOut = stringFlag(args, 'json');
  if (jsonOut) {
    const lines = outcomes.map((o) => JSON.stringify({ id: o.item.id, ranked: o.ranked, abstained: o.abstained }));
    await atomicWrite(jsonOut, `${lines.join('\n')}\n`);
    process.stdout.write(`wrote ${outcomes.length} rankings to ${jsonOut}\n`);
  }
});
