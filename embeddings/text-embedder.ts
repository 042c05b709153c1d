import type { EmbedProgress } from './local-embedder.js';

/**
 * What indexing and search need from an embedding model, wherever it runs: in this thread (LocalEmbedder) or in a
 * worker thread (WorkerEmbedder). Vectors are L2-normalised.
 */
export interface TextEmbedder {
  readonly id: string;
  readonly dimension: number;
  embedPassages(texts: string[], onProgress?: EmbedProgress): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
  dispose(): Promise<void>;
}
