import { addDocument, buildIndexes, ManageError } from '../../retrieval/index.js';
import { parseArgs, stringFlag } from '../shared/args.js';
import { engineOptionsFromEnv } from '../shared/config.js';
import { documentReportLines, printBuild } from '../shared/index-report.js';
import { indexProgress } from '../shared/open-engine.js';
import { runCli, usage } from '../shared/run-cli.js';
import { strings } from '../shared/strings.js';

const USAGE =
  'npm run add -- FILE [--symbol S] [--title-zh T --title-en T] [--short-title-zh T --short-title-en T] [--date YYYY-MM-DD] [--body B] [--session S]';
const VALUE_FLAGS = ['symbol', 'title-zh', 'title-en', 'short-title-zh', 'short-title-en', 'date', 'body', 'session'];

/** Adds a document (.txt, .md, .pdf, .docx) to the corpus, creates its metadata entry and updates the indexes incrementally. */
runCli(async () => {
  const args = parseArgs(process.argv.slice(2), VALUE_FLAGS);
  const unknown = [...args.flags.keys()].filter((f) => !VALUE_FLAGS.includes(f));
  if (args.positional.length !== 1 || unknown.length) usage(USAGE);
  const started = performance.now();
  const options = engineOptionsFromEnv();
  const added = await addDocument({
    seedsDir: options.seedsDir ?? 'seeds',
    file: args.positional[0]!,
    symbol: stringFlag(args, 'symbol'),
    title: { zh: stringFlag(args, 'title-zh'), en: stringFlag(args, 'title-en') },
    shortTitle: { zh: stringFlag(args, 'short-title-zh'), en: stringFlag(args, 'short-title-en') },
    date: stringFlag(args, 'date'),
    body: stringFlag(args, 'body'),
    session: stringFlag(args, 'session'),
  }).catch((err: unknown) => {
    // A rejected document's report says why, line by line, before the one-line error.
    if (err instanceof ManageError && err.problem.code === 'document-rejected') {
      for (const line of documentReportLines(err.problem.report)) process.stdout.write(`${line}\n`);
    }
    throw err;
  });
  process.stdout.write(`${strings('en').added(added.source, added.target, added.prefilled)}\n`);
  const build = await buildIndexes({ ...options, onEmbedProgress: indexProgress() });
  process.exitCode = printBuild(build, (performance.now() - started) / 1000, [added.source]);
});
