/**
 * Local embeddings with transformers.js: the one entry point front ends and the engine import. Models load
 * in a worker thread by default (a forward pass blocks its thread); `loadEmbedder` runs one in this thread
 * and imports transformers.js only when called, since it is most of a cold start.
 */
import type { EmbedderLoad, LoadEmbedderOptions } from './embedder.js';

export type { EmbedderLoad, LoadEmbedderOptions } from './embedder.js';
export { HASHED_NGRAM_MODEL, HashedNgramEmbedder } from './hashed-ngram-embedder.js';
export type { EmbedProgress } from './local-embedder.js';
export { modelProfile, requiredModelFiles } from './model-profiles.js';
export { coversText } from './passage-windows.js';
export { embeddingProgressBar } from './progress-bar.js';
export { DEFAULT_MODEL, type EmbeddingSettings, embeddingSettingsFromEnv } from './settings.js';
export type { EmbedderStatus, TextEmbedder } from './text-embedder.js';
export { loadEmbedderInWorker, type WorkerEmbedderLoad, type WorkerLoadOptions } from './worker-embedder.js';
export type { Span } from './worker-protocol.js';

export async function loadEmbedder(opts: LoadEmbedderOptions = {}): Promise<EmbedderLoad> {
  return (await import('./embedder.js')).loadEmbedder(opts);
}
