import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HashedNgramEmbedder } from '../../embeddings/index.js';
import {
  type Answer,
  type AnswerRecord,
  assertGold,
  atomicWrite,
  type Coverage,
  type Engine,
  type EngineStatus,
  glossCoverage,
  parseKeysFile,
  readEvalFile,
} from '../../retrieval/index.js';
import { parseCommandLine } from '../shared/args.js';
import { compareReport, type EvalRun, langsOf, runEval, singleReport } from '../shared/eval-report.js';
import { openEngine } from '../shared/open-engine.js';
import { refuseToOverwrite } from '../shared/output-file.js';
import { runCli } from '../shared/run-cli.js';
import { strings } from '../shared/strings.js';

const pct = (x: number) => x.toFixed(2);

function passagesJson(answer: Answer) {
  return answer.passages.map((p) => ({ quote: p.quote, role: p.role, citations: p.citations.map((c) => c.label) }));
}

function modeLine(status: EngineStatus): string {
  return `mode ${status.mode}${status.model ? ` (${status.model})` : ''}`;
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
    usage: 'npm run eval -- FILE.jsonl [--keys KEYS.jsonl] [--glosses] [--json OUT.jsonl] [--compare] [--test-embedder]',
    options: {
      json: { type: 'string' },
      keys: { type: 'string' },
      glosses: { type: 'boolean' },
      compare: { type: 'boolean' },
      'test-embedder': { type: 'boolean' },
    },
    positionals: { min: 1, max: 1 },
  });
  const [file] = positionals;
  for (const input of [file, values.keys]) if (values.json && input) await refuseToOverwrite(values.json, input, '--json');
  const lines = await readEvalFile(file);
  const items = lines.map((l) => l.item);
  const keysFile = values.keys;
  const keys = keysFile ? parseKeysFile(await readFile(keysFile, 'utf8')) : null;
  const compare = values.compare === true;
  // The test embedder (hashed n-grams, never a semantic model) gets an index folder of its own, so the real
  // model's dense index is left as it is.
  const scratch = values['test-embedder'] ? await mkdtemp(join(tmpdir(), 'eval-test-embedder-')) : null;
  const where = scratch ? { indexDir: scratch, embedder: new HashedNgramEmbedder() } : {};
  // Verification rejections are counted, not just logged: for extractive answers the rate must be 0.
  let rejected = 0;
  const log = (msg: string) => (msg.startsWith('citation rejected:') ? rejected++ : process.stderr.write(`${msg}\n`));
  const engines: Engine[] = [];
  try {
    const main = await openEngine({ ...where, log });
    engines.push(main);
    assertGold(file, lines, main);
    const status = main.status();
    const runs: EvalRun[] = [];
    if (compare) {
      // The same index, read-only, without the model: both runs see exactly the same keyword side.
      const keywordOnly = await openEngine({ ...where, embeddings: 'off', embedder: null, readOnly: true, log });
      engines.push(keywordOnly);
      runs.push(await runEval(keywordOnly, items, keys, () => rejected));
    }
    runs.push(await runEval(main, items, keys, () => rejected));
    const last = runs.at(-1)!;

    const langs = langsOf(items);
    const out: string[] = [];
    if (compare) {
      out.push(`${file}: ${items.length} questions, keyword search vs hybrid with ${status.fusion?.model ?? 'no model'} (mode ${status.mode})`);
      if (status.fusion) out.push(strings('en').fusionSummary(status.fusion));
      else out.push(`No dense side (${status.modelProblem ?? 'no model'}): both runs are keyword search.`);
      if (status.mode === 'keyword' && status.fusion) {
        out.push('Hybrid equals keyword here (dense weight 0). To see what the model does at a weight: DENSE_WEIGHT=0.2 npm run eval -- FILE --compare.');
      }
      out.push('', ...compareReport(runs[0]!, last, langs, keys !== null));
    } else {
      out.push(`${file}: ${items.length} questions, ${modeLine(status)}`);
      if (status.fusion) out.push(strings('en').fusionSummary(status.fusion));
      out.push('', ...singleReport(last, langs, keys !== null));
    }
    if (values.glosses) out.push(...glossTable(last.records, langs));
    process.stdout.write(`${out.join('\n')}\n`);

    const jsonOut = values.json;
    if (jsonOut) {
      const rows = last.records.map((r, i) =>
        JSON.stringify({
          id: r.item.id,
          ranked: last.outcomes[i]!.ranked,
          abstained: last.outcomes[i]!.abstained,
          outcome: r.answer.outcome,
          passages: passagesJson(r.answer),
        }),
      );
      await atomicWrite(jsonOut, `${rows.join('\n')}\n`);
      process.stdout.write(`wrote ${last.outcomes.length} rankings to ${jsonOut}\n`);
    }
  } finally {
    for (const engine of engines) await engine.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
});
