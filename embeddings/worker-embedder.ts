import type { EmbedderLoad } from './embedder.js';
import { EmbeddingThread, type Reply } from './embedding-thread.js';
import type { EmbedProgress } from './local-embedder.js';
import { spawnWorker } from './spawn-worker.js';
import type { TextEmbedder } from './text-embedder.js';
import type { EmbedKind, WorkerLoadOptions } from './worker-protocol.js';

export type { WorkerLoadOptions } from './worker-protocol.js';

export type WorkerEmbedderLoad = { ok: true; embedder: WorkerEmbedder; location: string; downloaded: boolean } | Extract<EmbedderLoad, { ok: false }>;

const WORKER_ENTRY = new URL('./embed-worker.ts', import.meta.url);

/*
 * One worker per process holds every model, and it lives as long as the process (idle, it holds no model and keeps
 * nothing alive). Both follow from onnxruntime-node 1.21's binding, observed here: with live sessions in two
 * threads the process aborts (V8 "HandleScope" fatal error), and a second worker cannot load the binding after
 * the first has exited ("Module did not self-register"). For the same reason, never keep an in-thread
 * LocalEmbedder alive while a WorkerEmbedder is.
 */
let shared: EmbeddingThread | null = null;

function embeddingThread(): EmbeddingThread {
  if (!shared?.usable) shared = new EmbeddingThread(spawnWorker(WORKER_ENTRY));
  return shared;
}

function vectorsOf(reply: Reply, dimension: number): number[][] {
  if (reply.type !== 'vectors') throw new Error(`embedding worker answered "${reply.type}" to an embed request`);
  const { data, count } = reply;
  return Array.from({ length: count }, (_, i) => Array.from(data.subarray(i * dimension, (i + 1) * dimension)));
}

/**
 * The embedding model running in a worker thread, with the TextEmbedder side of LocalEmbedder: tokenizing and the
 * ONNX forward pass (several milliseconds per question for an e5-small-sized model, seconds to minutes for a
 * corpus) never block this thread's event loop. A query sent during a corpus build waits for the current batch, not the build.
 */
export class WorkerEmbedder implements TextEmbedder {
  private disposed = false;

  constructor(
    private readonly thread: EmbeddingThread,
    private readonly model: number,
    readonly id: string,
    readonly dimension: number,
  ) {}

  embedPassages(texts: string[], onProgress?: EmbedProgress): Promise<number[][]> {
    return this.embed('passages', texts, onProgress);
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.embed('queries', [text]);
    return vector;
  }

  /** Unloads the model from the worker. Calls made afterwards reject. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    // A worker that already died holds nothing to release.
    await this.thread.call({ type: 'unload', model: this.model }).catch(() => {});
  }

  private async embed(kind: EmbedKind, texts: string[], onProgress?: EmbedProgress): Promise<number[][]> {
    if (this.disposed) throw new Error(`embedding model ${this.id} was disposed`);
    if (texts.length === 0) return [];
    return vectorsOf(await this.thread.call({ type: 'embed', model: this.model, kind, texts }, onProgress), this.dimension);
  }
}

/**
 * loadEmbedder's counterpart that loads the model in the process's embedding worker (creating an ONNX session
 * blocks its thread for about a second with an e5-small-sized model), starting the worker on first use. Never throws: a worker that cannot
 * start resolves to `ok: false` with a message, like any other load failure.
 */
export async function loadEmbedderInWorker(options: WorkerLoadOptions = {}): Promise<WorkerEmbedderLoad> {
  let thread: EmbeddingThread;
  let reply: Reply;
  try {
    thread = embeddingThread();
    reply = await thread.call({ type: 'load', options });
  } catch (err) {
    return workerFailure((err as Error).message);
  }
  if (reply.type !== 'loaded') return workerFailure(`answered "${reply.type}" to a load request`);
  if (!reply.result.ok) return reply.result;
  const { model, name, dimension, location, downloaded } = reply.result;
  return { ok: true, embedder: new WorkerEmbedder(thread, model, name, dimension), location, downloaded };
}

function workerFailure(cause: string): WorkerEmbedderLoad {
  return { ok: false, disabled: false, cause, problem: `The embedding worker could not run (${cause}). Continuing in keyword-only mode.` };
}
