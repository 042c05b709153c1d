import { SlashCommandBuilder } from 'discord.js';
import type { BotContext, SlashCommand } from '../context.js';
import type { OutgoingMessage } from '../message-layout.js';
import { respond } from '../respond.js';
import { chosenDocument, documentOption, respondWithDocuments } from './document-option.js';

interface Described {
  name: string;
  description: string;
  descriptionZh: string;
}

export interface TextQuerySpec extends Described {
  text: Described;
  /** Computes the reply; it runs in the bounded answer queue. */
  reply(ctx: BotContext, text: string, source: string | undefined): Promise<OutgoingMessage[]>;
}

/**
 * `/name <text> [document]` commands that put the engine to work (/ask, /search): acknowledged at once so
 * Discord's 3-second deadline is never missed, then computed in the queue and edited in.
 */
export function textQueryCommand(spec: TextQuerySpec): SlashCommand {
  return {
    kind: 'slash',
    data: new SlashCommandBuilder()
      .setName(spec.name)
      .setDescription(spec.description)
      .setDescriptionLocalizations({ 'zh-CN': spec.descriptionZh })
      .addStringOption((o) =>
        o.setName(spec.text.name).setDescription(spec.text.description).setDescriptionLocalizations({ 'zh-CN': spec.text.descriptionZh }).setRequired(true),
      )
      .addStringOption((o) => documentOption(o, false))
      .toJSON(),

    autocomplete: (interaction, ctx) => respondWithDocuments(interaction, ctx.engine),

    async execute(interaction, ctx) {
      await interaction.deferReply();
      const text = interaction.options.getString(spec.text.name, true);
      const source = chosenDocument(interaction, ctx.engine);
      await respond(interaction, await ctx.queue.run(() => spec.reply(ctx, text, source)));
    },
  };
}
