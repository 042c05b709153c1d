/** Tiny flag parser: `--flag`, `--key value`, `--key=value`; everything else is positional. */
export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

export function parseArgs(argv: string[], valueFlags: readonly string[] = []): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) {
      positional.push(arg);
    } else if (m[2] !== undefined) {
      flags.set(m[1], m[2]);
    } else if (valueFlags.includes(m[1]) && i + 1 < argv.length) {
      flags.set(m[1], argv[++i]);
    } else {
      flags.set(m[1], true);
    }
  }
  return { flags, positional };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
