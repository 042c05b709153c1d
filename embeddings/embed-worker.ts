import { parentPort } from 'node:worker_threads';
import { loadEmbedder } from './embedder.js';
import type { LocalEmbedder } from './local-embedder.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/**
 * Worker-thread side of WorkerEmbedder: holds every model the process uses. onnxruntime-node runs a forward pass
 * synchronously (its async `run` only defers it with setImmediate) and creating a session blocks too, so both
 * happen here, off the thread that answers Discord's heartbeats.
 */
const port = parentPort;
if (!port) throw new Error('embed-worker.ts must run in a worker thread');

const models = new Map<number, LocalEmbedder>();
let nextModel = 1;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function pack(vectors: number[][], dimension: number): Float32Array<ArrayBuffer> {
  const data = new Float32Array(vectors.length * dimension);
  for (const [i, v] of vectors.entries()) data.set(v, i * dimension);
  return data;
}

function modelFor(handle: number): LocalEmbedder {
  const embedder = models.get(handle);
  if (!embedder) throw new Error(`no model loaded under handle ${handle}`);
  return embedder;
}

async function handle(message: ToWorker): Promise<void> {
  const { id } = message;
  if (message.type === 'load') {
    // onProgress left unset: a first-use download draws its usual bar, which reaches the parent's stderr.
    const loaded = await loadEmbedder(message.options);
    if (!loaded.ok) {
      post({ type: 'loaded', id, result: { ok: false, disabled: loaded.disabled, cause: loaded.cause, problem: loaded.problem } });
      return;
    }
    const model = nextModel++;
    models.set(model, loaded.embedder);
    const { embedder } = loaded;
    const { location, downloaded } = loaded;
    post({ type: 'loaded', id, result: { ok: true, model, name: embedder.id, dimension: embedder.dimension, location, downloaded } });
  } else if (message.type === 'unload') {
    const embedder = models.get(message.model);
    models.delete(message.model);
    await embedder?.dispose();
    post({ type: 'unloaded', id });
  } else {
    const embedder = modelFor(message.model);
    const progress = (done: number, total: number) => post({ type: 'progress', id, done, total });
    const vectors = message.kind === 'passages' ? await embedder.embedPassages(message.texts, progress) : await embedder.embedQueries(message.texts);
    const data = pack(vectors, embedder.dimension);
    post({ type: 'vectors', id, data, count: vectors.length }, [data.buffer]);
  }
}

port.on('message', (message: ToWorker) => {
  handle(message).catch((err: unknown) => post({ type: 'failed', id: message.id, message: err instanceof Error ? err.message : String(err) }));
});
