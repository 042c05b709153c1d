import { Client, GatewayIntentBits } from 'discord.js';
import type { BotConfig } from './config.js';
import { NO_MENTIONS } from './limits.js';

/**
 * Guilds for channels and threads, GuildMessages for mentions and thread follow-ups, and MessageContent
 * (privileged: it must be enabled in the Developer Portal) to read follow-ups that do not mention the bot.
 */
export const BOT_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent];

export function createDiscordClient(config: Pick<BotConfig, 'apiBase'>): Client {
  return new Client({
    intents: BOT_INTENTS,
    // Belt and braces: every payload sets this too, and the client default covers anything that might not.
    allowedMentions: NO_MENTIONS,
    failIfNotExists: false,
    ...(config.apiBase ? { rest: { api: config.apiBase } } : {}),
  });
}
