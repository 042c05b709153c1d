/**
 * Per-server settings, one JSON document per guild, validated on the way in and out. A guild without a row has
 * the defaults, which are the bot's behaviour before settings existed; a row that no longer validates (edited
 * by hand, or written by a newer version) falls back to the defaults for the fields that do not.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Writer } from './writer.js';

const snowflake = z.string().regex(/^\d{1,20}$/);
/** Discord allows 500 channels and 250 roles per server. */
const MAX_LISTED = 500;

export const GUILD_SETTINGS = z.object({
  /** Where a mention is answered: everywhere the bot can read, or in these channels (and their threads) only. */
  mentionChannels: z.union([z.literal('all'), z.array(snowflake).max(MAX_LISTED)]).catch('all'),
  /** How mentions are answered: a new thread, a reply in the channel, or not at all (slash commands only, answered privately). */
  replyMode: z.enum(['thread', 'channel', 'ephemeral']).catch('thread'),
  /** Who may ask: everyone, or members holding one of these roles (members with Manage Server always may). */
  askRoles: z.union([z.literal('everyone'), z.array(snowflake).max(MAX_LISTED)]).catch('everyone'),
  /** The language of replies: the asker's (`auto`), or always Chinese or English. */
  language: z.enum(['auto', 'zh', 'en']).catch('auto'),
  /** Requests per user per minute; null: the bot's RATE_LIMIT_PER_MINUTE. */
  rateLimitPerMinute: z.number().int().min(1).max(10_000).nullable().catch(null),
  /** Whether answers carry 👍/👎. */
  feedbackButtons: z.boolean().catch(true),
});

export type GuildSettings = z.infer<typeof GUILD_SETTINGS>;

export const DEFAULT_SETTINGS: GuildSettings = GUILD_SETTINGS.parse({});

export interface GuildSettingsStore {
  get(guildId: string | null): GuildSettings;
  /** Applies `change` to the guild's settings in one transaction; throws StoreWriteError when it cannot be saved. */
  update(guildId: string, change: (current: GuildSettings) => GuildSettings): GuildSettings;
}

function parse(json: string): GuildSettings {
  try {
    return GUILD_SETTINGS.parse(JSON.parse(json));
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function guildSettings(db: Database.Database, writer: Writer, log: (msg: string) => void): GuildSettingsStore {
  const read = db.prepare('SELECT settings FROM guild_settings WHERE guild_id = ?').pluck();
  const write = db.prepare(
    'INSERT INTO guild_settings (guild_id, settings, updated_at) VALUES (?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at',
  );
  const get = (guildId: string | null): GuildSettings => {
    if (guildId === null) return DEFAULT_SETTINGS;
    try {
      const json = read.get(guildId) as string | undefined;
      return json === undefined ? DEFAULT_SETTINGS : parse(json);
    } catch (err) {
      // An unreadable database must not silence the bot: it answers with the defaults meanwhile.
      log(`store: reading the settings of guild ${guildId} failed (${(err as Error).message}); using the defaults`);
      return DEFAULT_SETTINGS;
    }
  };
  return {
    get,
    update(guildId, change) {
      return writer.run('settings', () => {
        const next = GUILD_SETTINGS.parse(change(get(guildId)));
        write.run(guildId, JSON.stringify(next), new Date().toISOString());
        return next;
      });
    },
  };
}
