import { formatUnit } from '../console/format-unit.js';
import { parseArgs } from '../shared/args.js';
import { documentArg, openEngine } from '../shared/open-engine.js';
import { runCli, usage } from '../shared/run-cli.js';

runCli(async () => {
  const args = parseArgs(process.argv.slice(2));
  const [ref, num] = args.positional;
  if (!ref || !num) usage('npm run paragraph -- [--json] DOCUMENT NUMBER   (e.g. npm run paragraph -- 000_8c987accfb8d7853 44)');
  if (!/^\d+$/.test(num)) usage(`paragraph number must be a positive whole number, not “${num}”`);
  const engine = await openEngine();
  try {
    const unit = engine.paragraph(documentArg(engine, ref)!, Number(num));
    process.stdout.write(`${formatUnit(engine, unit, args.flags.has('json'))}\n`);
  } finally {
    await engine.close();
  }
});
