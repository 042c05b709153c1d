import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Answer } from '../../../retrieval/index.js';
import type { GuildSettings } from '../../store/index.js';
import type { BotContext, SlashCommand } from '../context.js';
import type { OutgoingMessage } from '../message-layout.js';
import { logQuestion } from '../question-log.js';
import { respond } from '../respond.js';
import { chosenDocument, documentOption, respondWithDocuments } from './document-option.js';

interface Described {
  name: string;
  description: string;
  descriptionZh: string;
}

export interface TextQuerySpec extends Described {
  text: Described;
  /** Computes the reply, and the answer when it is one (it goes in the question log); runs in the bounded answer queue. */
  reply(ctx: BotContext, text: string, source: string | undefined, settings: GuildSettings): Promise<{ messages: OutgoingMessage[]; answer?: Answer }>;
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
      const receivedAt = Date.now();
      const settings = ctx.store.settings.get(interaction.guildId);
      // A server answering privately (slash commands only) gets its answers where only the asker sees them.
      await interaction.deferReply(settings.replyMode === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {});
      const text = interaction.options.getString(spec.text.name, true);
      const source = chosenDocument(interaction, ctx.engine);
      const { messages, answer } = await ctx.queue.run(() => spec.reply(ctx, text, source, settings));
      const messageId = await respond(interaction, messages);
      if (answer) logQuestion(ctx, { via: 'ask', question: text, guildId: interaction.guildId, userId: interaction.user.id, receivedAt }, answer, messageId);
    },
  };
}
