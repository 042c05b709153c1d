import { InputError, LookupError } from '../../retrieval/engine-api.js';

/**
 * Runs a command-line entry point: user mistakes (unknown paragraph, empty question) print one clear line and
 * exit 2; anything else is a bug or an environment problem and exits 1 with the message.
 */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      process.stderr.write(`Error: ${e.message}\n`);
      process.exit(e instanceof InputError || e instanceof LookupError ? 2 : 1);
    },
  );
}

export class UsageError extends InputError {}

export function usage(text: string): never {
  throw new UsageError(`usage: ${text}`);
}
