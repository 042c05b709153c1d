import { ComponentType, type Message } from 'discord.js';
import { langOfLocale, strings } from '../shared/strings.js';
import type { FeedbackCitation } from '../store/index.js';
import type { ButtonHandler } from './context.js';
import { parseButtonId } from './custom-ids.js';
import { unescapeText } from './quote-format.js';
import { referenceMessages } from './reference-view.js';
import { respond, respondPrivately, updateMessage } from './respond.js';
import { unitFor, unitMessages } from './unit-view.js';

/** 📄 under an answer: the cited paragraph in full, only for the user who asked to see it; its Cite button quotes the answer's words. */
export const showCitedUnit: ButtonHandler<'cite'> = async (interaction, action, ctx) => {
  const unit = unitFor(ctx.engine, action.ref);
  await respond(interaction, unitMessages(ctx.engine, unit, action.lang, action.span), { ephemeral: true });
};

/** 🌐 under a unit view: the same unit in another language version, in place of the view when it fits one message. */
export const showVersion: ButtonHandler<'version'> = async (interaction, action, ctx) => {
  const messages = unitMessages(ctx.engine, unitFor(ctx.engine, action.ref), action.lang);
  if (messages.length === 1) await updateMessage(interaction, messages[0]!);
  else await respond(interaction, messages, { ephemeral: true });
};

/** "Cite" under a quoted unit: the copy-ready reference in both languages, only for the user who clicked. */
export const showReference: ButtonHandler<'reference'> = async (interaction, action, ctx) => {
  await respond(interaction, referenceMessages(ctx.engine, action.target, action.lang), { ephemeral: true });
};

/** The citations an answer message offers, read back from its 📄 buttons (the message is the record). */
function citationsOn(message: Message): FeedbackCitation[] {
  return message.components.flatMap((row) =>
    'components' in row
      ? row.components.flatMap((c) => {
          if (c.type !== ComponentType.Button || !c.customId) return [];
          const action = parseButtonId(c.customId);
          return action?.type === 'cite' ? [{ ...action.ref, label: c.label ?? '' }] : [];
        })
      : [],
  );
}

/**
 * 👍/👎: the question is the answer embed's title, so votes work on answers from before a restart too. A second
 * click changes or withdraws the vote, and the reply says which.
 */
export const recordFeedback: ButtonHandler<'feedback'> = async (interaction, action, ctx) => {
  const s = strings(langOfLocale(interaction.locale));
  const title = interaction.message.embeds[0]?.title;
  if (!title) return respondPrivately(interaction, s.feedbackMissing);
  const { outcome, entry } = ctx.store.feedback.record({
    vote: action.vote,
    question: unescapeText(title),
    citations: citationsOn(interaction.message),
    userId: interaction.user.id,
    messageId: interaction.message.id,
    guildId: interaction.guildId,
  });
  const reply = { recorded: s.feedbackThanks, changed: s.feedbackChanged(action.vote), withdrawn: s.feedbackWithdrawn(entry.previous ?? action.vote) };
  await respondPrivately(interaction, reply[outcome]);
};
