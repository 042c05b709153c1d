import { Client, GatewayIntentBits } from 'discord.js';
import type { BotConfig } from './config.js';
import { DurableDelivery, wellFormed } from './delivery.js';
import { separateInteractionBudget } from './interaction-rest.js';
import { NO_MENTIONS } from './limits.js';

/**
 * Guilds for channels and threads, GuildMessages for mentions and thread follow-ups, and MessageContent
 * (privileged: it must be enabled in the Developer Portal) to read follow-ups that do not mention the bot.
 */
export const BOT_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent];

/**
 * discord.js takes its shard total from SHARD_COUNT in the environment, which a ShardingManager sets for the
 * processes it spawns. Anywhere else SHARD_COUNT is this bot's own setting ("auto", or empty as in
 * .env.example), which the Client constructor would reject, so it is hidden while the client is built.
 */
function outsideShardingManager<T>(build: () => T): T {
  const own = process.env.SHARD_COUNT;
  if (process.env.SHARDING_MANAGER || own === undefined) return build();
  delete process.env.SHARD_COUNT;
  try {
    return build();
  } finally {
    process.env.SHARD_COUNT = own;
  }
}

/**
 * The client, with every REST request going through `delivery` (valid UTF-16, retried with backoff until its
 * deadline). discord.js's own retries (three at once, no backoff) are off, so that loop is the only one.
 */
export function createDiscordClient(config: Pick<BotConfig, 'apiBase'>, delivery = new DurableDelivery()): Client {
  const client = outsideShardingManager(
    () =>
      new Client({
        intents: BOT_INTENTS,
        // Belt and braces: every payload sets this too, and the client default covers anything that might not.
        allowedMentions: NO_MENTIONS,
        failIfNotExists: false,
        // A nonce Discord enforces makes a retried channel message one message, even when an attempt that
        // seemed to fail had in fact been posted.
        enforceNonce: true,
        rest: { retries: 0, ...(config.apiBase ? { api: config.apiBase } : {}) },
      }),
  );
  separateInteractionBudget(client);
  const queue = client.rest.queueRequest.bind(client.rest);
  client.rest.queueRequest = (request) => delivery.send({ ...request, body: wellFormed(request.body) }, queue);
  return client;
}
