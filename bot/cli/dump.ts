import { formatUnit, unitJson } from '../console/format-unit.js';
import { parseArgs } from '../shared/args.js';
import { openEngine } from '../shared/open-engine.js';
import { runCli } from '../shared/run-cli.js';

runCli(async () => {
  const json = parseArgs(process.argv.slice(2)).flags.has('json');
  const engine = await openEngine();
  try {
    for (const u of engine.units()) {
      process.stdout.write(json ? `${JSON.stringify(unitJson(u))}\n` : `── ${formatUnit(engine, u, false)}\n\n`);
    }
  } finally {
    await engine.close();
  }
});
