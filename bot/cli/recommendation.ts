import { formatUnit } from '../console/format-unit.js';
import { parseArgs, stringFlag } from '../shared/args.js';
import { documentArg, openEngine } from '../shared/open-engine.js';
import { runCli, usage } from '../shared/run-cli.js';

runCli(async () => {
  const args = parseArgs(process.argv.slice(2), ['doc']);
  const [num] = args.positional;
  if (!num) usage('npm run recommendation -- [--json] [--doc DOCUMENT] NUMBER   (e.g. npm run recommendation -- 6)');
  if (!/^\d+$/.test(num)) usage(`recommendation number must be a positive whole number, not “${num}”`);
  const engine = await openEngine();
  try {
    const unit = engine.recommendation(Number(num), documentArg(engine, stringFlag(args, 'doc')));
    process.stdout.write(`${formatUnit(engine, unit, args.flags.has('json'))}\n`);
  } finally {
    await engine.close();
  }
});
