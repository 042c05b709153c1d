import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HashedNgramEmbedder } from '../embeddings/hashed-ngram-embedder.js';
import type { TextEmbedder } from '../embeddings/text-embedder.js';
import { loadEmbedderInWorker } from '../embeddings/worker-embedder.js';
import type { Engine } from '../retrieval/api.js';
import type { Corpus } from '../retrieval/corpus/load-corpus.js';
import { buildComponents, createEngine } from '../retrieval/engine.js';
import { DenseIndex } from '../retrieval/index/dense-index.js';
import { fuse } from '../retrieval/index/fusion.js';
import { corpusUnits, keywordDoc, MANIFEST_FILE } from '../retrieval/index/index-store.js';
import { KeywordIndex } from '../retrieval/index/keyword-index.js';
import type { Manifest } from '../retrieval/index/manifest.js';
import { Tokenizer } from '../retrieval/query/tokenize.js';
import { BENCH_FUSION } from './bench-fusion.js';
import { type LoopDelay, measureLoopDelay, startLoopDelayMonitor } from './event-loop.js';
import type { ModelChoice } from './model-choice.js';
import { type Percentiles, summarize } from './percentiles.js';

export interface BuildFigure {
  seconds: number;
  units_per_s: number;
}

export interface EngineFigures {
  units: number;
  build: {
    /** KeywordIndex.build alone (median of 3). */
    keyword: BuildFigure;
    /** Embedding every unit in the worker + building and writing the HNSW index, inside createEngine. */
    dense: (BuildFigure & { embed_s: number }) | null;
  };
  /** createEngine on an empty folder, by phase: where the main thread was held during a build. */
  build_delay: { whole: LoopDelay; phases: Record<string, LoopDelay> };
  /** Starting the embedding worker and loading the model in it. */
  model_load_ms: number | null;
  /** `answer`: keyword retrieval + extractive answer (the answer target); `answer_hybrid`: the same over hybrid retrieval. */
  query_ms: { keyword: Percentiles; dense: Percentiles | null; hybrid: Percentiles | null; answer: Percentiles; answer_hybrid: Percentiles | null };
  /**
   * The parts of a dense query: the worker round trip for the query vector, the HNSW search, and fusion and gating
   * (the query's similarity profile on the stored points, then fusing it with the keyword ranking).
   */
  dense_parts_ms: { embed: Percentiles; search: Percentiles; fusion: Percentiles } | null;
  /** While running the timed queries one after another: the longest stretch one query holds the thread. */
  query_delay: LoopDelay;
  /** The first answer to each distinct question, which also pays for lazy initialisation (e.g. the dictionary). */
  first_answer_delay: LoopDelay;
  /** Depth each retriever returns before fusion, as in the engine. */
  candidate_depth: number;
}

export interface EngineBenchOptions {
  seedsDir: string;
  corpus: Corpus;
  model: ModelChoice | null;
  /** Distinct questions, run once per kind untimed to warm caches and JIT. */
  warmup: readonly string[];
  /** The timed questions (≥ 200). */
  questions: readonly string[];
  dir: string;
  log: (msg: string) => void;
}

const CANDIDATE_DEPTH = 50;
const seconds = (since: number) => (performance.now() - since) / 1000;

type QueryKind = keyof EngineFigures['query_ms'];

function keywordBuild(corpus: Corpus): BuildFigure {
  const docs = corpusUnits(corpus).map(keywordDoc);
  const tokenizer = new Tokenizer();
  const runs = [0, 1, 2].map(() => {
    const t = performance.now();
    KeywordIndex.build(docs, tokenizer);
    return seconds(t);
  });
  const median = runs.sort((a, b) => a - b)[1];
  return { seconds: median, units_per_s: docs.length / median };
}

/** createEngine on an empty folder, the event loop watched phase by phase (phases split at embedding progress). */
async function buildEngine(opts: EngineBenchOptions, indexDir: string, embedder: TextEmbedder | null) {
  const monitor = await startLoopDelayMonitor();
  const start = performance.now();
  let embedStart = 0;
  let embedEnd = 0;
  const engine = await createEngine({
    seedsDir: opts.seedsDir,
    indexDir,
    log: () => {},
    ...(embedder ? { embedder } : { embeddings: 'off' as const }),
    onEmbedProgress: (done, total) => {
      if (done === 0) {
        embedStart = performance.now();
        monitor.mark('corpus_and_keyword');
      }
      if (done === total) {
        embedEnd = performance.now();
        monitor.mark('embedding');
      }
    },
  });
  const end = performance.now();
  const delay = await monitor.stop(embedder ? 'hnsw_and_write' : 'corpus_and_keyword');
  await engine.close();
  const units = engine.units().length;
  const denseS = (end - embedStart) / 1000;
  const dense = embedder ? { seconds: denseS, units_per_s: units / denseS, embed_s: (embedEnd - embedStart) / 1000 } : null;
  return { dense, delay, total_s: (end - start) / 1000 };
}

async function loadDense(indexDir: string, embedder: TextEmbedder, count: number): Promise<DenseIndex> {
  const manifest = JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), 'utf8')) as Manifest;
  if (!manifest.dense) throw new Error(`no dense index in ${indexDir}`);
  return DenseIndex.load(join(indexDir, manifest.dense.file), { dimension: embedder.dimension, count });
}

/** Builds the seed corpus's indexes through createEngine, then times each kind of query on the result. */
export async function benchEngine(opts: EngineBenchOptions): Promise<EngineFigures> {
  const { log, questions, warmup } = opts;
  const units = corpusUnits(opts.corpus).length;
  const indexDir = join(opts.dir, 'index');

  let embedder: TextEmbedder | null = null;
  let modelLoadMs: number | null = null;
  if (opts.model?.kind === 'hashed n-gram test embedder') {
    embedder = new HashedNgramEmbedder();
  } else if (opts.model) {
    log(`loading ${opts.model.model} in the embedding worker…`);
    const t = performance.now();
    const loaded = await loadEmbedderInWorker({ enabled: true, model: opts.model.model, modelsDir: opts.model.modelsDir, offline: true });
    if (!loaded.ok) throw new Error(loaded.problem);
    modelLoadMs = performance.now() - t;
    embedder = loaded.embedder;
  }

  log(`building indexes for ${units} units${embedder ? ` (embedding with ${embedder.id})` : ''}…`);
  const built = await buildEngine(opts, indexDir, embedder);
  const keyword = keywordBuild(opts.corpus);

  const open = (withModel: boolean): Promise<Engine> => {
    const model = withModel && embedder ? { embedder, fusion: BENCH_FUSION } : { embeddings: 'off' as const };
    return createEngine({ seedsDir: opts.seedsDir, indexDir, readOnly: true, log: () => {}, ...model });
  };
  // A fresh engine answers first, so its first answers pay for whatever initialises lazily, as after a restart.
  const answering = await open(embedder !== null);
  const firstAnswers = await measureLoopDelay(async () => {
    for (const q of warmup) await answering.ask(q);
  });
  const keywordEngine = await open(false);
  const hybridEngine = embedder ? await open(true) : null;
  const dense = embedder ? await loadDense(indexDir, embedder, units) : null;
  // The keyword ranking the dense one is fused with, from the engine's own analyzer and index (Chinese units).
  const keywordIndex = KeywordIndex.fromBinary(await readFile(join(indexDir, 'keyword.bin'))).forLang('zh');
  const { analyzer } = buildComponents({ corpus: opts.corpus, tokenizer: new Tokenizer(), keyword: keywordIndex, dense: null, embedder: null });

  const parts = { embed: [] as number[], search: [] as number[], fusion: [] as number[] };
  const kinds: [QueryKind, (q: string) => Promise<unknown>][] = [['keyword', (q) => keywordEngine.search(q)]];
  if (embedder && dense && hybridEngine) {
    kinds.push([
      'dense',
      async (q) => {
        const keyword = keywordIndex.search(analyzer.analyze(q).groups, CANDIDATE_DEPTH);
        const t0 = performance.now();
        const vector = await embedder.embedQuery(q);
        const t1 = performance.now();
        const hits = dense.search(vector, CANDIDATE_DEPTH);
        const t2 = performance.now();
        fuse({ keyword, dense: { hits, profile: dense.profile(vector) } }, BENCH_FUSION);
        parts.embed.push(t1 - t0);
        parts.search.push(t2 - t1);
        parts.fusion.push(performance.now() - t2);
      },
    ]);
    kinds.push(['hybrid', (q) => hybridEngine.search(q)]);
  }
  kinds.push(['answer', (q) => keywordEngine.ask(q)]);
  if (hybridEngine) kinds.push(['answer_hybrid', (q) => answering.ask(q)]);

  log(`timing ${questions.length} queries of each kind, interleaved…`);
  for (const [kind, run] of kinds) {
    // The answering engine was warmed by its first answers above.
    if (kind !== 'answer_hybrid') for (const q of warmup) await run(q);
  }
  parts.embed.length = parts.search.length = parts.fusion.length = 0;
  const times = new Map<QueryKind, number[]>(kinds.map(([kind]) => [kind, []]));
  // Each question runs as every kind in turn, so a change in machine load affects all kinds alike.
  const { delay: queryDelay } = await measureLoopDelay(async () => {
    for (const q of questions) {
      for (const [kind, run] of kinds) {
        const t = performance.now();
        await run(q);
        times.get(kind)!.push(performance.now() - t);
      }
    }
  });
  const percentilesOf = (kind: QueryKind) => (times.has(kind) ? summarize(times.get(kind)!) : null);

  await Promise.all([answering.close(), keywordEngine.close(), hybridEngine?.close()]);
  await embedder?.dispose();
  return {
    units,
    build: { keyword, dense: built.dense },
    build_delay: built.delay,
    model_load_ms: modelLoadMs,
    query_ms: {
      keyword: percentilesOf('keyword')!,
      dense: percentilesOf('dense'),
      hybrid: percentilesOf('hybrid'),
      answer: percentilesOf('answer')!,
      answer_hybrid: percentilesOf('answer_hybrid'),
    },
    dense_parts_ms: dense ? { embed: summarize(parts.embed), search: summarize(parts.search), fusion: summarize(parts.fusion) } : null,
    query_delay: queryDelay,
    first_answer_delay: firstAnswers.delay,
    candidate_depth: CANDIDATE_DEPTH,
  };
}
