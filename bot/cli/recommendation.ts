import { formatUnit, formatVersions } from '../console/format-unit.js';
import { parseCommandLine } from '../shared/args.js';
import { documentArg, openEngine } from '../shared/open-engine.js';
import { runCli, usage } from '../shared/run-cli.js';

const USAGE = 'npm run recommendation -- [--json] [--doc DOCUMENT] NUMBER   (e.g. npm run recommendation -- 6)';

runCli(async () => {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), {
    usage: USAGE,
    options: { json: { type: 'boolean' }, doc: { type: 'string' } },
    positionals: { min: 1, max: 1 },
  });
  const [num] = positionals;
  if (!/^\d+$/.test(num)) usage(`recommendation number must be a positive whole number, not “${num}”`);
  const engine = await openEngine({ embeddings: 'off' });
  try {
    const unit = engine.recommendation(Number(num), documentArg(engine, values.doc));
    process.stdout.write(`${values.json ? formatUnit(engine, unit, true) : formatVersions(engine, unit)}\n`);
  } finally {
    await engine.close();
  }
});
