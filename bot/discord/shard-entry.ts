import { createEngine } from '../../retrieval/index.js';
import { engineOptionsFromEnv } from '../shared/config.js';
import { guardProcess } from '../shared/process-guards.js';
import { runCli } from '../shared/run-cli.js';
import { isStopShard } from './shard-manager.js';
import { launchDiscordBot } from './start.js';

/**
 * One shard's process, spawned by the ShardingManager in shard-manager.ts, which sets SHARDS and SHARD_COUNT for
 * discord.js. The manager built the index before spawning: every shard opens the same files read-only, so
 * shards neither rebuild nor race each other writing them.
 */
const log = (msg: string) => process.stderr.write(`[shard ${process.env.SHARDS}] ${msg}\n`);

/**
 * The first of: the manager's stop message, SIGINT/SIGTERM (Ctrl-C in a terminal reaches every shard as well
 * as the manager), or the manager's channel closing because it died. Later requests change nothing: the
 * graceful stop already under way is what they ask for.
 */
function stopRequested(): Promise<string> {
  return new Promise((resolve) => {
    process.on('message', (message) => {
      if (isStopShard(message)) resolve('stop requested by the shard manager');
    });
    process.on('SIGINT', () => resolve('SIGINT received'));
    process.on('SIGTERM', () => resolve('SIGTERM received'));
    process.once('disconnect', () => resolve('the shard manager is gone'));
  });
}

guardProcess({ log });

runCli(async () => {
  log(`starting in process ${process.pid}`);
  // discord.js reports shard status to the manager; with the manager gone there is no one to tell.
  process.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ERR_IPC_CHANNEL_CLOSED') log(`process error: ${err.message}`);
  });
  const stop = stopRequested();
  const engine = await createEngine({ ...engineOptionsFromEnv(), readOnly: true, watch: true, log });
  try {
    const bot = await launchDiscordBot({ engine, log });
    log(`${await stop}: finishing running answers, then disconnecting`);
    await bot.stop();
  } finally {
    await engine.close();
  }
});
