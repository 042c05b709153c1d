import { SlashCommandBuilder } from 'discord.js';
import { documentName, type Lang } from '../../../retrieval/index.js';
import { strings } from '../../shared/strings.js';
import type { BotContext, PagedView, SlashCommand } from '../context.js';
import { LIMITS } from '../limits.js';
import { pagedMessage } from '../paged-view.js';
import { escapeText } from '../quote-format.js';
import { respond } from '../respond.js';
import { packBlocks } from '../split-text.js';

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
    await respond(interaction, [documentList.render(ctx, ctx.replyLang(interaction), '-', 0)]);
  },
};
