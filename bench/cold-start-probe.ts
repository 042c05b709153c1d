import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TextEmbedder } from '../embeddings/text-embedder.js';
import type { WorkerEmbedder } from '../embeddings/worker-embedder.js';
import type { Engine } from '../retrieval/api.js';
import { BENCH_FUSION } from './bench-fusion.js';
import { measureLoopDelay } from './event-loop.js';
import type { ProbeRequest, ProbeResult } from './probe-protocol.js';

/**
 * A fresh process that opens a prebuilt index the way the bot starts, timing each step, then prints one JSON
 * line (ProbeResult). Run by bench/run-probe.ts with a JSON ProbeRequest as its only argument.
 */
const bootMs = process.uptime() * 1000;
const request = JSON.parse(process.argv[2]) as ProbeRequest;

/**
 * The engine's module graph, imported piece by piece in dependency order so each step times only what it adds:
 * where start-up goes before any index is read.
 */
const IMPORT_STEPS: [string, string][] = [
  ['tokenizer (jieba + dictionary)', '../retrieval/query/tokenize.js'],
  ['English bridge (CC-CEDICT, glossary)', '../retrieval/query/bridge/bridge-english.js'],
  ['embedding worker client', '../embeddings/worker-embedder.js'],
  ['rest of the engine', '../retrieval/engine.js'],
];

async function importEngine(): Promise<{ steps: Record<string, number>; createEngine: typeof import('../retrieval/engine.js').createEngine }> {
  const steps: Record<string, number> = {};
  for (const [name, path] of IMPORT_STEPS) {
    const t = performance.now();
    await import(path);
    steps[name] = performance.now() - t;
  }
  return { steps, createEngine: (await import('../retrieval/engine.js')).createEngine };
}

async function loadModel(): Promise<TextEmbedder> {
  const opts = { enabled: true, model: request.model, modelsDir: request.modelsDir, offline: true };
  if (request.mode !== 'in-thread') {
    const { loadEmbedderInWorker } = await import('../embeddings/worker-embedder.js');
    const loaded = await loadEmbedderInWorker(opts);
    if (!loaded.ok) throw new Error(loaded.problem);
    return loaded.embedder;
  }
  const { loadEmbedder } = await import('../embeddings/embedder.js');
  const loaded = await loadEmbedder({ ...opts, onProgress: null });
  if (!loaded.ok) throw new Error(loaded.problem);
  return loaded.embedder;
}

/** The worker a WorkerEmbedder runs in (its memory is not in this process's RSS), or null for an in-thread model. */
async function workerStats(embedder: TextEmbedder | null) {
  return embedder && 'workerStats' in embedder ? (embedder as WorkerEmbedder).workerStats() : null;
}

/** This process's RSS plus its embedding worker's, in MB. */
async function rssMb(embedder: TextEmbedder | null): Promise<{ total: number; worker: number }> {
  const worker = (await workerStats(embedder))?.rss ?? 0;
  return { total: (process.memoryUsage().rss + worker) / 2 ** 20, worker: worker / 2 ** 20 };
}

async function totalRssMb(embedder: TextEmbedder | null): Promise<number> {
  return (await rssMb(embedder)).total;
}

/** Seconds without questions before the settled memory figure. */
const SETTLE_S = 15;

/** Waits (up to a minute) for the worker that embedded the corpus to be replaced; seconds it took (0: it already was), or null. */
async function awaitRecycle(embedder: TextEmbedder, builtBy: number | undefined): Promise<number | null> {
  const start = performance.now();
  while (performance.now() - start < 60_000) {
    const stats = await workerStats(embedder);
    if (stats && stats.pid !== builtBy) return (performance.now() - start) / 1000;
    await sleep(250);
  }
  return null;
}

async function serve(engine: Engine, questions: readonly string[]): Promise<void> {
  for (const q of questions) await engine.search(q);
}

/** 'build': the index built here with the model, then hybrid queries served, memory measured at each step. */
async function buildAndServe(createEngine: typeof import('../retrieval/engine.js').createEngine): Promise<Partial<ProbeResult>> {
  const embedder = await loadModel();
  const indexDir = await mkdtemp(join(tmpdir(), 'bench-build-probe-'));
  try {
    // The worker that embeds the corpus, and the memory when it is done (the fusion is calibrated after that).
    let builtBy: Promise<number | undefined> | null = null;
    let afterBuild: Promise<number> | null = null;
    const engine = await createEngine({
      seedsDir: request.seedsDir,
      indexDir,
      embedder,
      fusion: BENCH_FUSION,
      log: () => {},
      onEmbedProgress: (done, total) => {
        builtBy ??= workerStats(embedder).then((s) => s?.pid);
        if (done === total) afterBuild = totalRssMb(embedder);
      },
    });
    await serve(engine, request.questions ?? []);
    const recycle = await awaitRecycle(embedder, await builtBy!);
    await serve(engine, request.questions ?? []);
    const serving = await rssMb(embedder);
    // V8 returns what loading the model left (the model file's bytes, the tokenizer's parse) only once the process
    // has been idle for a while, as a bot between questions is.
    await sleep(SETTLE_S * 1000);
    await serve(engine, request.questions ?? []);
    const settled = await rssMb(embedder);
    await engine.close();
    await embedder.dispose();
    return {
      rss_after_build_mb: await afterBuild!,
      rss_serving_after_build_mb: serving.total,
      rss_serving_worker_mb: serving.worker,
      rss_serving_settled_mb: settled.total,
      rss_serving_settled_worker_mb: settled.worker,
      recycle_s: recycle,
      rss_mb: serving.total,
    };
  } finally {
    await rm(indexDir, { recursive: true, force: true });
  }
}

async function main(): Promise<ProbeResult> {
  let t = performance.now();
  const { steps, createEngine } = await importEngine();
  const importMs = performance.now() - t;
  if (request.mode === 'build') {
    const built = await buildAndServe(createEngine);
    const none = { p50: 0, p99: 0, max: 0 };
    return {
      ...built,
      mode: 'build',
      boot_ms: bootMs,
      import_ms: importMs,
      import_steps_ms: steps,
      model_load_ms: null,
      engine_ms: 0,
      load_delay: none,
      embed_delay: null,
      embed_ms: null,
      rss_mb: built.rss_mb!,
      rss_after_embed_mb: null,
    };
  }

  let modelLoadMs: number | null = null;
  let engineMs = 0;
  const { value: engine, delay: loadDelay } = await measureLoopDelay(async () => {
    let embedder: TextEmbedder | null = null;
    if (request.mode !== 'keyword') {
      t = performance.now();
      embedder = await loadModel();
      modelLoadMs = performance.now() - t;
    }
    t = performance.now();
    const opened = await createEngine({
      seedsDir: request.seedsDir,
      indexDir: request.indexDir,
      readOnly: true,
      log: () => {},
      ...(embedder ? { embedder } : { embeddings: 'off' as const }),
    });
    engineMs = performance.now() - t;
    return { opened, embedder };
  });

  const rssMb = await totalRssMb(engine.embedder);
  let embedDelay = null;
  let embedMs = null;
  if (engine.embedder && request.embedUnits > 0) {
    const texts = engine.opened
      .units()
      .slice(0, request.embedUnits)
      .map((u) => u.text);
    t = performance.now();
    embedDelay = (await measureLoopDelay(() => engine.embedder!.embedPassages(texts))).delay;
    embedMs = performance.now() - t;
  }
  const rssAfterEmbedMb = await totalRssMb(engine.embedder);
  await engine.opened.close();
  return {
    mode: request.mode,
    boot_ms: bootMs,
    import_ms: importMs,
    import_steps_ms: steps,
    model_load_ms: modelLoadMs,
    engine_ms: engineMs,
    load_delay: loadDelay,
    embed_delay: embedDelay,
    embed_ms: embedMs,
    rss_mb: rssMb,
    rss_after_embed_mb: embedMs === null ? null : rssAfterEmbedMb,
  };
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
