import { buildIndexes, createEngine, removeDocument } from '../../retrieval/index.js';
import { parseCommandLine } from '../shared/args.js';
import { engineOptionsFromEnv } from '../shared/config.js';
import { printBuild } from '../shared/index-report.js';
import { indexProgress } from '../shared/open-engine.js';
import { runCli } from '../shared/run-cli.js';
import { strings } from '../shared/strings.js';

/** Removes a document (by file stem, unique prefix, symbol or title) and its metadata; the indexes drop its units. */
runCli(async () => {
  const { positionals } = parseCommandLine(process.argv.slice(2), { usage: 'npm run remove -- DOCUMENT', options: {}, positionals: { min: 1, max: 1 } });
  const started = performance.now();
  const options = engineOptionsFromEnv();
  const seedsDir = options.seedsDir ?? 'seeds';
  // Names are resolved the way every other command resolves them; keyword mode, as nothing is searched.
  const engine = await createEngine({ ...options, embeddings: 'off', log: () => {} });
  const removed = await removeDocument(seedsDir, positionals[0]!, (ref) => engine.resolveDocument(ref)?.source ?? null).finally(() => engine.close());
  process.stdout.write(`${strings('en').removed(removed.source, removed.file)}\n`);
  process.exitCode = printBuild(await buildIndexes({ ...options, onEmbedProgress: indexProgress() }), (performance.now() - started) / 1000, []);
});
