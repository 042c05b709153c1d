import { SlashCommandBuilder } from 'discord.js';
import { langOfLocale } from '../../shared/strings.js';
import type { SlashCommand } from '../context.js';
import { respond } from '../respond.js';
import { unitMessages } from '../unit-view.js';
import { chosenDocument, documentOption, respondWithDocuments } from './document-option.js';

/** `/paragraph document number`: the exact paragraph, posted publicly so the channel can cite it. */
export const paragraph: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('paragraph')
    .setDescription('Quote a paragraph of a document exactly, with its label')
    .setDescriptionLocalizations({ 'zh-CN': '按编号准确引用文件中的一个段落' })
    .addStringOption((o) => documentOption(o, true))
    .addIntegerOption((o) =>
      o.setName('number').setDescription('Paragraph number').setDescriptionLocalizations({ 'zh-CN': '段落编号' }).setRequired(true).setMinValue(1),
    )
    .toJSON(),

  autocomplete: (interaction, ctx) => respondWithDocuments(interaction, ctx.engine),

  async execute(interaction, ctx) {
    const lang = langOfLocale(interaction.locale);
    const source = chosenDocument(interaction, ctx.engine)!;
    const n = interaction.options.getInteger('number', true);
    await respond(interaction, unitMessages(ctx.engine, ctx.engine.paragraph(source, n), lang));
  },
};
