import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { formatReport } from '../../shared/operator-report.js';
import { strings } from '../../shared/strings.js';
import type { SlashCommand } from '../context.js';
import { isManager } from '../guild-policy.js';
import { escapeText } from '../quote-format.js';
import { respondPrivately } from '../respond.js';

const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;

/** `/stats [days]`: `npm run report` for this server, only to a member with Manage Server. */
export const stats: SlashCommand = {
  kind: 'slash',
  access: 'manage',
  data: new SlashCommandBuilder()
    .setName('stats')
    .setDescription("This server's questions: per day, not found, coverage gaps, down-voted citations, latency")
    .setDescriptionLocalizations({ 'zh-CN': '本服务器的提问：每天数量、未找到、覆盖缺口、得到 👎 的引文、延迟' })
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addIntegerOption((o) => o.setName('days').setDescription(`How many days back (default ${DEFAULT_DAYS})`).setMinValue(1).setMaxValue(3650))
    .toJSON(),

  async execute(interaction, ctx) {
    const lang = ctx.replyLang(interaction);
    const s = strings(lang).settings;
    if (!interaction.inGuild()) return respondPrivately(interaction, s.guildOnly);
    if (!isManager(interaction.memberPermissions)) return respondPrivately(interaction, s.manageOnly);
    const days = interaction.options.getInteger('days') ?? DEFAULT_DAYS;
    const data = ctx.store.report({ since: Date.now() - days * DAY_MS, guildId: interaction.guildId });
    // Questions are what members typed: shown as text, never as Markdown.
    await respondPrivately(interaction, escapeText(formatReport(data, { days, guildId: interaction.guildId, lang })));
  },
};
