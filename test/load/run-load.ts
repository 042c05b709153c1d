/**
 * `npm run load`: /ask interactions through the real front end — the bot as `npm start` runs it (bot/main.ts,
 * the real discord.js client, the real engine over seeds/) — against the fake Discord on 127.0.0.1. Prints
 * acknowledgement and answer latency, errors and the bot's event-loop delay, and exits 1 when a target is missed.
 *
 *   npm run load [-- --count 200 --concurrency 20 --json FILE --data DIR]
 *
 * Keyword retrieval unless EMBEDDINGS, EMBEDDING_MODEL or MODELS_DIR ask for the model. The index is built (or
 * verified) before the bot starts; it goes to a temporary folder unless INDEX_DIR names one. The bot's store
 * (DATA_DIR) is a temporary folder too unless `--data` names one to keep (for `npm run report` afterwards).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBenchQuestions } from '../../bench/questions.js';
import { registerCommands } from '../../bot/discord/register.js';
import { parseCommandLine, wholeArg } from '../../bot/shared/args.js';
import { engineOptionsFromEnv } from '../../bot/shared/config.js';
import { runCli } from '../../bot/shared/run-cli.js';
import { embeddingProgressBar } from '../../embeddings/progress-bar.js';
import { createEngine } from '../../retrieval/engine.js';
import { FakeDiscord } from '../fake-discord/server.js';
import { botEnvironment, startBotProcess } from './bot-process.js';
import { driveAsks } from './drive-asks.js';
import { botErrorLines, formatFigures, loadFigures } from './figures.js';
import { formatStoreWrites, storeWrites } from './store-writes.js';

const USAGE = 'npm run load -- [--count N] [--concurrency N] [--json FILE] [--data DIR]';

const COUNT_RANGE = { min: 1, max: 100_000 };

/** Builds or verifies the index once, so the bot only loads it; returns what the run uses. */
async function prepare(indexDir: string) {
  const engine = await createEngine({ ...engineOptionsFromEnv(), indexDir, onEmbedProgress: embeddingProgressBar('Embedding units') });
  try {
    return { status: engine.status(), questions: await loadBenchQuestions(engine.units()) };
  } finally {
    await engine.close();
  }
}

runCli(async () => {
  const { values } = parseCommandLine(process.argv.slice(2), {
    usage: USAGE,
    options: { count: { type: 'string', default: '200' }, concurrency: { type: 'string', default: '20' }, json: { type: 'string' }, data: { type: 'string' } },
  });
  const count = wholeArg(values.count, '--count', COUNT_RANGE, USAGE);
  const concurrency = wholeArg(values.concurrency, '--concurrency', COUNT_RANGE, USAGE);
  if (!process.env.EMBEDDINGS && !process.env.EMBEDDING_MODEL && !process.env.MODELS_DIR) process.env.EMBEDDINGS = 'off';
  const loadAverage = loadavg()[0];
  const work = await mkdtemp(join(tmpdir(), 'load-run-'));
  const indexDir = process.env.INDEX_DIR || join(work, 'index');
  const fake = await FakeDiscord.start();
  try {
    const { status, questions } = await prepare(indexDir);
    if (questions.fallback) process.stderr.write(`${questions.fallback}\n`);
    await registerCommands({ token: fake.token, guildId: fake.guild.id, apiBase: fake.apiBase });
    const env = botEnvironment(fake, work, {
      INDEX_DIR: indexDir,
      USER_HASH_SALT: 'load-run',
      // Any free port: the store's write latencies are read from /metrics after the run.
      HEALTH_PORT: '0',
      ...(values.data ? { DATA_DIR: values.data } : {}),
    });
    const bot = await startBotProcess(env);
    const logBefore = bot.stderr().length;
    await bot.loopDelay();

    const started = performance.now();
    const records = await driveAsks(fake, questions.questions, count, concurrency);
    const durationMs = performance.now() - started;
    const loopDelay = await bot.loopDelay();
    const endpoint = /health endpoint on (http:\/\/\S+) /.exec(bot.stderr())?.[1];
    const writes = storeWrites(endpoint ? await (await fetch(`${endpoint}/metrics`)).text() : '');
    const botErrors = botErrorLines(bot.stderr().slice(logBefore));
    const code = await bot.stop();
    if (code !== 0) botErrors.push(`the bot exited with code ${code} on SIGTERM`);

    const figures = loadFigures({ records, concurrency, durationMs, loopDelay, botErrors });
    const context = {
      machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model ?? 'unknown', node: process.version, load_average_1m_before: loadAverage },
      engine: { mode: status.mode, model: status.model, units: status.units },
      questions: { source: questions.source, distinct: questions.questions.length },
    };
    process.stdout.write(
      `machine: ${context.machine.cpus} × ${context.machine.cpu_model}, Node ${process.version}, load average ${loadAverage.toFixed(2)} before the run\n` +
        `engine: ${status.mode} retrieval${status.model ? ` (${status.model})` : ''}, ${status.units} units; questions: ${questions.questions.length} from ${questions.source}, cycled\n` +
        `${formatFigures(figures)}\n${formatStoreWrites(writes)}\n`,
    );
    if (values.json) await writeFile(values.json, `${JSON.stringify({ ...context, ...figures, store_writes: writes }, null, 2)}\n`);
    if (figures.targets.some((t) => !t.met)) process.exitCode = 1;
  } finally {
    await fake.close();
    await rm(work, { recursive: true, force: true });
  }
});
