/**
 * What a server's settings mean for one request: whether the bot answers a mention in this channel, whether
 * this member may ask, the rate limit, the language where the asker's cannot be read from text. Members with
 * Manage Server are never locked out by a role list they set themselves.
 */
import { type GuildMember, type GuildTextBasedChannel, PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import type { Lang } from '../../retrieval/index.js';
import { langOfLocale } from '../shared/strings.js';
import type { GuildSettings } from '../store/index.js';
import type { BotConfig } from './config.js';

export function isManager(permissions: Readonly<PermissionsBitField> | null): boolean {
  return permissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

/** Mentions are answered in the listed channels and in threads under them. */
export function answersIn(settings: GuildSettings, channel: GuildTextBasedChannel): boolean {
  if (settings.replyMode === 'ephemeral') return false;
  if (settings.mentionChannels === 'all') return true;
  const listed = settings.mentionChannels;
  return listed.includes(channel.id) || (channel.isThread() && channel.parentId !== null && listed.includes(channel.parentId));
}

export function mayAsk(settings: GuildSettings, roleIds: readonly string[], permissions: Readonly<PermissionsBitField> | null): boolean {
  if (settings.askRoles === 'everyone' || isManager(permissions)) return true;
  const allowed = settings.askRoles;
  return roleIds.some((r) => allowed.includes(r));
}

/** The role ids of a member as an interaction or a message carries them (a cached member or the raw API one). */
export function roleIdsOf(member: GuildMember | { roles: string[] } | null | undefined): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? member.roles : [...(member as GuildMember).roles.cache.keys()];
}

export function rateLimitOf(settings: GuildSettings, config: BotConfig): number {
  return settings.rateLimitPerMinute ?? config.rateLimitPerMinute;
}

/** The language of replies to commands without free text: the server's choice, else the Discord client's. */
export function replyLang(settings: GuildSettings, locale: string | null | undefined): Lang {
  return settings.language === 'auto' ? langOfLocale(locale) : settings.language;
}
