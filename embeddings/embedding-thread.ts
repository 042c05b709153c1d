import type { Worker } from 'node:worker_threads';
import type { EmbedProgress } from './local-embedder.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type Request = DistributiveOmit<ToWorker, 'id'>;
export type Reply = Exclude<FromWorker, { type: 'progress' | 'failed' }>;

interface Pending {
  resolve: (reply: Reply) => void;
  reject: (err: Error) => void;
  onProgress?: EmbedProgress;
}

/**
 * Request/reply over the embedding worker. The worker keeps the process alive only while a request is in flight:
 * an idle worker, or an engine nobody closed, does not stop a script from exiting.
 */
export class EmbeddingThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (m: FromWorker) => this.receive(m));
    worker.on('error', (err) => this.fail(new Error(`embedding worker failed: ${err.message}`)));
    worker.on('exit', (code) => this.fail(new Error(`embedding worker exited (code ${code})`)));
    worker.unref();
  }

  /** False once the worker has failed or exited. */
  get usable(): boolean {
    return this.failure === null;
  }

  /** Resolves with the reply; rejects with the worker's own error message, or why the worker is gone. */
  call(request: Request, onProgress?: EmbedProgress): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.ref();
      this.worker.postMessage({ ...request, id } as ToWorker);
    });
  }

  private take(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    return p;
  }

  private receive(m: FromWorker): void {
    if (m.type === 'progress') this.pending.get(m.id)?.onProgress?.(m.done, m.total);
    else if (m.type === 'failed') this.take(m.id)?.reject(new Error(m.message));
    else this.take(m.id)?.resolve(m);
  }

  private fail(reason: Error): void {
    this.failure ??= reason;
    for (const id of [...this.pending.keys()]) this.take(id)?.reject(reason);
  }
}
