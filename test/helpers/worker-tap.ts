/**
 * Fault injection for the embedding worker: import this before the engine starts its worker, then `killWorkers()`
 * terminates every worker thread of the process, as a crash in the worker would end it. It wraps node's Worker
 * class (through syncBuiltinESMExports, so modules importing `node:worker_threads` see the wrapper) instead of
 * giving the product a kill switch it should never have.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import type { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const threads = require('node:worker_threads') as typeof import('node:worker_threads');
const running = new Set<Worker>();

if (!(threads.Worker as { tapped?: boolean }).tapped) {
  const Original = threads.Worker;
  class TappedWorker extends Original {
    static tapped = true;
    constructor(...args: ConstructorParameters<typeof Original>) {
      super(...args);
      running.add(this);
      this.once('exit', () => running.delete(this));
    }
  }
  threads.Worker = TappedWorker;
  syncBuiltinESMExports();
}

/** Terminates every running worker thread; resolves with how many there were. */
export async function killWorkers(): Promise<number> {
  const all = [...running];
  await Promise.all(all.map((w) => w.terminate()));
  return all.length;
}
