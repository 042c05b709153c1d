import { setImmediate as nextTurn } from 'node:timers/promises';

export class QueueFullError extends Error {
  override name = 'QueueFullError';
}

/**
 * Runs at most `concurrency` jobs at once; the rest wait in FIFO order, up to `maxQueued`.
 * Each job starts on a fresh event-loop turn, so a burst of questions lets gateway heartbeats and
 * interaction acknowledgements through between answers instead of running back to back.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(job: () => Promise<T> | T): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) throw new QueueFullError('too many questions are waiting');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      await nextTurn();
      return await job();
    } finally {
      this.release();
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      // The slot passes straight to the next job, so `running` stays the same.
      next();
      return;
    }
    this.running--;
  }
}
