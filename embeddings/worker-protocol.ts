import type { LoadEmbedderOptions } from './embedder.js';

/** Load options that can cross a process boundary (no callbacks: a download draws its bar on stderr as usual). */
export type WorkerLoadOptions = Omit<LoadEmbedderOptions, 'onProgress'>;

export type EmbedKind = 'passages' | 'queries';

/** A window of a passage: characters `[start, end)` of its text, fitting the model's input. */
export type Span = [start: number, end: number];

/** Every request carries an id that its reply repeats; `model` is the handle a successful load returned. */
export type ToWorker =
  | { type: 'load'; id: number; options: WorkerLoadOptions }
  | { type: 'embed'; id: number; model: number; kind: EmbedKind; texts: string[] }
  | { type: 'windows'; id: number; model: number; texts: string[] }
  | { type: 'unload'; id: number; model: number }
  | { type: 'memory'; id: number };

export type LoadReply =
  | { ok: true; model: number; name: string; dimension: number; maxTokens: number; location: string; downloaded: boolean }
  | { ok: false; disabled: boolean; cause: string; problem: string };

export type FromWorker =
  | { type: 'loaded'; id: number; result: LoadReply }
  | { type: 'progress'; id: number; done: number; total: number }
  /** Row-major vectors, `count × dimension`, in input order. */
  | { type: 'vectors'; id: number; data: Float32Array; count: number }
  | { type: 'windows'; id: number; windows: Span[][] }
  | { type: 'unloaded'; id: number }
  | { type: 'memory'; id: number; rss: number }
  | { type: 'failed'; id: number; message: string };
