/**
 * Runs a command-line entry point: user mistakes (unknown paragraph, empty question, bad flags) print one clear
 * line and exit 2; anything else is a bug or an environment problem and exits 1 with the message.
 */
import { InputError, LookupError, ManageError } from '../../retrieval/index.js';
import { strings } from './strings.js';

/** A mistake in how a command was called. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function usage(text: string): never {
  throw new UsageError(`usage: ${text}`);
}

export function runCli(main: () => Promise<void>): void {
  main().then(
    () => exitAfterFlush(typeof process.exitCode === 'number' ? process.exitCode : 0),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      const userError = e instanceof InputError || e instanceof LookupError;
      const words = strings('en');
      const message = userError ? words.problem(e.problem) : e instanceof ManageError ? words.manageProblem(e.problem) : e.message;
      process.stderr.write(`Error: ${message}\n`);
      exitAfterFlush(userError || e instanceof ManageError || e instanceof UsageError ? 2 : 1);
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
