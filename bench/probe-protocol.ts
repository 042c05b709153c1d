import type { LoopDelay } from './event-loop.js';

/**
 * How the model is run in a probe: not at all, in the embedding worker (what the engine does), or in the probe's
 * main thread (the old way, measured for comparison); 'build' builds the index itself with the model in the worker,
 * then serves hybrid queries (the memory a process pays after a build). Each probe is its own process: a cold start
 * is only cold in a fresh process.
 */
export type ProbeMode = 'keyword' | 'worker' | 'in-thread' | 'build';

export interface ProbeRequest {
  mode: ProbeMode;
  seedsDir: string;
  /** A prebuilt index: the probe opens it read-only and fails rather than rebuild. */
  indexDir: string;
  model?: string;
  modelsDir?: string;
  /** How many unit texts to embed after start-up, to watch the event loop during embedding. */
  embedUnits: number;
  /** 'build': questions to serve after the build, before and after the worker is replaced. */
  questions?: string[];
}

export interface ProbeResult {
  mode: ProbeMode;
  /** Node and tsx start-up before the probe's first line. */
  boot_ms: number;
  /** Importing the engine's modules (jieba's dictionary, the CC-CEDICT bridge…). */
  import_ms: number;
  /** The same, step by step through the module graph. */
  import_steps_ms: Record<string, number>;
  model_load_ms: number | null;
  /** createEngine over the prebuilt index, the model (if any) already loaded. */
  engine_ms: number;
  /** Event-loop delay while the model loaded and the engine opened. */
  load_delay: LoopDelay;
  /** Event-loop delay while embedding `embedUnits` unit texts (null in keyword mode). */
  embed_delay: LoopDelay | null;
  embed_ms: number | null;
  /** This process and its embedding worker process, ready to answer. */
  rss_mb: number;
  /** After embedding: onnxruntime keeps the memory its largest batch needed. */
  rss_after_embed_mb: number | null;
  /** 'build': right after building the index (corpus embedded, fusion calibrated), and serving hybrid queries once the worker that embedded the corpus was replaced. */
  rss_after_build_mb?: number;
  rss_serving_after_build_mb?: number;
  /** 'build': the embedding worker's share of `rss_serving_after_build_mb`. */
  rss_serving_worker_mb?: number;
  /** 'build': the same after SETTLE_S seconds without questions and one more round of them: V8 frees what loading left. */
  rss_serving_settled_mb?: number;
  rss_serving_settled_worker_mb?: number;
  /** 'build': seconds from the end of the build until the fresh worker took over. */
  recycle_s?: number | null;
}
