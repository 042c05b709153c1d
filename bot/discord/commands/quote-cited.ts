import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import { langOfText, strings } from '../../shared/strings.js';
import type { MessageMenuCommand } from '../context.js';
import { contentMessages } from '../message-layout.js';
import { respond, respondPrivately } from '../respond.js';
import { unitBlocks } from '../unit-view.js';

/** Enough for any real argument; a message citing more is better served by /paragraph. */
const MAX_QUOTED = 10;

/**
 * Message menu → "Quote cited paragraphs": every paragraph or recommendation the message cites
 * (`CTOC/COP/2018/2 第44段`, `para. 44`, `建议 6`, `¶44`) quoted publicly under its label.
 */
export const quoteCited: MessageMenuCommand = {
  kind: 'message',
  data: new ContextMenuCommandBuilder()
    .setName('Quote cited paragraphs')
    .setNameLocalizations({ 'zh-CN': '引用所提段落' })
    .setType(ApplicationCommandType.Message)
    .toJSON(),

  async execute(interaction, ctx) {
    const text = interaction.targetMessage.content;
    const lang = langOfText(text);
    const s = strings(lang);
    const units = ctx.engine.findCitedUnits(text, { lang });
    if (!units.length) return respondPrivately(interaction, s.noCitations);
    const blocks = units.slice(0, MAX_QUOTED).flatMap((u) => unitBlocks(ctx.engine, u, lang));
    if (units.length > MAX_QUOTED) blocks.push(s.moreCitations(units.length - MAX_QUOTED));
    await respond(interaction, contentMessages(blocks));
  },
};
