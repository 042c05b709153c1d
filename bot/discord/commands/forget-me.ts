import { SlashCommandBuilder } from 'discord.js';
import { strings } from '../../shared/strings.js';
import type { SlashCommand } from '../context.js';
import { respondPrivately } from '../respond.js';

/**
 * `/forget-me`: erases every question, vote and conversation turn the store keeps of the person, in one
 * transaction, and tells them (only them) how many. A vote being written at the same moment is either erased
 * with the rest or committed after and reported by its own reply; never half of one.
 */
export const forgetMe: SlashCommand = {
  kind: 'slash',
  access: 'everyone',
  data: new SlashCommandBuilder()
    .setName('forget-me')
    .setDescription('Erase your questions, votes and conversations kept by the bot')
    .setDescriptionLocalizations({ 'zh-CN': '删除机器人保存的您的提问、评价和对话' })
    .toJSON(),

  async execute(interaction, ctx) {
    const erased = ctx.store.forget(interaction.user.id);
    await respondPrivately(interaction, strings(ctx.replyLang(interaction)).forgotten(erased));
  },
};
