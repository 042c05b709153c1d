/** `npm run report -- [--days N] [--guild ID]`: the operators' report from the bot's database (its rows are only read). */
import '../shared/config.js';
import { readBotConfig } from '../discord/config.js';
import { parseCommandLine, wholeArg } from '../shared/args.js';
import { formatReport } from '../shared/operator-report.js';
import { runCli, UsageError } from '../shared/run-cli.js';
import { openStore } from '../store/index.js';

const USAGE = 'npm run report -- [--days N] [--guild ID]';
const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;

runCli(async () => {
  const { values } = parseCommandLine(process.argv.slice(2), { usage: USAGE, options: { days: { type: 'string' }, guild: { type: 'string' } } });
  const days = values.days === undefined ? DEFAULT_DAYS : wholeArg(values.days, '--days', { min: 1, max: 3650 }, USAGE);
  const guildId = values.guild ?? null;
  if (guildId !== null && !/^\d{1,20}$/.test(guildId)) throw new UsageError(`--guild must be a server id (digits), not “${guildId}”\nusage: ${USAGE}`);
  const store = openStore({ dataDir: readBotConfig().dataDir, mustExist: true });
  try {
    const data = store.report({ since: Date.now() - days * DAY_MS, guildId });
    process.stdout.write(`${formatReport(data, { days, guildId, lang: 'en' })}\n`);
  } finally {
    store.close();
  }
});
