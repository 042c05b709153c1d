import type { LoopDelay } from './event-loop.js';
import type { Percentiles } from './percentiles.js';
import type { ProbeResult } from './probe-protocol.js';
import type { BenchReport } from './report.js';

/** Left-aligned first column, right-aligned numbers, two spaces between columns. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const n = (x: number, digits = 2) => x.toFixed(digits);
const pct = (p: Percentiles, digits = 2) => [n(p.p50, digits), n(p.p95, digits), n(p.p99, digits)];
const delay = (d: LoopDelay) => [n(d.p50, 1), n(d.p99, 1), n(d.max, 1)];

function section(title: string, body: string): string {
  return `${title}\n${body}`;
}

export function formatReport(r: BenchReport): string {
  const out: string[] = [];
  const m = r.machine;
  const load = (avg: number[]) => avg.map((x) => n(x)).join('/');
  out.push(`Machine: ${m.cpus} × ${m.cpu_model}, Node ${m.node}; load average ${load(m.load_avg_before)} before, ${load(m.load_avg_after)} after`);
  out.push(`Dense figures: ${r.model ? `${r.model.name} — ${r.model.kind}` : 'none (EMBEDDINGS=off)'}`);
  out.push(`Questions: ${r.questions.distinct} distinct from ${r.questions.source}, cycled to ${r.questions.timed} timed queries per kind`);
  if (r.questions.fallback) out.push(`NOTE: ${r.questions.fallback}`);

  const b = r.build;
  const buildRows = [
    ['index', 'seconds', 'units/s'],
    ['keyword', n(b.keyword.seconds, 3), n(b.keyword.units_per_s, 0)],
  ];
  if (b.dense) buildRows.push([`dense (embedding ${n(b.dense.embed_s)} s of it)`, n(b.dense.seconds, 3), n(b.dense.units_per_s, 1)]);
  out.push('', section('Index build, seed corpus', table(buildRows)));

  const wm = r.cold_start_detail.with_model;
  const startRows = [['step', 'ms']];
  if (r.model_load_ms !== null) startRows.push(['model load (worker start + model), in the bench process', n(r.model_load_ms, 0)]);
  if (wm?.model_load_ms != null) startRows.push(['model load (worker start + model), fresh process', n(wm.model_load_ms, 0)]);
  const wo = r.cold_start_detail.without_model;
  const sum = (total: number, p: ProbeResult) => `${n(total, 0)} = ${n(p.import_ms, 0)} + ${n(p.engine_ms, 0)}`;
  startRows.push(['cold start, keyword only: import + createEngine', sum(r.cold_start_ms.without_model, wo)]);
  for (const [step, ms] of Object.entries(wo.import_steps_ms)) startRows.push([`  import: ${step}`, n(ms, 0)]);
  if (wm && r.cold_start_ms.with_model !== null) {
    startRows.push(['cold start, hybrid (model excluded): import + createEngine', sum(r.cold_start_ms.with_model, wm)]);
  }
  startRows.push(['(before that: Node + tsx start-up)', n(wo.boot_ms, 0)]);
  out.push('', section('Start-up, fresh process, prebuilt index', table(startRows)));

  const q = r.query_ms;
  const queryRows = [
    ['query (ms)', 'p50', 'p95', 'p99'],
    ['keyword', ...pct(q.keyword)],
  ];
  if (q.dense) queryRows.push(['dense (embed + HNSW)', ...pct(q.dense)]);
  if (r.dense_parts_ms) {
    const inProcess = r.model?.kind === 'hashed n-gram test embedder';
    queryRows.push([`  query embedding, ${inProcess ? 'in process' : 'worker round trip'}`, ...pct(r.dense_parts_ms.embed)]);
    queryRows.push(['  HNSW search, top 50', ...pct(r.dense_parts_ms.search)]);
    queryRows.push(['  fusion and gating (similarity profile + fuse)', ...pct(r.dense_parts_ms.fusion)]);
  }
  if (q.hybrid) queryRows.push(['hybrid (engine.search)', ...pct(q.hybrid)]);
  queryRows.push(['answer (engine.ask, keyword, extractive)', ...pct(q.answer)]);
  if (q.answer_hybrid) queryRows.push(['answer (engine.ask, hybrid, extractive)', ...pct(q.answer_hybrid)]);
  out.push('', section(`Query latency over ${r.questions.timed} queries each (kinds interleaved)`, table(queryRows)));

  const storeRows = [
    ['store (ms, SQLite WAL)', 'p50', 'p95', 'p99'],
    ['per answer: settings + history read, turn + log written', ...pct(r.store_ms.per_answer_ms, 3)],
    ['  one write transaction', ...pct(r.store_ms.write_ms, 3)],
  ];
  out.push('', section(`Store overhead over ${r.store_ms.answers} answers`, table(storeRows)));

  const e = r.event_loop_delay_ms;
  const loopRows = [
    ['event-loop delay (ms)', 'p50', 'p99', 'max'],
    ['build, whole', ...delay(e.build.whole)],
  ];
  for (const [phase, d] of Object.entries(e.build.phases)) loopRows.push([`  build: ${phase.replaceAll('_', ' ')}`, ...delay(d)]);
  loopRows.push(['load: model in worker + createEngine', ...delay(e.load)]);
  if (e.embedding) loopRows.push([`embedding ${wm?.embed_ms != null ? 'units ' : ''}in the worker`, ...delay(e.embedding)]);
  loopRows.push([`first answer to each of ${r.questions.distinct} questions`, ...delay(e.first_answers)]);
  loopRows.push([`the timed queries, every kind`, ...delay(e.queries)]);
  const inMain = e.model_in_main_thread;
  if (inMain) {
    loopRows.push(['for comparison, model in the main thread: load', ...delay(inMain.load)]);
    if (inMain.embedding) loopRows.push(['for comparison, model in the main thread: embedding', ...delay(inMain.embedding)]);
  }
  out.push('', section('Event-loop delay (what a gateway heartbeat would wait)', table(loopRows)));

  const rss = r.rss_mb;
  const withModel = rss.with_model === null ? '' : `, with the model (worker included) ${n(rss.with_model, 0)} MB`;
  const afterEmbed = rss.with_model_after_embedding === null ? '' : `, ${n(rss.with_model_after_embedding, 0)} MB after embedding passages`;
  const memory = `keyword-only ${n(rss.keyword_only, 0)} MB${withModel}${afterEmbed}; bench peak ${n(rss.bench_peak, 0)} MB`;
  out.push('', `Memory (RSS of a fresh process and its embedding worker, ready to answer): ${memory}`);
  if (rss.after_build !== null && rss.serving_after_build !== null) {
    const recycled =
      rss.worker_recycle_s === null
        ? 'the worker was not replaced within a minute'
        : `the fresh worker took over ${n(rss.worker_recycle_s, 1)} s after the build`;
    out.push(
      `Memory after building the index itself: ${n(rss.after_build, 0)} MB; serving hybrid queries after it ${n(rss.serving_after_build, 0)} MB${rss.serving_after_build_worker === null ? '' : `, of which the worker ${n(rss.serving_after_build_worker, 0)} MB`} (${recycled})`,
    );
    if (rss.serving_settled !== null) {
      const worker = rss.serving_settled_worker === null ? '' : `, of which the worker ${n(rss.serving_settled_worker, 0)} MB`;
      out.push(`  the same after a pause without questions, as between a bot's questions: ${n(rss.serving_settled, 0)} MB${worker}`);
    }
  }

  const h = r.hnsw;
  const hnswRows = [['n', 'build s', 'p50 ms', 'recall@10', 'brute p50 ms', 'index MB', 'bytes/vector', 'load s']];
  for (const run of h.runs) {
    const brute = n(run.brute_force.p50_ms);
    hnswRows.push([
      String(run.n),
      n(run.build_s, 1),
      n(run.p50_ms, 3),
      n(run.recall_at_10, 4),
      brute,
      n(run.index_mb, 1),
      n(run.bytes_per_vector, 0),
      n(run.load_s),
    ]);
  }
  const hnswTitle = `HNSW (DenseIndex, M=${h.m}, efConstruction=${h.ef_construction}, ef=${h.ef}) on ${h.vectors}; ${h.queries} held-out queries`;
  out.push('', section(hnswTitle, table(hnswRows)));
  for (const run of h.runs) {
    const sweep = [['ef', 'p50 ms', 'recall@10'], ...run.ef_sweep.map((p) => [String(p.ef), n(p.p50_ms, 3), n(p.recall_at_10, 4)])];
    out.push('', section(`  ef sweep at n=${run.n} (same graph)`, table(sweep)));
  }

  if (r.keyword_scale) {
    const k = r.keyword_scale;
    const rows = [
      ['units', 'build s', 'units/s', 'file MB', 'heap bytes/unit', 'load s', 'query p50', 'p95', 'p99', 'add s', 'added units'],
      [
        String(k.n),
        n(k.build_s, 1),
        n(k.units_per_s, 0),
        n(k.file_mb, 1),
        k.heap_bytes_per_unit === null ? 'n/a' : n(k.heap_bytes_per_unit, 0),
        n(k.load_s, 2),
        ...pct(k.query_ms),
        n(k.add_s, 2),
        String(k.add_units),
      ],
    ];
    out.push('', section('Keyword index at scale (synthetic units assembled from seed sentences)', table(rows)));
  }

  out.push('', section('Ratios (same run)', table([['ratio', 'value'], ...Object.entries(r.ratios).map(([k, v]) => [k, String(v)])])));
  const met = (m: boolean | null) => (m === null ? 'n/a' : m ? 'yes' : 'NO');
  const targetRows = [['target', 'goal', 'measured', 'met'], ...r.targets.map((t) => [t.name, t.goal, t.measured, met(t.met)])];
  out.push('', section('Targets', table(targetRows)));
  if (r.notes.length) out.push('', section('Notes', r.notes.map((x) => `- ${x}`).join('\n')));
  return `${out.join('\n')}\n`;
}
