import { SlashCommandBuilder } from 'discord.js';
import { InputError } from '../../retrieval/engine-api.js';
import { documentName } from '../../retrieval/labels.js';
import type { SlashCommand } from '../discord/context.js';
import { respond } from '../discord/respond.js';
import { langOfLocale, strings } from '../discord/strings.js';
import { unitMessages } from '../discord/unit-view.js';
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
      o
        .setName('number')
        .setDescription('Paragraph number')
        .setDescriptionLocalizations({ 'zh-CN': '段落编号' })
        .setRequired(true)
        .setMinValue(1),
    )
    .toJSON(),

  autocomplete: (interaction, ctx) => respondWithDocuments(interaction, ctx.engine),

  async execute(interaction, ctx) {
    const lang = langOfLocale(interaction.locale);
    const source = chosenDocument(interaction, ctx.engine)!;
    const n = interaction.options.getInteger('number', true);
    const info = ctx.engine.documents().find((d) => d.meta.source === source)!;
    if (n < info.paragraphs.first || n > info.paragraphs.last) {
      throw new InputError(strings(lang).paragraphRange(documentName(info.meta, lang), info.paragraphs.first, info.paragraphs.last));
    }
    await respond(interaction, unitMessages(ctx.engine, ctx.engine.paragraph(source, n), lang));
  },
};
