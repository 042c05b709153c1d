/**
 * Runs a command-line entry point: user mistakes (unknown paragraph, empty question, bad flags) print one clear
 * line and exit 2; output that could not be written (a full disk, a closed pipe) and anything else exit 1.
 */
import { InputError, LookupError, ManageError } from '../../retrieval/index.js';
import { strings } from './strings.js';

/** A mistake in how a command was called. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `--help`: the message is the usage, printed on stdout with exit code 0. */
export class HelpRequested extends Error {
  override name = 'HelpRequested';
}

export function usage(text: string): never {
  throw new UsageError(`usage: ${text}`);
}

export function runCli(main: () => Promise<void>): void {
  // Writes to stdout fail asynchronously (`dump --json > /dev/full`): remember the first failure and exit 1.
  let outputFailed: NodeJS.ErrnoException | null = null;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    outputFailed ??= err;
  });
  /**
   * Exits once stdout and stderr have drained: on a pipe, writes are asynchronous and process.exit would drop
   * the tail of a large output (`npm run --silent dump -- --json | …`). Exiting at all is needed because the
   * model runtime may keep the event loop alive.
   */
  const exit = (code: number) => {
    // A reader that went away (`| head`) meant to stop reading; a full disk is worth saying.
    if (outputFailed && outputFailed.code !== 'EPIPE') process.stderr.write(`Error: could not write the output: ${outputFailed.message}\n`);
    process.stderr.write('', () => process.exit(outputFailed ? 1 : code));
  };
  // The 'error' event follows a failed write by a tick, possibly after main has finished: look once it has come.
  // A stream that failed never calls back, so only a healthy stdout is waited for.
  const finish = (code: number) => setImmediate(() => (outputFailed ? exit(code) : process.stdout.write('', () => exit(code))));
  main().then(
    () => finish(typeof process.exitCode === 'number' ? process.exitCode : 0),
    (err: unknown) => {
      if (err instanceof HelpRequested) {
        process.stdout.write(`${err.message}\n`);
        return finish(0);
      }
      const e = err instanceof Error ? err : new Error(String(err));
      const userError = e instanceof InputError || e instanceof LookupError;
      const words = strings('en');
      const message = userError ? words.problem(e.problem) : e instanceof ManageError ? words.manageProblem(e.problem) : e.message;
      process.stderr.write(`Error: ${message}\n`);
      finish(userError || e instanceof ManageError || e instanceof UsageError ? 2 : 1);
    },
  );
}
