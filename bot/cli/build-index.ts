import { buildIndexes } from '../../retrieval/index.js';
import { parseCommandLine } from '../shared/args.js';
import { engineOptionsFromEnv } from '../shared/config.js';
import { printBuild } from '../shared/index-report.js';
import { indexProgress } from '../shared/open-engine.js';
import { runCli } from '../shared/run-cli.js';

/** Builds (or updates, or verifies) the persisted indexes and prints what was read from each document. */
runCli(async () => {
  parseCommandLine(process.argv.slice(2), { usage: 'npm run index', options: {} });
  const started = performance.now();
  const build = await buildIndexes({ ...engineOptionsFromEnv(), onEmbedProgress: indexProgress() });
  process.exitCode = printBuild(build, (performance.now() - started) / 1000);
});
