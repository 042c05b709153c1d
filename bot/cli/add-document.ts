import { addDocument, buildIndexes, ManageError } from '../../retrieval/index.js';
import { parseCommandLine } from '../shared/args.js';
import { engineOptionsFromEnv } from '../shared/config.js';
import { documentReportLines, printBuild } from '../shared/index-report.js';
import { indexProgress } from '../shared/open-engine.js';
import { runCli } from '../shared/run-cli.js';
import { strings } from '../shared/strings.js';

const USAGE =
  'npm run add -- FILE [--symbol S] [--title-zh T --title-en T] [--short-title-zh T --short-title-en T] [--date YYYY-MM-DD] [--body B] [--session S]';
const text = { type: 'string' } as const;
const OPTIONS = {
  symbol: text,
  'title-zh': text,
  'title-en': text,
  'short-title-zh': text,
  'short-title-en': text,
  date: text,
  body: text,
  session: text,
} as const;

/** Adds a document (.txt, .md, .pdf, .docx) to the corpus, creates its metadata entry and updates the indexes incrementally. */
runCli(async () => {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), { usage: USAGE, options: OPTIONS, positionals: { min: 1, max: 1 } });
  const started = performance.now();
  const options = engineOptionsFromEnv();
  const added = await addDocument({
    seedsDir: options.seedsDir ?? 'seeds',
    file: positionals[0]!,
    symbol: values.symbol,
    title: { zh: values['title-zh'], en: values['title-en'] },
    shortTitle: { zh: values['short-title-zh'], en: values['short-title-en'] },
    date: values.date,
    body: values.body,
    session: values.session,
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
