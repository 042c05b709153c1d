import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from './run-cli.js';

/**
 * Refuses to write `output` over `input` (`eval qa.jsonl --json qa.jsonl` would replace the gold with rankings),
 * whether it is named the same way, by another path, or through a link to the same file.
 */
export async function refuseToOverwrite(output: string, input: string, flag: string): Promise<void> {
  const same = async () => {
    if (resolve(output) === resolve(input)) return true;
    const [a, b] = await Promise.all([stat(output).catch(() => null), stat(input).catch(() => null)]);
    return !!a && !!b && a.dev === b.dev && a.ino === b.ino;
  };
  if (await same()) throw new UsageError(`${flag} ${output} is the input file: choose another file for the output, the input stays as it is.`);
}
