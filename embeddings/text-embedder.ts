import type { EmbedProgress } from './local-embedder.js';
import type { Span } from './worker-protocol.js';

/** Whether an embedder can embed right now, and why not (its worker died and is being restarted). */
export interface EmbedderStatus {
  available: boolean;
  problem: string | null;
}

/**
 * What indexing and search need from an embedding model, wherever it runs: in this thread (LocalEmbedder) or in the
 * worker process (WorkerEmbedder). Vectors are L2-normalised.
 */
export interface TextEmbedder {
  readonly id: string;
  readonly dimension: number;
  /** One vector per text; a text longer than the model's window is truncated, so passages go through `passageWindows` first. */
  embedPassages(texts: string[], onProgress?: EmbedProgress): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
  /**
   * Each text as character spans that the model takes whole, together covering the text (one span for a text that
   * fits). Absent: the embedder has no window and every text is one span.
   */
  passageWindows?(texts: string[]): Promise<Span[][]>;
  /** Absent: always available. */
  status?(): EmbedderStatus;
  /** Calls `listener` on every change of `status()`; returns the way to stop listening. */
  watch?(listener: (status: EmbedderStatus) => void): () => void;
  dispose(): Promise<void>;
}
