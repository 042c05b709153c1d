import { type Message, type MessageComponentInteraction, MessageFlags, type RepliableInteraction, type SendableChannels } from 'discord.js';
import { LIMITS, NO_MENTIONS } from './limits.js';
import type { OutgoingMessage } from './message-layout.js';
import { truncate } from './split-text.js';

function delivered(msg: OutgoingMessage) {
  return { ...msg, allowedMentions: NO_MENTIONS };
}

/**
 * Sends messages as the interaction's response: the first one is the reply (or replaces the deferred
 * "thinking…"), the rest follow up in order. Resolves with the first message's id (the one that carries an
 * answer's buttons) when Discord returned it.
 */
export async function respond(interaction: RepliableInteraction, messages: OutgoingMessage[], opts: { ephemeral?: boolean } = {}): Promise<string | null> {
  const flags = opts.ephemeral ? MessageFlags.Ephemeral : undefined;
  const [first, ...rest] = messages;
  if (!first) return null;
  let id: string | null = null;
  if (interaction.deferred) id = (await interaction.editReply(delivered(first))).id;
  else if (interaction.replied) id = (await interaction.followUp({ ...delivered(first), flags })).id;
  else await interaction.reply({ ...delivered(first), flags });
  for (const msg of rest) await interaction.followUp({ ...delivered(msg), flags });
  return id;
}

/**
 * Tells only the user who acted. A public "thinking…" placeholder is deleted first, so a refusal or an error
 * is not left in the channel for everyone.
 */
export async function respondPrivately(interaction: RepliableInteraction, text: string): Promise<void> {
  const content = truncate(text, LIMITS.content);
  const ephemeral = { content, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral } as const;
  if (interaction.deferred && !interaction.ephemeral) {
    await interaction.deleteReply();
    await interaction.followUp(ephemeral);
  } else if (interaction.deferred) {
    await interaction.editReply({ content, allowedMentions: NO_MENTIONS });
  } else if (interaction.replied) {
    await interaction.followUp(ephemeral);
  } else {
    await interaction.reply(ephemeral);
  }
}

/** Posts messages in a channel; the first may answer `replyTo` so the reply links to the question. Resolves with the first one's id. */
export async function postInChannel(channel: SendableChannels, messages: OutgoingMessage[], replyTo?: Message): Promise<string | null> {
  let id: string | null = null;
  for (const [i, msg] of messages.entries()) {
    const sent = i === 0 && replyTo ? await replyTo.reply(delivered(msg)) : await channel.send(delivered(msg));
    id ??= sent.id;
  }
  return id;
}

/** Replaces the message a button belongs to (paging through a list). */
export async function updateMessage(interaction: MessageComponentInteraction, msg: OutgoingMessage): Promise<void> {
  await interaction.update(delivered(msg));
}
