import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from a module URL. Node 20 cannot load a .ts entry in a worker, and tsx's `--import` hook
 * does not reach a worker's entry point either (tried: "Unknown file extension .ts"), so a TypeScript entry is
 * loaded through tsx's `tsImport` from a one-line bootstrap. That works alike under `tsx` (npm start, the CLIs)
 * and under vitest; a compiled .js entry is started directly.
 */
export function spawnWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}));`;
  return new Worker(bootstrap, { ...options, eval: true });
}
