/**
 * `npm run chaos`: the fault-injection run of test/chaos/chaos.ts. Prints the faults, then asked / answered / lost,
 * and exits 1 if any question was lost or answered twice.
 *
 *   npm run chaos [-- --rounds 2 --concurrency 6]
 */
import { parseCommandLine, wholeArg } from '../../bot/shared/args.js';
import { runCli } from '../../bot/shared/run-cli.js';
import { formatChaosReport, runChaos } from './chaos.js';

const USAGE = 'npm run chaos -- [--rounds N] [--concurrency N]';

runCli(async () => {
  const { values } = parseCommandLine(process.argv.slice(2), {
    usage: USAGE,
    options: { rounds: { type: 'string', default: '2' }, concurrency: { type: 'string', default: '6' } },
  });
  const report = await runChaos({
    rounds: wholeArg(values.rounds, '--rounds', { min: 1, max: 100 }, USAGE),
    concurrency: wholeArg(values.concurrency, '--concurrency', { min: 1, max: 100 }, USAGE),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${formatChaosReport(report)}\n`);
  if (report.lost > 0 || report.duplicated > 0 || report.botExitCode !== 0) process.exitCode = 1;
});
