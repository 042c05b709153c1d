/**
 * Fault injection for the embedding worker: import this before the engine starts its worker, then `killWorkers()`
 * terminates every worker thread of the process, as a crash in the worker would end it. It wraps node's Worker
 * class (through syncBuiltinESMExports, so modules importing `node:worker_threads` see the wrapper) instead of
 * giving the product a kill switch it should never have.
 *
 * The kill waits until no request is in the worker: onnxruntime-node 1.21 aborts the whole process (SIGABRT,
 * "terminate called after throwing an instance of 'Napi::Error'") when its thread is torn down during an
 * inference, which no handler in the process can survive (see the README, "Faults").
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const threads = require('node:worker_threads') as typeof import('node:worker_threads');
/** Each running worker with the ids of the requests it has not answered yet. */
const running = new Map<Worker, Set<unknown>>();

if (!(threads.Worker as { tapped?: boolean }).tapped) {
  const Original = threads.Worker;
  class TappedWorker extends Original {
    static tapped = true;
    constructor(...args: ConstructorParameters<typeof Original>) {
      super(...args);
      const pending = new Set<unknown>();
      running.set(this, pending);
      this.on('message', (m: { id?: unknown; type?: string }) => {
        if (m?.type !== 'progress') pending.delete(m?.id);
      });
      this.once('exit', () => running.delete(this));
    }
    override postMessage(...args: Parameters<Worker['postMessage']>): void {
      const id = (args[0] as { id?: unknown } | null)?.id;
      if (id !== undefined) running.get(this)?.add(id);
      super.postMessage(...args);
    }
  }
  threads.Worker = TappedWorker;
  syncBuiltinESMExports();
}

/** Terminates every running worker thread, each between two requests; resolves with how many there were. */
export async function killWorkers(timeoutMs = 30_000): Promise<number> {
  const all = [...running.keys()];
  const deadline = Date.now() + timeoutMs;
  await Promise.all(
    all.map(async (worker) => {
      while (running.get(worker)?.size && Date.now() < deadline) await sleep(1);
      // Checked and terminated in one turn: no new request can slip in between.
      await worker.terminate();
    }),
  );
  return all.length;
}
