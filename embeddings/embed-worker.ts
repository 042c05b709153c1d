import { loadEmbedder } from './embedder.js';
import type { LocalEmbedder } from './local-embedder.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/**
 * The embedding worker: a child process (see spawn-worker.ts) holding every model its parent uses. onnxruntime-node
 * runs a forward pass synchronously and creating a session blocks too, so both happen here, off the process that
 * answers Discord's heartbeats. A process rather than a thread because onnxruntime-node 1.21 cannot be loaded into
 * a second thread once the first has exited ("Module did not self-register") and aborts the whole process when its
 * thread is torn down mid-inference: a process can be killed at any moment and started again.
 */
if (!process.send) throw new Error('embed-worker.ts must run as a child process with an IPC channel');

const models = new Map<number, LocalEmbedder>();
let nextModel = 1;

function post(message: FromWorker): void {
  process.send!(message);
}

function pack(vectors: number[][], dimension: number): Float32Array {
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
    const { embedder, location, downloaded } = loaded;
    post({
      type: 'loaded',
      id,
      result: { ok: true, model, name: embedder.id, dimension: embedder.dimension, maxTokens: embedder.maxTokens, location, downloaded },
    });
  } else if (message.type === 'unload') {
    const embedder = models.get(message.model);
    models.delete(message.model);
    await embedder?.dispose();
    post({ type: 'unloaded', id });
  } else if (message.type === 'memory') {
    post({ type: 'memory', id, rss: process.memoryUsage().rss });
  } else if (message.type === 'windows') {
    post({ type: 'windows', id, windows: modelFor(message.model).windowsOf(message.texts) });
  } else {
    const embedder = modelFor(message.model);
    const progress = (done: number, total: number) => post({ type: 'progress', id, done, total });
    const vectors = message.kind === 'passages' ? await embedder.embedPassages(message.texts, progress) : await embedder.embedQueries(message.texts);
    post({ type: 'vectors', id, data: pack(vectors, embedder.dimension), count: vectors.length });
  }
}

process.on('message', (message: ToWorker) => {
  handle(message).catch((err: unknown) => post({ type: 'failed', id: message.id, message: err instanceof Error ? err.message : String(err) }));
});
// The parent is gone (exited, killed): nothing is left to answer.
process.on('disconnect', () => process.exit(0));
