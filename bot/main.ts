/** `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the terminal chat over the same engine. */
import { runChat } from './console/chat.js';
import { openEngine } from './shared/open-engine.js';
import { guardProcess } from './shared/process-guards.js';
import { runCli } from './shared/run-cli.js';

guardProcess({ log: (msg) => process.stderr.write(`${msg}\n`) });

runCli(async () => {
  if (process.env.DISCORD_TOKEN) {
    if (process.env.SHARD_COUNT?.trim()) {
      const { startShardManager } = await import('./discord/shard-manager.js');
      await startShardManager();
      return;
    }
    const { startDiscordBot } = await import('./discord/start.js');
    await startDiscordBot();
    return;
  }
  process.stderr.write('DISCORD_TOKEN is not set: starting the terminal chat instead of the Discord bot.\n');
  const engine = await openEngine({ watch: true });
  try {
    await runChat(engine);
  } finally {
    await engine.close();
  }
});
