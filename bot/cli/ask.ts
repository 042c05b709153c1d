import { parseCommandLine } from '../shared/args.js';
import { documentArg, openEngine } from '../shared/open-engine.js';
import { answerJson, formatAnswer, metaOfEngine } from '../shared/render-answer.js';
import { runCli, usage } from '../shared/run-cli.js';

const USAGE = 'npm run ask -- [--json] [--doc DOCUMENT] "question"   (a question starting with "-" goes after --)';

runCli(async () => {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), {
    usage: USAGE,
    options: { json: { type: 'boolean' }, doc: { type: 'string' } },
    positionals: { min: 0, max: Number.POSITIVE_INFINITY },
  });
  const question = positionals.join(' ');
  if (!question.trim()) usage(USAGE);
  const engine = await openEngine();
  try {
    const answer = await engine.ask(question, { source: documentArg(engine, values.doc) });
    const metaOf = metaOfEngine(engine);
    process.stdout.write(values.json ? `${JSON.stringify(answerJson(answer, metaOf))}\n` : `${formatAnswer(answer, metaOf)}\n`);
  } finally {
    await engine.close();
  }
});
