/**
 * Last-resort handlers for a long-running process (the bot, a shard, the terminal chat). An error nothing caught
 * (discord.js choking on a malformed payload, a promise nobody awaited) is logged and the process carries on,
 * since every request is handled on its own and one failed request leaves the others intact. A burst of them
 * means something is broken for good: then it exits with code 1 so a supervisor can restart it cleanly.
 */
import { errorDetails } from './error-details.js';

/** More uncaught errors than this within a minute end the process. */
const MAX_PER_MINUTE = 10;
const WINDOW_MS = 60_000;

export interface GuardOptions {
  log: (msg: string) => void;
  /** Called once the burst limit is passed, after logging (default: exit with code 1). */
  fatal?: () => void;
  now?: () => number;
}

/** Installs the handlers; returns a function that removes them. */
export function guardProcess({ log, fatal = () => process.exit(1), now = Date.now }: GuardOptions): () => void {
  const recent: number[] = [];
  const survive = (what: string) => (err: unknown) => {
    const t = now();
    recent.push(t);
    while (recent.length && t - recent[0] >= WINDOW_MS) recent.shift();
    if (recent.length > MAX_PER_MINUTE) {
      log(`${what}: ${errorDetails(err)}`);
      log(`${recent.length} uncaught errors within a minute: exiting so that a supervisor can restart the process`);
      fatal();
      return;
    }
    log(`${what}, the bot keeps running: ${errorDetails(err)}`);
  };
  const onException = survive('uncaught exception');
  const onRejection = survive('unhandled promise rejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
