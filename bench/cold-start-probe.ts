import type { TextEmbedder } from '../embeddings/text-embedder.js';
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
  if (request.mode === 'worker') {
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

async function main(): Promise<ProbeResult> {
  let t = performance.now();
  const { steps, createEngine } = await importEngine();
  const importMs = performance.now() - t;

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

  const rssMb = process.memoryUsage().rss / 2 ** 20;
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
  const rssAfterEmbedMb = process.memoryUsage().rss / 2 ** 20;
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
