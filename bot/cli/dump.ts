import { formatUnit, unitJson } from '../console/format-unit.js';
import { parseCommandLine } from '../shared/args.js';
import { openEngine } from '../shared/open-engine.js';
import { runCli } from '../shared/run-cli.js';

runCli(async () => {
  const { values } = parseCommandLine(process.argv.slice(2), { usage: 'npm run dump -- [--json]', options: { json: { type: 'boolean' } } });
  // A lookup needs the units only: no embedding model, and none of its warnings.
  const engine = await openEngine({ embeddings: 'off' });
  try {
    for (const u of engine.units()) {
      process.stdout.write(values.json ? `${JSON.stringify(unitJson(u))}\n` : `── ${formatUnit(engine, u, false)}\n\n`);
    }
  } finally {
    await engine.close();
  }
});
