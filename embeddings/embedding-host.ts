import type { ChildProcess } from 'node:child_process';
import { EmbeddingProcess, type Reply, type Request } from './embedding-process.js';
import type { EmbedProgress } from './local-embedder.js';
import type { EmbedderStatus } from './text-embedder.js';
import type { EmbedKind, LoadReply, Span, WorkerLoadOptions } from './worker-protocol.js';

export interface HostSettings {
  /** A worker silent this long while a request waits is declared hung, killed and restarted. */
  stallMs: number;
  /** Restart attempts wait this long, doubling after each failed attempt up to `restartMaxMs`. */
  restartBaseMs: number;
  restartMaxMs: number;
  /**
   * After embedding at least this many passages, once no passage request has come for `recycleIdleMs`, the worker
   * is replaced by a fresh one without a memory arena: onnxruntime keeps the arena its largest batch needed (≈ 1 GB
   * for an e5-small-sized model after a corpus), which a process that now only embeds questions should not carry.
   */
  recycleAfterPassages: number;
  recycleIdleMs: number;
}

export const DEFAULT_HOST_SETTINGS: HostSettings = {
  stallMs: 60_000,
  restartBaseMs: 1000,
  restartMaxMs: 60_000,
  recycleAfterPassages: 32,
  recycleIdleMs: 1000,
};

type Loaded = Extract<LoadReply, { ok: true }>;

interface Slot {
  options: WorkerLoadOptions;
  /** The model's handle inside the current worker. */
  remote: number;
  name: string;
  dimension: number;
}

/**
 * The embedding worker process, kept alive: every model loaded through it is reloaded into a new worker when the
 * old one exits or hangs (retried with backoff), and a worker that embedded a corpus is swapped for a fresh one
 * when the build is over. While no worker is up, calls fail at once with the reason and `status()` says so;
 * listeners hear every change, so the engine can answer from keywords meanwhile and say so once.
 */
export class EmbeddingHost {
  private current: EmbeddingProcess | null = null;
  private readonly slots = new Map<number, Slot>();
  private nextHandle = 1;
  private problem: string | null = null;
  private attempts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(status: EmbedderStatus) => void>();
  private passages = 0;
  private passageCalls = 0;
  private recycleTimer: NodeJS.Timeout | undefined;
  private replacing = false;

  constructor(
    private readonly spawn: () => ChildProcess,
    private readonly settings: HostSettings = DEFAULT_HOST_SETTINGS,
  ) {}

  status(): EmbedderStatus {
    return { available: this.problem === null, problem: this.problem };
  }

  watch(listener: (status: EmbedderStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Loads a model into the worker (starting one if none runs); a model that loads is restored after every restart. */
  async load(options: WorkerLoadOptions): Promise<({ handle: number } & Loaded) | Extract<LoadReply, { ok: false }>> {
    if (this.problem !== null) throw new Error(`embedding worker unavailable: ${this.problem}`);
    const worker = this.worker();
    const reply = await worker.call({ type: 'load', options });
    if (reply.type !== 'loaded') throw new Error(`embedding worker answered "${reply.type}" to a load request`);
    if (!reply.result.ok) return reply.result;
    const handle = this.nextHandle++;
    this.slots.set(handle, { options, remote: reply.result.model, name: reply.result.name, dimension: reply.result.dimension });
    return { handle, ...reply.result };
  }

  async unload(handle: number): Promise<void> {
    const slot = this.slots.get(handle);
    this.slots.delete(handle);
    // A worker that is down holds nothing to release.
    if (slot && this.current?.usable && this.problem === null) await this.current.call({ type: 'unload', model: slot.remote }).catch(() => {});
    if (this.slots.size === 0) this.shutDown();
  }

  async embed(handle: number, kind: EmbedKind, texts: string[], onProgress?: EmbedProgress): Promise<Float32Array> {
    if (kind === 'passages') this.passageCalls++;
    try {
      const reply = await this.request(handle, (model) => ({ type: 'embed', model, kind, texts }), onProgress);
      if (reply.type !== 'vectors') throw new Error(`embedding worker answered "${reply.type}" to an embed request`);
      if (kind === 'passages') this.passages += texts.length;
      return reply.data;
    } finally {
      if (kind === 'passages') {
        this.passageCalls--;
        this.scheduleRecycle();
      }
    }
  }

  async windows(handle: number, texts: string[]): Promise<Span[][]> {
    const reply = await this.request(handle, (model) => ({ type: 'windows', model, texts }));
    if (reply.type !== 'windows') throw new Error(`embedding worker answered "${reply.type}" to a windows request`);
    return reply.windows;
  }

  /** The worker's pid and resident memory in bytes (not part of this process's RSS), or null while none runs. */
  async workerStats(): Promise<{ pid: number; rss: number } | null> {
    const worker = this.current;
    if (!worker?.usable || worker.pid === undefined) return null;
    const reply = await worker.call({ type: 'memory' }).catch(() => null);
    return reply?.type === 'memory' ? { pid: worker.pid, rss: reply.rss } : null;
  }

  private async request(handle: number, make: (model: number) => Request, onProgress?: EmbedProgress): Promise<Reply> {
    if (this.problem !== null) throw new Error(`embedding worker unavailable: ${this.problem}`);
    const slot = this.slots.get(handle);
    if (!slot) throw new Error('embedding model was disposed');
    return this.worker().call(make(slot.remote), onProgress);
  }

  private worker(): EmbeddingProcess {
    if (this.current?.usable) return this.current;
    return this.adopt(new EmbeddingProcess(this.spawn(), this.settings.stallMs));
  }

  private adopt(worker: EmbeddingProcess): EmbeddingProcess {
    this.current = worker;
    this.passages = 0;
    worker.whenFailed((reason) => {
      if (this.current === worker) this.lost(reason);
    });
    return worker;
  }

  private notify(): void {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }

  private lost(reason: Error): void {
    this.current = null;
    if (this.slots.size === 0) return;
    this.problem = reason.message;
    this.notify();
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    clearTimeout(this.restartTimer);
    const delay = Math.min(this.settings.restartMaxMs, this.settings.restartBaseMs * 2 ** this.attempts);
    this.restartTimer = setTimeout(() => void this.restart(), delay);
    this.restartTimer.unref();
  }

  private async restart(): Promise<void> {
    if (this.slots.size === 0) return;
    const fresh = await this.startWith(false);
    if (!fresh) {
      this.attempts++;
      this.scheduleRestart();
      return;
    }
    this.attempts = 0;
    this.problem = null;
    this.notify();
  }

  /**
   * A new worker with every model loaded, adopted as the current one; null (and the worker stopped) when a model
   * does not load the same as before. One that replaces a worker after a build serves questions: no memory arena.
   */
  private async startWith(serving: boolean): Promise<EmbeddingProcess | null> {
    const worker = new EmbeddingProcess(this.spawn(), this.settings.stallMs);
    const remotes = new Map<number, number>();
    try {
      for (const [handle, slot] of this.slots) {
        const options = serving ? { ...slot.options, memoryArena: false } : slot.options;
        const reply = await worker.call({ type: 'load', options });
        const ok = reply.type === 'loaded' && reply.result.ok && reply.result.name === slot.name && reply.result.dimension === slot.dimension;
        if (!ok || reply.type !== 'loaded' || !reply.result.ok) throw new Error('model did not load as before');
        remotes.set(handle, reply.result.model);
      }
    } catch {
      worker.stop();
      return null;
    }
    for (const [handle, remote] of remotes) this.slots.get(handle)!.remote = remote;
    return this.adopt(worker);
  }

  private scheduleRecycle(): void {
    clearTimeout(this.recycleTimer);
    if (this.passages < this.settings.recycleAfterPassages) return;
    this.recycleTimer = setTimeout(() => void this.recycle(), this.settings.recycleIdleMs);
    this.recycleTimer.unref();
  }

  /** Swaps the worker for a fresh one once a corpus build is over; questions in flight finish on the old one. */
  private async recycle(): Promise<void> {
    const old = this.current;
    if (!old?.usable || this.passageCalls > 0 || this.replacing || this.problem !== null) return;
    this.replacing = true;
    try {
      if (!(await this.startWith(true))) return;
      await old.drained();
      old.stop();
    } finally {
      this.replacing = false;
    }
  }

  /** No model left: the worker goes, and nothing restarts it until the next load. */
  private shutDown(): void {
    clearTimeout(this.restartTimer);
    clearTimeout(this.recycleTimer);
    const worker = this.current;
    this.current = null;
    this.problem = null;
    worker?.stop();
  }
}
