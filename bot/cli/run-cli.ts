import { InputError, LookupError } from '../../retrieval/engine-api.js';

/**
 * Runs a command-line entry point: user mistakes (unknown paragraph, empty question) print one clear line and
 * exit 2; anything else is a bug or an environment problem and exits 1 with the message.
 */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => exitAfterFlush(typeof process.exitCode === 'number' ? process.exitCode : 0),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      process.stderr.write(`Error: ${e.message}\n`);
      exitAfterFlush(e instanceof InputError || e instanceof LookupError ? 2 : 1);
    },
  );
}

/**
 * Exits once stdout and stderr have drained: on a pipe, writes are asynchronous and process.exit would drop
 * the tail of a large output (`npm run dump -- --json | …`). Exiting at all is needed because the model
 * runtime may keep the event loop alive.
 */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

export class UsageError extends InputError {}

export function usage(text: string): never {
  throw new UsageError(`usage: ${text}`);
}
