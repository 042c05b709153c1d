/**
 * Fault injection for the embedding worker: `killWorkers()` kills (SIGKILL) every embedding worker process this
 * process started, as the OOM killer or a crash would, at any moment (mid-inference included: the worker is a
 * process, so nothing of this one goes with it); `stopWorkers()` freezes them (SIGSTOP), a worker that no longer
 * answers. They are found the way an operator finds them, among this process's children in /proc (Linux), instead
 * of giving the product a kill switch it should never have.
 */
import { readdirSync, readFileSync } from 'node:fs';

const WORKER_ENTRY = 'embed-worker';

/** Pids of this process's children running the embedding worker. */
export function workerPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat is the parent pid; the command name (field 2) may hold spaces, so split after it.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(WORKER_ENTRY)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

function signal(sig: NodeJS.Signals): number {
  const pids = workerPids();
  for (const pid of pids) process.kill(pid, sig);
  return pids.length;
}

/** Kills every embedding worker process of this process; resolves with how many there were. */
export async function killWorkers(): Promise<number> {
  return signal('SIGKILL');
}

/** Freezes every embedding worker process (it stays alive but answers nothing); resolves with how many. */
export async function stopWorkers(): Promise<number> {
  return signal('SIGSTOP');
}
