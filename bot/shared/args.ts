/**
 * Command lines, parsed with node:util's parseArgs in strict mode: an unknown flag (`--jsn`), a flag without its
 * value (a trailing `--doc`) or the wrong number of arguments is a UsageError (exit 2) with the command's usage,
 * never a word of the question. `-h`/`--help` prints the usage. A question that starts with a dash goes after `--`.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { describeRange, parseWhole, type WholeRange } from './numbers.js';
import { HelpRequested, UsageError } from './run-cli.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandSpec<O extends Options> {
  /** `npm run ask -- [--json] [--doc DOCUMENT] "question"` */
  usage: string;
  options: O;
  /** How many positional arguments the command takes (default none). */
  positionals?: { min: number; max: number };
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

export function parseCommandLine<const O extends Options>(argv: string[], spec: CommandSpec<O>) {
  const usage = (why: string) => new UsageError(`${why}\nusage: ${spec.usage}`);
  const config = { args: argv, options: { ...spec.options, ...HELP }, strict: true, allowPositionals: true } as const;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS_')) throw usage((err as Error).message);
    throw err;
  }
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequested(`usage: ${spec.usage}`);
  const { min, max } = spec.positionals ?? { min: 0, max: 0 };
  const n = parsed.positionals.length;
  if (n < min || n > max) {
    throw usage(n > max ? `unexpected argument${n - max > 1 ? 's' : ''}: ${parsed.positionals.slice(max).join(' ')}` : 'missing argument');
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** A whole-number flag or argument within its range, or a UsageError naming the range. */
export function wholeArg(raw: string, name: string, range: WholeRange, usage: string): number {
  const n = parseWhole(raw, range);
  if (n === null) throw new UsageError(`${name} must be ${describeRange(range)}, not “${raw}”\nusage: ${usage}`);
  return n;
}
