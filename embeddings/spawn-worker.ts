import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Starts the embedding worker as a child process with an IPC channel ('advanced' serialization, so vectors cross
 * as typed arrays). A TypeScript entry runs under tsx's loader (`--import tsx`), as under `tsx` (npm start, the
 * CLIs) and vitest alike; a compiled .js entry runs directly. The child's stdout is discarded so it can never mix
 * into a command's output (`ask --json`); its stderr (a download's progress bar) is the parent's.
 *
 * `--optimize-for-size`: the worker's JavaScript is the tokenizer, whose vocabulary (250k entries for e5) is most
 * of its heap; V8's compact mode keeps ≈ 80 MB less resident for an e5-small-sized model (491 → 412 MB measured
 * after loading it), while inference runs in onnxruntime's native code either way.
 */
export function spawnWorker(entry: URL, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const execArgv = ['--optimize-for-size', ...(entry.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [])];
  return fork(fileURLToPath(entry), [], { execArgv, env, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}
