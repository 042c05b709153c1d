import { parseArgs, stringFlag } from '../shared/args.js';
import { documentArg, openEngine } from '../shared/open-engine.js';
import { answerJson, formatAnswer, metaOfEngine } from '../shared/render-answer.js';
import { runCli, usage } from '../shared/run-cli.js';

runCli(async () => {
  const args = parseArgs(process.argv.slice(2), ['doc']);
  const question = args.positional.join(' ');
  if (!question.trim()) usage('npm run ask -- [--json] [--doc DOCUMENT] "question"');
  const engine = await openEngine();
  try {
    const answer = await engine.ask(question, { source: documentArg(engine, stringFlag(args, 'doc')) });
    const metaOf = metaOfEngine(engine);
    process.stdout.write(args.flags.has('json') ? `${JSON.stringify(answerJson(answer, metaOf))}\n` : `${formatAnswer(answer, metaOf)}\n`);
  } finally {
    await engine.close();
  }
});
