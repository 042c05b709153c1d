import { buildIndexes } from '../../retrieval/index.js';
import { engineOptionsFromEnv } from '../shared/config.js';
import { printBuild } from '../shared/index-report.js';
import { indexProgress } from '../shared/open-engine.js';
import { runCli } from '../shared/run-cli.js';

/** Builds (or updates, or verifies) the persisted indexes and prints what was read from each document. */
runCli(async () => {
  const started = performance.now();
  const build = await buildIndexes({ ...engineOptionsFromEnv(), onEmbedProgress: indexProgress() });
  process.exitCode = printBuild(build, (performance.now() - started) / 1000);
});
