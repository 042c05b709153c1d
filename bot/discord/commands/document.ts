import type { APIEmbed } from 'discord.js';
import { SlashCommandBuilder } from 'discord.js';
import { infoOf } from '../../shared/citation-text.js';
import { documentCard } from '../../shared/document-card.js';
import { strings } from '../../shared/strings.js';
import type { SlashCommand } from '../context.js';
import { LIMITS } from '../limits.js';
import { listFields } from '../message-layout.js';
import { escapeText } from '../quote-format.js';
import { respond } from '../respond.js';
import { truncate } from '../split-text.js';
import { chosenDocument, documentOption, respondWithDocuments } from './document-option.js';

const CARD_COLOR = 0x2b7bb9;
/** Short facts sit side by side; titles, body and outline take the whole width. */
const WIDE = 60;

/** `/document document`: the document's card: titles, symbol, status, body, session, agenda item, date, counts, outline and link. */
export const document: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('document')
    .setDescription('Show a document: symbol, status, body, session, agenda item, sections and link')
    .setDescriptionLocalizations({ 'zh-CN': '显示文件信息：文号、状态、机构、会议、议程项目、章节和链接' })
    .addStringOption((o) => documentOption(o, true))
    .toJSON(),

  autocomplete: (interaction, ctx) => respondWithDocuments(interaction, ctx.engine),

  async execute(interaction, ctx) {
    const lang = ctx.replyLang(interaction);
    const s = strings(lang);
    const card = documentCard(infoOf(ctx.engine, chosenDocument(interaction, ctx.engine)!)!, lang);
    const facts = card.fields.map((f) => ({
      name: f.name,
      value: truncate(escapeText(f.value), LIMITS.fieldValue),
      inline: f.value.length <= WIDE,
    }));
    const links = card.links.length ? card.links.map((l) => `[${s.card.languages[l.lang]}](${l.url})`).join(' · ') : escapeText(s.card.noLink);
    const embed: APIEmbed = {
      title: truncate(escapeText(card.heading), LIMITS.embedTitle),
      ...(card.links[0] ? { url: card.links[0].url } : {}),
      color: CARD_COLOR,
      fields: [
        ...facts,
        ...listFields(
          s.card.sections,
          s.continued(s.card.sections),
          card.sections.map((line) => escapeText(line).replace(/^ +/, (sp) => '\u3000'.repeat(sp.length / 2))),
        ),
        { name: s.card.link, value: links },
      ].slice(0, LIMITS.embedFields),
    };
    await respond(interaction, [{ embeds: [embed] }]);
  },
};
