import { SlashCommandBuilder } from 'discord.js';
import { escapeText } from '../discord/quote-format.js';
import { documentName } from '../../retrieval/labels.js';
import type { Lang } from '../../retrieval/types.js';
import type { BotContext, PagedView, SlashCommand } from '../discord/context.js';
import { LIMITS } from '../discord/limits.js';
import { pagedMessage } from '../discord/paged-view.js';
import { respond } from '../discord/respond.js';
import { packBlocks } from '../discord/split-text.js';
import { langOfLocale, strings } from '../discord/strings.js';

export const documentList: PagedView = {
  name: 'docs',
  render(ctx: BotContext, lang: Lang, _arg: string, page: number) {
    const s = strings(lang);
    const docs = ctx.engine.documents();
    const blocks = docs.map(({ meta, paragraphs, recommendations }) =>
      [
        `**${escapeText(documentName(meta, lang))}** · \`${meta.source}\``,
        escapeText(meta.title[lang]),
        s.documentStats(paragraphs.count, paragraphs.first, paragraphs.last, recommendations),
      ].join('\n'),
    );
    return pagedMessage('docs', lang, '-', page, packBlocks(blocks, LIMITS.embedDescription), (p, n) =>
      n > 1 ? `${s.documentsTitle(docs.length)} · ${p}/${n}` : s.documentsTitle(docs.length),
    );
  },
};

/** `/sources`: every document with its symbol (or short title), title, and paragraph and recommendation counts. */
export const sources: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('sources')
    .setDescription('List the documents the bot answers from')
    .setDescriptionLocalizations({ 'zh-CN': '列出机器人所依据的文件' })
    .toJSON(),

  async execute(interaction, ctx) {
    await respond(interaction, [documentList.render(ctx, langOfLocale(interaction.locale), '-', 0)]);
  },
};
