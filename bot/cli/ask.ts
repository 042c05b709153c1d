import { answerJson, formatAnswer } from '../console/format-answer.js';
import { parseArgs, stringFlag } from './args.js';
import { documentArg, openEngine } from './open-engine.js';
import { runCli, usage } from './run-cli.js';

runCli(async () => {
  const args = parseArgs(process.argv.slice(2), ['doc']);
  const question = args.positional.join(' ');
  if (!question.trim()) usage('npm run ask -- [--json] [--doc DOCUMENT] "question"');
  const engine = await openEngine();
  try {
    const answer = await engine.ask(question, { source: documentArg(engine, stringFlag(args, 'doc')) });
    process.stdout.write(args.flags.has('json') ? `${JSON.stringify(answerJson(answer))}\n` : `${formatAnswer(answer)}\n`);
  } finally {
    await engine.close();
  }
});
