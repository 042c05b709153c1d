import { formatUnit, formatVersions } from '../console/format-unit.js';
import { parseCommandLine } from '../shared/args.js';
import { documentArg, openEngine } from '../shared/open-engine.js';
import { runCli, usage } from '../shared/run-cli.js';

const USAGE = 'npm run paragraph -- [--json] DOCUMENT NUMBER   (e.g. npm run paragraph -- 000_8c987accfb8d7853 44)';

runCli(async () => {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), {
    usage: USAGE,
    options: { json: { type: 'boolean' } },
    positionals: { min: 2, max: 2 },
  });
  const [ref, num] = positionals;
  if (!/^\d+$/.test(num)) usage(`paragraph number must be a positive whole number, not “${num}”`);
  const engine = await openEngine({ embeddings: 'off' });
  try {
    const unit = engine.paragraph(documentArg(engine, ref)!, Number(num));
    process.stdout.write(`${values.json ? formatUnit(engine, unit, true) : formatVersions(engine, unit)}\n`);
  } finally {
    await engine.close();
  }
});
