import { SlashCommandBuilder } from 'discord.js';
import { paragraphRef } from '../../../retrieval/index.js';

import type { SlashCommand } from '../context.js';
import { respond } from '../respond.js';
import { subparagraphMessages, unitMessages } from '../unit-view.js';
import { chosenDocument, documentOption, respondWithDocuments } from './document-option.js';

/** `/paragraph document number`: the exact paragraph (or `44(b)`, one subparagraph with its paragraph), posted publicly so the channel can cite it. */
export const paragraph: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('paragraph')
    .setDescription('Quote a paragraph of a document exactly, with its label')
    .setDescriptionLocalizations({ 'zh-CN': '按编号准确引用文件中的一个段落' })
    .addStringOption((o) => documentOption(o, true))
    .addStringOption((o) =>
      o
        .setName('number')
        .setDescription('Paragraph number, e.g. 44, or 44(b) for a subparagraph')
        .setDescriptionLocalizations({ 'zh-CN': '段落编号，例如 44；分项写成 44(b)' })
        .setRequired(true)
        .setMaxLength(12),
    )
    .toJSON(),

  autocomplete: (interaction, ctx) => respondWithDocuments(interaction, ctx.engine),

  async execute(interaction, ctx) {
    const lang = ctx.replyLang(interaction);
    const source = chosenDocument(interaction, ctx.engine)!;
    const ref = paragraphRef(interaction.options.getString('number', true));
    await respond(
      interaction,
      ref.sub === undefined
        ? unitMessages(ctx.engine, ctx.engine.paragraph(source, ref.paragraph, lang), lang)
        : subparagraphMessages(ctx.engine, ctx.engine.subparagraph(source, ref.paragraph, ref.sub, lang), lang),
    );
  },
};
