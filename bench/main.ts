import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadCorpus } from '../retrieval/corpus/load-corpus.js';
import { atomicWrite } from '../retrieval/index/atomic-write.js';
import { EF_CONSTRUCTION, EF_SEARCH, M } from '../retrieval/index/dense-index.js';
import { corpusUnits } from '../retrieval/index/index-store.js';
import { benchEngine } from './engine-bench.js';
import { formatReport } from './format-report.js';
import { benchHnsw, type HnswParams, type HnswRun, SYNTHETIC_DESCRIPTION } from './hnsw-bench.js';
import { benchKeywordScale } from './keyword-scale.js';
import { chooseBenchModel } from './model-choice.js';
import type { ProbeRequest, ProbeResult } from './probe-protocol.js';
import { atLeast, loadBenchQuestions } from './questions.js';
import { type BenchReport, coldStartMs, ratiosOf, targetsOf } from './report.js';
import { runProbe } from './run-probe.js';
import { benchStore } from './store-bench.js';
import { sentencesOf, synthesizeCorpus } from './synthetic-units.js';
import 'dotenv/config';
import { parseCommandLine, wholeArg } from '../bot/shared/args.js';
import { runCli } from '../bot/shared/run-cli.js';

const USAGE =
  'npm run bench -- [--quick] [--json FILE] [--questions FILE.jsonl] [--model NAME]' +
  ' [--m N] [--ef-construction N] [--ef N] [--hnsw-sizes N,N] [--scale-units N] [--probe-runs N]';
const VALUE_FLAGS = ['json', 'questions', 'model', 'm', 'ef-construction', 'ef', 'hnsw-sizes', 'scale-units', 'probe-runs'] as const;
const OPTIONS = {
  quick: { type: 'boolean' },
  ...(Object.fromEntries(VALUE_FLAGS.map((f) => [f, { type: 'string' }])) as Record<(typeof VALUE_FLAGS)[number], { type: 'string' }>),
} as const;
/** Bounds for the numeric flags: beyond them a run would take days or exhaust memory, so they are typos. */
const SIZE_RANGE = { min: 1, max: 10_000_000 };
const PARAM_RANGE = { min: 1, max: 10_000 };
const MIN_QUERIES = 200;
const HNSW_QUERIES = 200;
const EF_SWEEP = [25, 50, 100, 150, 200, 300, 400];
const HNSW_SIZES = [10_000, 100_000];
const SCALE_UNITS = 100_000;
/** Probe runs per mode; the run with the median cold start is reported. */
const PROBE_RUNS = 3;
/** Units embedded in the probes to watch the event loop during embedding (4 batches of 16). */
const PROBE_EMBED_UNITS = 64;
/** A load average above this (per core) means other work shares the CPU and inflates the timings. */
const BUSY_LOAD_PER_CORE = 0.5;

type Flags = Partial<Record<(typeof VALUE_FLAGS)[number], string>>;

function wholeFlag(flags: Flags, name: (typeof VALUE_FLAGS)[number], fallback: number, range = PARAM_RANGE): number {
  return wholeListFlag(flags, name, [fallback], range)[0];
}

/** A comma-separated list of whole numbers (`--hnsw-sizes 10000,100000`). */
function wholeListFlag(flags: Flags, name: (typeof VALUE_FLAGS)[number], fallback: number[], range = PARAM_RANGE): number[] {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  return raw.split(',').map((part) => wholeArg(part, `--${name}`, range, USAGE));
}

/** `gc()` for heap figures: V8 lets a running process turn on --expose-gc for contexts created afterwards. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function medianProbe(request: ProbeRequest, runs: number): Promise<ProbeResult> {
  const results: ProbeResult[] = [];
  for (let i = 0; i < runs; i++) results.push(await runProbe(request));
  return results.sort((a, b) => coldStartMs(a) - coldStartMs(b))[Math.floor(runs / 2)];
}

runCli(async () => {
  const { values: flags } = parseCommandLine(process.argv.slice(2), { usage: USAGE, options: OPTIONS });
  const quick = !!flags.quick;
  const hnswSizes = wholeListFlag(flags, 'hnsw-sizes', quick ? HNSW_SIZES.slice(0, 1) : HNSW_SIZES, SIZE_RANGE);
  const scaleUnits = quick ? null : wholeFlag(flags, 'scale-units', SCALE_UNITS, SIZE_RANGE);
  const probeRuns = wholeFlag(flags, 'probe-runs', PROBE_RUNS);
  const params: HnswParams = {
    m: wholeFlag(flags, 'm', M),
    efConstruction: wholeFlag(flags, 'ef-construction', EF_CONSTRUCTION),
    ef: wholeFlag(flags, 'ef', EF_SEARCH),
  };
  const log = (msg: string) => process.stderr.write(`${msg}\n`);
  const loadBefore = loadavg();
  const notes: string[] = [];
  if (loadBefore[0] > BUSY_LOAD_PER_CORE * cpus().length) {
    notes.push(
      `The machine was busy (load average ${loadBefore[0].toFixed(2)} on ${cpus().length} cores at the start): timings are inflated; rerun when it is quiet.`,
    );
  }

  const seedsDir = process.env.SEEDS_DIR || 'seeds';
  const corpus = await loadCorpus(seedsDir);
  const units = corpusUnits(corpus);
  const questionSet = await loadBenchQuestions(units, { file: flags.questions });
  if (questionSet.fallback) log(`NOTE: ${questionSet.fallback}`);
  const timed = atLeast(questionSet.questions, MIN_QUERIES);
  const model = chooseBenchModel(process.env, flags.model);
  if (!model) notes.push('EMBEDDINGS=off: no dense, hybrid or model figures.');
  else if (model.kind === 'test fixture (tiny random model)') {
    notes.push(
      'Dense figures use the tiny test fixture: far faster than a real model. For representative figures build the ' +
        'e5-small-sized model with `python3 scripts/make-tiny-model.py --e5-small-size`.',
    );
  } else if (model.kind === 'hashed n-gram test embedder') {
    notes.push(
      'Dense figures use the hashed n-gram test embedder in the bench process: an informative dense side for the ' +
        'fusion, no model; its latency is no model latency, and the fresh-process probes (model load, memory) are skipped.',
    );
  } else if (model.kind === 'e5-small-sized random model') {
    notes.push(
      "Dense figures use a random-weight model of multilingual-e5-small's size and architecture: latency and memory " +
        'are representative, its rankings mean nothing.',
    );
  }

  const dir = await mkdtemp(join(tmpdir(), 'bench-'));
  try {
    const engine = await benchEngine({ seedsDir, corpus, model, warmup: questionSet.questions, questions: timed, dir, log });

    log('cold starts in fresh processes…');
    const probe = (mode: ProbeRequest['mode']): ProbeRequest => ({
      mode,
      seedsDir,
      indexDir: join(dir, 'index'),
      model: model?.model,
      modelsDir: model?.modelsDir,
      embedUnits: PROBE_EMBED_UNITS,
    });
    const keywordProbe = await medianProbe(probe('keyword'), probeRuns);
    // The probes load a model by name in a fresh process; the n-gram embedder is no model to load.
    const probed = model?.kind === 'hashed n-gram test embedder' ? null : model;
    const workerProbe = probed ? await medianProbe(probe('worker'), probeRuns) : null;
    const inThreadProbe = probed ? await runProbe(probe('in-thread')) : null;
    if (probed) log('building the index in a fresh process, then serving hybrid queries…');
    const buildProbe = probed ? await runProbe({ ...probe('build'), questions: questionSet.questions.slice(0, 50) }) : null;

    const runs: HnswRun[] = [];
    for (const n of hnswSizes) {
      log(`HNSW on ${n} synthetic vectors…`);
      runs.push(await benchHnsw(n, { params, queries: HNSW_QUERIES, sweep: EF_SWEEP, dir, log }));
    }
    if (quick) notes.push('--quick: the 100k HNSW and keyword-scale runs were skipped.');

    let keywordScale = null;
    if (scaleUnits !== null) {
      log(`keyword index over ${scaleUnits} synthetic units…`);
      const synthetic = synthesizeCorpus(sentencesOf(units.map((u) => u.text)), scaleUnits, 1);
      keywordScale = await benchKeywordScale(
        synthetic,
        timed,
        join(dir, 'keyword-scale'),
        exposeGc(),
        join(seedsDir, corpus.reports?.find((r) => r.loaded)?.file ?? ''),
      );
    }

    log('store overhead per answer…');
    const storeMs = await benchStore(seedsDir, questionSet.questions, dir);

    const partial = {
      store_ms: storeMs,
      query_ms: engine.query_ms,
      dense_parts_ms: engine.dense_parts_ms,
      hnsw: { m: params.m, ef_construction: params.efConstruction, ef: params.ef, vectors: SYNTHETIC_DESCRIPTION, queries: HNSW_QUERIES, runs },
      cold_start_ms: { without_model: coldStartMs(keywordProbe), with_model: workerProbe ? coldStartMs(workerProbe) : null },
      event_loop_delay_ms: {
        build: engine.build_delay,
        load: (workerProbe ?? keywordProbe).load_delay,
        embedding: workerProbe?.embed_delay ?? null,
        queries: engine.query_delay,
        first_answers: engine.first_answer_delay,
        model_in_main_thread: inThreadProbe ? { load: inThreadProbe.load_delay, embedding: inThreadProbe.embed_delay } : null,
      },
      model: model ? { name: model.model, kind: model.kind } : null,
    };
    const report: BenchReport = {
      machine: {
        cpus: cpus().length,
        cpu_model: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        load_avg_before: loadBefore,
        load_avg_after: loadavg(),
      },
      questions: { source: questionSet.source, fallback: questionSet.fallback, distinct: questionSet.questions.length, timed: timed.length },
      build: engine.build,
      model_load_ms: engine.model_load_ms,
      cold_start_detail: { without_model: keywordProbe, with_model: workerProbe },
      rss_mb: {
        keyword_only: keywordProbe.rss_mb,
        with_model: workerProbe?.rss_mb ?? null,
        with_model_after_embedding: workerProbe?.rss_after_embed_mb ?? null,
        after_build: buildProbe?.rss_after_build_mb ?? null,
        serving_after_build: buildProbe?.rss_serving_after_build_mb ?? null,
        serving_after_build_worker: buildProbe?.rss_serving_worker_mb ?? null,
        serving_settled: buildProbe?.rss_serving_settled_mb ?? null,
        serving_settled_worker: buildProbe?.rss_serving_settled_worker_mb ?? null,
        worker_recycle_s: buildProbe?.recycle_s ?? null,
        bench_peak: process.resourceUsage().maxRSS / 1024,
      },
      keyword_scale: keywordScale,
      ...partial,
      ratios: ratiosOf(partial),
      targets: targetsOf({
        ...partial,
        keyword_scale: keywordScale, // Judged once settled: what a serving process keeps, not what a burst right after loading has yet to free.
        rss_serving_after_build: buildProbe?.rss_serving_settled_mb ?? buildProbe?.rss_serving_after_build_mb ?? null,
      }),
      notes,
    };
    process.stdout.write(formatReport(report));
    const jsonOut = flags.json;
    if (jsonOut) {
      await atomicWrite(jsonOut, `${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write(`wrote ${jsonOut}\n`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
