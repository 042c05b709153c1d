import type { EmbedderLoad } from './embedder.js';
import { DEFAULT_HOST_SETTINGS, EmbeddingHost } from './embedding-host.js';
import type { EmbedProgress } from './local-embedder.js';
import { embeddingSettingsFromEnv } from './settings.js';
import { spawnWorker } from './spawn-worker.js';
import type { EmbedderStatus, TextEmbedder } from './text-embedder.js';
import type { EmbedKind, Span, WorkerLoadOptions } from './worker-protocol.js';

export type { WorkerLoadOptions } from './worker-protocol.js';

export type WorkerEmbedderLoad = { ok: true; embedder: WorkerEmbedder; location: string; downloaded: boolean } | Extract<EmbedderLoad, { ok: false }>;

const WORKER_ENTRY = new URL('./embed-worker.ts', import.meta.url);

/*
 * One worker process per process holds every model (one copy of onnxruntime and of each model's weights), started
 * on first use, restarted when it dies, and ending when its last model is disposed.
 */
let shared: EmbeddingHost | null = null;

/** The shared host; its hang timeout is the first load's (EMBEDDING_WORKER_TIMEOUT_MS). */
function host(options: WorkerLoadOptions): EmbeddingHost {
  if (shared) return shared;
  let stallMs = DEFAULT_HOST_SETTINGS.stallMs;
  try {
    stallMs = options.workerTimeoutMs ?? embeddingSettingsFromEnv().workerTimeoutMs;
  } catch {
    // A malformed setting is reported by the load itself, in the worker, like every other setting.
  }
  shared = new EmbeddingHost(() => spawnWorker(WORKER_ENTRY), { ...DEFAULT_HOST_SETTINGS, stallMs });
  return shared;
}

function vectorsOf(data: Float32Array, dimension: number): number[][] {
  const count = data.length / dimension;
  return Array.from({ length: count }, (_, i) => Array.from(data.subarray(i * dimension, (i + 1) * dimension)));
}

/**
 * The embedding model running in the worker process, with the TextEmbedder side of LocalEmbedder: tokenizing and
 * the ONNX forward pass (several milliseconds per question for an e5-small-sized model, seconds to minutes for a
 * corpus) never block this process's event loop. A query sent during a corpus build waits for the current batch,
 * not the build. While the worker restarts, `status()` says why and calls fail at once.
 */
export class WorkerEmbedder implements TextEmbedder {
  private disposed = false;

  constructor(
    private readonly host: EmbeddingHost,
    private readonly handle: number,
    readonly id: string,
    readonly dimension: number,
    /** The model's window in tokens. */
    readonly maxTokens: number,
  ) {}

  embedPassages(texts: string[], onProgress?: EmbedProgress): Promise<number[][]> {
    return this.embed('passages', texts, onProgress);
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.embed('queries', [text]);
    return vector;
  }

  passageWindows(texts: string[]): Promise<Span[][]> {
    if (this.disposed) return Promise.reject(new Error(`embedding model ${this.id} was disposed`));
    return texts.length ? this.host.windows(this.handle, texts) : Promise.resolve([]);
  }

  status(): EmbedderStatus {
    return this.host.status();
  }

  watch(listener: (status: EmbedderStatus) => void): () => void {
    return this.host.watch(listener);
  }

  /** The worker process's pid and resident memory in bytes (for the bench), or null while it is down. */
  workerStats(): Promise<{ pid: number; rss: number } | null> {
    return this.host.workerStats();
  }

  /** Unloads the model from the worker. Calls made afterwards reject. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.host.unload(this.handle);
  }

  private async embed(kind: EmbedKind, texts: string[], onProgress?: EmbedProgress): Promise<number[][]> {
    if (this.disposed) throw new Error(`embedding model ${this.id} was disposed`);
    if (texts.length === 0) return [];
    return vectorsOf(await this.host.embed(this.handle, kind, texts, onProgress), this.dimension);
  }
}

/**
 * loadEmbedder's counterpart that loads the model in the worker process (creating an ONNX session blocks its
 * thread for about a second with an e5-small-sized model), starting the worker on first use. Never throws: a
 * worker that cannot start resolves to `ok: false` with a message, like any other load failure.
 */
export async function loadEmbedderInWorker(options: WorkerLoadOptions = {}): Promise<WorkerEmbedderLoad> {
  const h = host(options);
  let reply: Awaited<ReturnType<EmbeddingHost['load']>>;
  try {
    reply = await h.load(options);
  } catch (err) {
    return workerFailure((err as Error).message);
  }
  if (!reply.ok) return reply;
  const { handle, name, dimension, maxTokens, location, downloaded } = reply;
  return { ok: true, embedder: new WorkerEmbedder(h, handle, name, dimension, maxTokens), location, downloaded };
}

function workerFailure(cause: string): WorkerEmbedderLoad {
  return { ok: false, disabled: false, cause, problem: `The embedding worker could not run (${cause}). Continuing in keyword-only mode.` };
}
