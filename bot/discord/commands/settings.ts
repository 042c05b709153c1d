import {
  type ChatInputCommandInteraction,
  type Guild,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { strings } from '../../shared/strings.js';
import type { GuildSettings } from '../../store/index.js';
import type { BotConfig } from '../config.js';
import type { SlashCommand } from '../context.js';
import { isManager, rateLimitOf } from '../guild-policy.js';
import { respondPrivately } from '../respond.js';

type Change = (current: GuildSettings) => GuildSettings;

/** The settings as the server sees them, one line each. */
export function settingsText(settings: GuildSettings, config: BotConfig, s: ReturnType<typeof strings>['settings']): string {
  const list = (ids: string[], mention: (id: string) => string) => ids.map(mention).join(', ');
  return [
    `**${s.title}**`,
    s.mentionChannels(settings.mentionChannels === 'all' ? s.allChannels : list(settings.mentionChannels, (id) => `<#${id}>`)),
    s.replyMode(settings.replyMode),
    s.askRoles(settings.askRoles === 'everyone' ? s.everyone : list(settings.askRoles, (id) => `<@&${id}>`)),
    s.language(settings.language),
    s.rateLimit(rateLimitOf(settings, config), settings.rateLimitPerMinute !== null),
    s.voteButtons(settings.feedbackButtons),
  ].join('\n');
}

/** A list setting with one id added or removed; an emptied list means everything again. */
function toggled<T extends string>(current: T | string[], id: string, on: boolean, all: T): T | string[] {
  const ids = current === all ? [] : (current as string[]);
  const next = on ? [...new Set([...ids, id])] : ids.filter((x) => x !== id);
  return next.length ? next : all;
}

/** The raw id an option carries: it is checked against the server's own channels and roles, never trusted. */
const idOption = (interaction: ChatInputCommandInteraction, name: string) => String(interaction.options.get(name, true).value);

const isListableChannel = (guild: Guild, id: string) => {
  const channel = guild.channels.cache.get(id);
  return channel?.isTextBased() === true && !channel.isThread();
};
const isAskerRole = (guild: Guild, id: string) => {
  const role = guild.roles.cache.get(id);
  return role !== undefined && role.id !== guild.id && !role.managed;
};

const sub = (name: string, description: string, zh: string) => (b: SlashCommandSubcommandBuilder) =>
  b.setName(name).setDescription(description).setDescriptionLocalizations({ 'zh-CN': zh });

/**
 * `/settings`: where and how the bot answers on this server, and who may ask. Only members with Manage Server
 * see it (default_member_permissions) and may use it (checked again here: a server can override who sees a
 * command). Every change is validated and saved in one transaction, takes effect at once, and is echoed.
 */
export const settings: SlashCommand = {
  kind: 'slash',
  access: 'manage',
  data: new SlashCommandBuilder()
    .setName('settings')
    .setDescription('Where and how the bot answers on this server, and who may ask')
    .setDescriptionLocalizations({ 'zh-CN': '机器人在本服务器上的回答位置、方式和提问权限' })
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand(sub('show', 'Show the settings', '显示设置'))
    .addSubcommand((b) =>
      sub(
        'channel',
        'Answer mentions in this channel or not (once one is listed, only listed ones)',
        '是否在此频道回答提及（列出后仅限列出的频道）',
      )(b)
        .addChannelOption((o) => o.setName('channel').setDescription('A text channel').setRequired(true))
        .addBooleanOption((o) => o.setName('answer').setDescription('Answer mentions there').setRequired(true)),
    )
    .addSubcommand(sub('all-channels', 'Answer mentions in every channel (the default)', '在所有频道回答提及（默认）'))
    .addSubcommand((b) =>
      sub(
        'role',
        'Let members with this role ask, or not (once one is listed, only listed ones)',
        '是否允许此身份组提问（列出后仅限列出的身份组）',
      )(b)
        .addRoleOption((o) => o.setName('role').setDescription('A role').setRequired(true))
        .addBooleanOption((o) => o.setName('may_ask').setDescription('Members with it may ask').setRequired(true)),
    )
    .addSubcommand(sub('everyone-asks', 'Let everyone ask (the default)', '允许所有人提问（默认）'))
    .addSubcommand((b) =>
      sub(
        'reply-mode',
        'How mentions are answered',
        '回复提及的方式',
      )(b).addStringOption((o) =>
        o
          .setName('mode')
          .setDescription('thread (default), channel, or ephemeral (slash commands only)')
          .setRequired(true)
          .addChoices({ name: 'thread', value: 'thread' }, { name: 'channel', value: 'channel' }, { name: 'ephemeral', value: 'ephemeral' }),
      ),
    )
    .addSubcommand((b) =>
      sub(
        'language',
        'Language of replies that have no question to read it from',
        '无法从问题判断语言时的回复语言',
      )(b).addStringOption((o) =>
        o
          .setName('language')
          .setDescription("auto (the member's Discord language, default), zh or en")
          .setRequired(true)
          .addChoices({ name: 'auto', value: 'auto' }, { name: '中文', value: 'zh' }, { name: 'English', value: 'en' }),
      ),
    )
    .addSubcommand((b) =>
      sub(
        'rate-limit',
        'Requests per member per minute (0: the bot default)',
        '每位成员每分钟的请求数（0：机器人默认值）',
      )(b).addIntegerOption((o) => o.setName('per_minute').setDescription('1 to 10000, or 0').setRequired(true).setMinValue(0).setMaxValue(10_000)),
    )
    .addSubcommand((b) =>
      sub(
        'vote-buttons',
        'Show 👍/👎 under answers or not',
        '是否在回答下显示 👍/👎',
      )(b).addBooleanOption((o) => o.setName('shown').setDescription('Show them').setRequired(true)),
    )
    .toJSON(),

  async execute(interaction, ctx) {
    const s = strings(ctx.replyLang(interaction)).settings;
    const guild = interaction.guild;
    if (!interaction.inGuild() || !guild) return respondPrivately(interaction, s.guildOnly);
    if (!isManager(interaction.memberPermissions)) return respondPrivately(interaction, s.manageOnly);
    const name = interaction.options.getSubcommand();
    const current = ctx.store.settings.get(guild.id);
    if (name === 'show') return respondPrivately(interaction, settingsText(current, ctx.config, s));
    let change: Change;
    if (name === 'channel') {
      const id = idOption(interaction, 'channel');
      if (!isListableChannel(guild, id)) return respondPrivately(interaction, s.unknownChannel);
      const on = interaction.options.getBoolean('answer', true);
      change = (c) => ({ ...c, mentionChannels: toggled(c.mentionChannels, id, on, 'all') });
    } else if (name === 'role') {
      const id = idOption(interaction, 'role');
      if (!isAskerRole(guild, id)) return respondPrivately(interaction, s.unknownRole);
      const on = interaction.options.getBoolean('may_ask', true);
      change = (c) => ({ ...c, askRoles: toggled(c.askRoles, id, on, 'everyone') });
    } else if (name === 'all-channels') change = (c) => ({ ...c, mentionChannels: 'all' });
    else if (name === 'everyone-asks') change = (c) => ({ ...c, askRoles: 'everyone' });
    else if (name === 'reply-mode') change = (c) => ({ ...c, replyMode: interaction.options.getString('mode', true) as GuildSettings['replyMode'] });
    else if (name === 'language') change = (c) => ({ ...c, language: interaction.options.getString('language', true) as GuildSettings['language'] });
    else if (name === 'rate-limit') change = (c) => ({ ...c, rateLimitPerMinute: interaction.options.getInteger('per_minute', true) || null });
    else change = (c) => ({ ...c, feedbackButtons: interaction.options.getBoolean('shown', true) });
    const saved = ctx.store.settings.update(guild.id, change);
    await respondPrivately(interaction, `${s.saved}\n${settingsText(saved, ctx.config, s)}`);
  },
};
