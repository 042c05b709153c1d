import { type AutocompleteInteraction, SlashCommandBuilder } from 'discord.js';
import type { Engine, Lang } from '../../../retrieval/index.js';
import { shownUnitLabel } from '../../shared/citation-text.js';
import { langOfLocale, strings } from '../../shared/strings.js';
import type { BotContext, PagedView, SlashCommand } from '../context.js';
import { LIMITS } from '../limits.js';
import { pagedMessage } from '../paged-view.js';
import { quoteBlocks } from '../quote-format.js';
import { respond } from '../respond.js';
import { packBlocks, truncate } from '../split-text.js';
import { unitMessages } from '../unit-view.js';
import { chosenDocument, DOCUMENT_OPTION, documentOption, respondWithDocuments } from './document-option.js';

/** Short pages read better than a wall of 4,096 characters. */
const PAGE_CHARS = 1800;
const PER_PAGE = 5;
const ALL_DOCUMENTS = '*';

function numberChoices(engine: Engine, typed: string, lang: Lang, source: string | undefined) {
  const needle = typed.trim();
  return engine
    .recommendations(source, lang)
    .filter((u) => !needle || (/^\d+$/.test(needle) ? String(u.recommendation).startsWith(needle) : u.text.includes(needle)))
    .slice(0, LIMITS.choices)
    .map((u) => ({
      name: truncate(`${engine.label(u, lang)}: ${u.text.replace(/\s+/g, ' ')}`, LIMITS.choiceName),
      value: u.recommendation!,
    }));
}

export const recommendationList: PagedView = {
  name: 'recs',
  render(ctx: BotContext, lang: Lang, arg: string, page: number) {
    const s = strings(lang);
    const recs = ctx.engine.recommendations(arg === ALL_DOCUMENTS ? undefined : arg, lang);
    if (!recs.length) return { content: s.noRecommendations, embeds: [], components: [] };
    const pages: string[] = [];
    for (let i = 0; i < recs.length; i += PER_PAGE) {
      const blocks = recs.slice(i, i + PER_PAGE).flatMap((u) => quoteBlocks(shownUnitLabel(ctx.engine, u, lang), u.text, lang, PAGE_CHARS));
      pages.push(...packBlocks(blocks, PAGE_CHARS));
    }
    return pagedMessage('recs', lang, arg, page, pages, s.recommendationsTitle);
  },
};

async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name === DOCUMENT_OPTION) return respondWithDocuments(interaction, ctx.engine);
  const ref = interaction.options.getString(DOCUMENT_OPTION);
  const source = ref ? (ctx.engine.resolveDocument(ref)?.source ?? undefined) : undefined;
  await interaction.respond(numberChoices(ctx.engine, String(focused.value), langOfLocale(interaction.locale), source));
}

/** `/recommendation [number] [document]`: one recommendation exactly, or all of them page by page. */
export const recommendation: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('recommendation')
    .setDescription('Show recommendation N exactly, or page through all recommendations')
    .setDescriptionLocalizations({ 'zh-CN': '准确显示第 N 条建议，或分页浏览全部建议' })
    .addIntegerOption((o) =>
      o
        .setName('number')
        .setDescription('Recommendation number (建议 N); leave empty to list all')
        .setDescriptionLocalizations({ 'zh-CN': '建议编号；留空则列出全部' })
        .setMinValue(1)
        .setAutocomplete(true),
    )
    .addStringOption((o) => documentOption(o, false))
    .toJSON(),

  autocomplete,

  async execute(interaction, ctx) {
    const lang = ctx.replyLang(interaction);
    const source = chosenDocument(interaction, ctx.engine);
    const n = interaction.options.getInteger('number');
    if (n === null) {
      await respond(interaction, [recommendationList.render(ctx, lang, source ?? ALL_DOCUMENTS, 0)]);
      return;
    }
    await respond(interaction, unitMessages(ctx.engine, ctx.engine.recommendation(n, source, lang), lang));
  },
};
