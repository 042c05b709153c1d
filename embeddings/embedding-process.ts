import type { ChildProcess } from 'node:child_process';
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
 * Request/reply over one embedding worker process. The child keeps this process alive only while a request is in
 * flight: an idle worker, or an engine nobody closed, does not stop a script from exiting. A worker that exits, or
 * that lets `stallMs` pass without a word while a request waits (hung, stopped), fails every pending request and
 * every later one with the reason; a hung one is killed.
 */
export class EmbeddingProcess {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;
  private watchdog: NodeJS.Timeout | undefined;
  private readonly onFailure: ((reason: Error) => void)[] = [];
  private readonly drainWaiters: (() => void)[] = [];

  constructor(
    private readonly child: ChildProcess,
    private readonly stallMs: number,
  ) {
    child.on('message', (m: FromWorker) => this.receive(m));
    child.on('error', (err) => this.fail(new Error(`embedding worker failed: ${err.message}`)));
    child.on('exit', (code, signal) => this.fail(new Error(`embedding worker exited (${signal ? `signal ${signal}` : `code ${code}`})`)));
    this.idle();
  }

  /** False once the worker has failed or exited. */
  get usable(): boolean {
    return this.failure === null;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Requests not answered yet. */
  get busy(): number {
    return this.pending.size;
  }

  /** Called once, with the reason, when the worker fails or exits. */
  whenFailed(listener: (reason: Error) => void): void {
    if (this.failure) listener(this.failure);
    else this.onFailure.push(listener);
  }

  /** Resolves with the reply; rejects with the worker's own error message, or why the worker is gone. */
  call(request: Request, onProgress?: EmbedProgress): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.child.ref();
      this.child.channel?.ref();
      this.arm();
      this.child.send({ ...request, id } as ToWorker);
    });
  }

  /** Resolves once no request is waiting (at once when none is). */
  drained(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Ends the worker (a retired one, or on close); its pending requests fail. */
  stop(): void {
    this.fail(new Error('embedding worker stopped'));
    this.child.kill('SIGKILL');
  }

  private arm(): void {
    clearTimeout(this.watchdog);
    if (this.pending.size === 0) return;
    this.watchdog = setTimeout(() => {
      this.fail(new Error(`embedding worker stopped answering (no reply for ${(this.stallMs / 1000).toFixed(0)} s)`));
      this.child.kill('SIGKILL');
    }, this.stallMs);
    this.watchdog.unref();
  }

  private idle(): void {
    this.child.unref();
    this.child.channel?.unref();
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  private take(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.idle();
    return p;
  }

  private receive(m: FromWorker): void {
    if (m.type === 'progress') this.pending.get(m.id)?.onProgress?.(m.done, m.total);
    else if (m.type === 'failed') this.take(m.id)?.reject(new Error(m.message));
    else this.take(m.id)?.resolve(m);
    this.arm();
  }

  private fail(reason: Error): void {
    if (this.failure) return;
    this.failure = reason;
    clearTimeout(this.watchdog);
    for (const id of [...this.pending.keys()]) this.take(id)?.reject(reason);
    this.idle();
    for (const listener of this.onFailure.splice(0)) listener(reason);
  }
}
