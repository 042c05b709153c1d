import type { EngineFigures } from './engine-bench.js';
import type { LoopDelay } from './event-loop.js';
import { fastestEfReaching, type HnswRun } from './hnsw-bench.js';
import type { KeywordScale } from './keyword-scale.js';
import type { ModelKind } from './model-choice.js';
import type { ProbeResult } from './probe-protocol.js';
import type { StoreFigures } from './store-bench.js';

/** The figures `npm run bench -- --json FILE` writes; the printed tables show the same numbers. */
export interface BenchReport {
  machine: { cpus: number; cpu_model: string; node: string; load_avg_before: number[]; load_avg_after: number[] };
  model: { name: string; kind: ModelKind } | null;
  questions: { source: string; fallback: string | null; distinct: number; timed: number };
  build: EngineFigures['build'];
  model_load_ms: number | null;
  /** Fresh process, prebuilt index: importing the engine + createEngine, excluding Node start-up and model load. */
  cold_start_ms: { without_model: number; with_model: number | null };
  cold_start_detail: { without_model: ProbeResult; with_model: ProbeResult | null };
  query_ms: EngineFigures['query_ms'];
  dense_parts_ms: EngineFigures['dense_parts_ms'];
  /**
   * RSS of a fresh process and its embedding worker process: ready to answer, after embedding a few passages, right
   * after building the index itself, and serving hybrid queries after that build once the worker that embedded the
   * corpus was replaced (`worker_recycle_s` after the build); and the bench's own peak.
   */
  rss_mb: {
    keyword_only: number;
    with_model: number | null;
    with_model_after_embedding: number | null;
    after_build: number | null;
    serving_after_build: number | null;
    /** The embedding worker's share of `serving_after_build`. */
    serving_after_build_worker: number | null;
    /** `serving_after_build` (and the worker's share) after a pause without questions and another round of them. */
    serving_settled: number | null;
    serving_settled_worker: number | null;
    worker_recycle_s: number | null;
    bench_peak: number;
  };
  hnsw: { m: number; ef_construction: number; ef: number; vectors: string; queries: number; runs: HnswRun[] };
  keyword_scale: KeywordScale | null;
  /** What the bot's SQLite store adds to each answer (bench/store-bench.ts). */
  store_ms: StoreFigures;
  event_loop_delay_ms: {
    build: EngineFigures['build_delay'];
    /** Model load in the worker + createEngine over the prebuilt index (fresh process). */
    load: LoopDelay;
    /** Embedding unit texts in the worker. */
    embedding: LoopDelay | null;
    /** While the timed queries of every kind ran. */
    queries: LoopDelay;
    /** The first answer to each distinct question on a fresh engine: lazy initialisation included. */
    first_answers: LoopDelay;
    /** The same with the model in the main thread, as before the worker: what a heartbeat would have waited. */
    model_in_main_thread: { load: LoopDelay; embedding: LoopDelay | null } | null;
  };
  ratios: Record<string, number>;
  targets: Target[];
  notes: string[];
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean | null;
}

const fixed = (x: number, digits = 2) => Number(x.toFixed(digits));

export function coldStartMs(probe: ProbeResult): number {
  return probe.import_ms + probe.engine_ms;
}

type RatioInputs = Pick<BenchReport, 'query_ms' | 'dense_parts_ms' | 'hnsw' | 'cold_start_ms' | 'event_loop_delay_ms'>;

export function ratiosOf(r: RatioInputs): Record<string, number> {
  const out: Record<string, number> = {};
  const q = r.query_ms;
  if (q.hybrid) out.hybrid_over_keyword_p50 = fixed(q.hybrid.p50 / q.keyword.p50);
  out.answer_over_retrieval_p50 = fixed(q.answer.p50 / q.keyword.p50);
  if (r.dense_parts_ms && q.hybrid) out.query_embedding_share_of_hybrid_p50 = fixed(r.dense_parts_ms.embed.p50 / q.hybrid.p50);
  for (const run of r.hnsw.runs) out[`brute_force_over_hnsw_p50_${run.n}`] = fixed(run.brute_force.p50_ms / run.p50_ms, 1);
  const [small, large] = [r.hnsw.runs[0], r.hnsw.runs.at(-1)];
  if (small && large && large !== small) {
    out[`hnsw_p50_${large.n}_over_${small.n}`] = fixed(large.p50_ms / small.p50_ms);
    out[`brute_force_p50_${large.n}_over_${small.n}`] = fixed(large.brute_force.p50_ms / small.brute_force.p50_ms);
  }
  if (r.cold_start_ms.with_model !== null) out.cold_start_with_over_without_model = fixed(r.cold_start_ms.with_model / r.cold_start_ms.without_model);
  const inMain = r.event_loop_delay_ms.model_in_main_thread;
  const worker = r.event_loop_delay_ms.embedding;
  if (inMain?.embedding && worker) out.max_loop_delay_embedding_main_thread_over_worker = fixed(inMain.embedding.max / Math.max(worker.max, 0.01), 1);
  return out;
}

/** The targets, each with what this run measured; null `met` when this run cannot tell (e.g. tiny model). */
export function targetsOf(
  r: Pick<BenchReport, 'query_ms' | 'hnsw' | 'cold_start_ms' | 'model'> &
    Partial<Pick<BenchReport, 'keyword_scale' | 'dense_parts_ms' | 'store_ms'>> & { rss_serving_after_build?: number | null },
): Target[] {
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const targets: Target[] = [
    { name: 'keyword query p50', goal: '≤ 5 ms', measured: ms(r.query_ms.keyword.p50), met: r.query_ms.keyword.p50 <= 5 },
    { name: 'answer p50 (engine.ask, keyword, extractive)', goal: '≤ 10 ms', measured: ms(r.query_ms.answer.p50), met: r.query_ms.answer.p50 <= 10 },
  ];
  if (r.store_ms) {
    const overhead = r.store_ms.per_answer_ms.p50;
    targets.push({ name: 'store overhead per answer p50 (settings, history, log)', goal: '≤ 1 ms', measured: `${overhead.toFixed(3)} ms`, met: overhead <= 1 });
  }
  const hybrid = r.query_ms.hybrid;
  // Only a model of e5-small's size says anything about these two targets.
  const sized = r.model?.kind === 'e5-small-sized random model' || r.model?.kind === 'real model';
  targets.push({
    name: 'hybrid query p50 (e5-small-sized model)',
    goal: '≤ 30 ms',
    measured: hybrid ? `${ms(hybrid.p50)} (${r.model?.kind})` : 'no model',
    met: hybrid && sized ? hybrid.p50 <= 30 : null,
  });
  const fusion = r.dense_parts_ms?.fusion;
  if (fusion) targets.push({ name: 'fusion and gating p50 (similarity profile + fuse)', goal: '≤ 1 ms', measured: ms(fusion.p50), met: fusion.p50 <= 1 });
  const rss = r.rss_serving_after_build;
  if (rss !== undefined && rss !== null) {
    targets.push({
      name: 'RSS serving hybrid queries after building the index, settled (process + worker)',
      goal: '≤ 700 MB',
      measured: `${rss.toFixed(0)} MB (${r.model?.kind})`,
      met: sized ? rss <= 700 : null,
    });
  }
  const run100k = r.hnsw.runs.find((run) => run.n === 100_000);
  if (run100k) {
    targets.push({
      name: `HNSW 100k, ef=${r.hnsw.ef}`,
      goal: 'recall@10 ≥ 0.95 at p50 ≤ 2 ms',
      measured: `recall ${run100k.recall_at_10.toFixed(3)}, ${ms(run100k.p50_ms)}`,
      met: run100k.recall_at_10 >= 0.95 && run100k.p50_ms <= 2,
    });
    const best = fastestEfReaching(run100k, 0.95);
    targets.push({
      name: 'HNSW 100k, fastest ef reaching 0.95',
      goal: 'recall@10 ≥ 0.95 at p50 ≤ 2 ms',
      measured: best ? `ef=${best.ef}: recall ${best.recall_at_10.toFixed(3)}, ${ms(best.p50_ms)}` : 'no swept ef reaches 0.95',
      met: best ? best.p50_ms <= 2 : false,
    });
  }
  const cold = r.cold_start_ms.with_model ?? r.cold_start_ms.without_model;
  targets.push({
    name: `cold start, prebuilt index${r.cold_start_ms.with_model !== null ? ' incl. dense' : ''}, excl. model load`,
    goal: '≤ 2000 ms',
    measured: `${cold.toFixed(0)} ms`,
    met: cold <= 2000,
  });
  const k = r.keyword_scale;
  if (k) {
    const at = `at ${k.n.toLocaleString('en')} units`;
    targets.push(
      {
        name: `npm run add of one document ${at}, keyword mode`,
        goal: '≤ 2 s',
        measured: `${k.add_s.toFixed(2)} s (${k.add_units} units tokenised)`,
        met: k.add_s <= 2,
      },
      { name: `keyword query p50 ${at}`, goal: '≤ 5 ms', measured: ms(k.query_ms.p50), met: k.query_ms.p50 <= 5 },
      { name: `keyword index load ${at}`, goal: '≤ 0.5 s', measured: `${k.load_s.toFixed(2)} s`, met: k.load_s <= 0.5 },
    );
  }
  return targets;
}
