import { type Client, DiscordAPIError, type Message, RESTJSONErrorCodes, type SendableChannels, ThreadAutoArchiveDuration } from 'discord.js';
import { checkQuestion } from '../../retrieval/index.js';
import { errorDetails } from '../shared/error-details.js';
import { langOfText, strings } from '../shared/strings.js';
import { answerMessages, spansIn } from './answer-view.js';
import type { BotContext } from './context.js';
import { DeliveryError } from './delivery.js';
import { describeFailure } from './failures.js';
import { answersIn, mayAsk, rateLimitOf, roleIdsOf } from './guild-policy.js';
import { LIMITS, NO_MENTIONS } from './limits.js';
import { logQuestion } from './question-log.js';
import { postInChannel } from './respond.js';
import { truncate } from './split-text.js';

/** Discord shows "is typing…" for about ten seconds per request. */
const TYPING_REFRESH_MS = 8_000;

export function questionFrom(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

async function withTyping<T>(channel: SendableChannels, log: (msg: string) => void, work: () => Promise<T>): Promise<T> {
  // Once per answer: during an outage every refresh fails, and the delivery log already tells that story.
  let warned = false;
  const typing = () =>
    channel.sendTyping().catch((err: unknown) => {
      if (!warned) log(`typing indicator failed: ${errorDetails(err)}`);
      warned = true;
    });
  void typing();
  const timer = setInterval(typing, TYPING_REFRESH_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/**
 * Where the conversation continues: the thread the message is in, or a new thread started from it so the
 * channel stays readable. Without permission to create threads, the answer replies in the channel.
 */
async function conversationPlace(message: Message<true>, question: string, ctx: BotContext, inThreads: boolean) {
  if (message.channel.isThread() || !inThreads) return { channel: message.channel as SendableChannels, replyTo: message };
  try {
    const thread = await message.startThread({
      name: truncate(question, LIMITS.threadName),
      autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
    });
    return { channel: thread as SendableChannels, replyTo: undefined };
  } catch (err) {
    // An attempt whose answer was lost may have created the thread: Discord then refuses a second one.
    if (err instanceof DiscordAPIError && err.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) {
      const thread = message.thread ?? (await message.guild.channels.fetch(message.id));
      if (thread?.isThread()) return { channel: thread, replyTo: undefined };
    }
    // Discord is down rather than the thread refused: the channel would fail the same way.
    if (err instanceof DeliveryError) throw err;
    ctx.log(`could not start a thread, answering in the channel: ${errorDetails(err)}`);
    return { channel: message.channel as SendableChannels, replyTo: message };
  }
}

/**
 * Whose turns a follow-up is read against: a thread is one conversation, whoever writes in it; in a channel
 * (where the bot could not start a thread) each person has their own, or everyone there would share one.
 */
export function conversationKey(channel: SendableChannels, userHash: string): string {
  return channel.isThread() ? `thread:${channel.id}` : `channel:${channel.id}:${userHash}`;
}

/**
 * Questions in chat: a mention of the bot or a reply to it starts (or continues) a thread and is answered
 * there; in threads the bot started, every message is a follow-up, answered with the thread's earlier turns.
 */
export function createConversationHandler(ctx: BotContext, client: Client) {
  const say = (message: Message, text: string) => message.reply({ content: truncate(text, LIMITS.content), allowedMentions: NO_MENTIONS });

  async function handle(message: Message): Promise<void> {
    const botId = client.user?.id;
    if (!botId || message.author.bot || message.system || !message.inGuild()) return;
    const inOwnThread = message.channel.isThread() && message.channel.ownerId === botId;
    const addressed = message.mentions.users.has(botId) || message.mentions.repliedUser?.id === botId;
    if (!addressed && !inOwnThread) return;

    const receivedAt = Date.now();
    const question = questionFrom(message.content, botId);
    const s = strings(langOfText(question));
    const settings = ctx.store.settings.get(message.guildId);
    if (!answersIn(settings, message.channel)) {
      // A server that answers slash commands only says so to whoever mentions the bot; elsewhere it stays quiet.
      if (settings.replyMode === 'ephemeral' && addressed) await say(message, s.mentionsOff);
      return;
    }
    if (ctx.stopping() || !question) {
      await say(message, ctx.stopping() ? s.shuttingDown : s.emptyQuestion);
      return;
    }
    if (!mayAsk(settings, roleIdsOf(message.member), message.member?.permissions ?? null)) {
      await say(message, s.notAllowedToAsk);
      return;
    }
    const limit = rateLimitOf(settings, ctx.config);
    const decision = ctx.limiter.take(message.author.id, limit);
    if (!decision.allowed) {
      if (!decision.warned) await say(message, s.rateLimited(limit, Math.ceil(decision.retryAfterMs / 1000)));
      return;
    }

    // Checked before a thread is started: a question the engine refuses gets its reason beside it, not an empty thread.
    checkQuestion(question);
    const place = await conversationPlace(message, question, ctx, settings.replyMode === 'thread');
    const userHash = ctx.store.userHash(message.author.id);
    const conversation = conversationKey(place.channel, userHash);
    await withTyping(place.channel, ctx.log, async () => {
      const history = ctx.store.conversations.history(conversation);
      const answer = await ctx.queue.run(() => ctx.engine.ask(question, { history }));
      ctx.store.conversations.add(conversation, userHash, { question, answer });
      const messageId = await postInChannel(
        place.channel,
        answerMessages(question, answer, spansIn(ctx.engine), { votes: settings.feedbackButtons }),
        place.replyTo,
      );
      logQuestion(ctx, { via: 'mention', question, guildId: message.guildId, userId: message.author.id, receivedAt }, answer, messageId);
    });
  }

  return async function onMessage(message: Message): Promise<void> {
    try {
      await handle(message);
    } catch (err) {
      if (err instanceof DeliveryError) {
        ctx.log(`undelivered: the answer to message ${message.id} (${JSON.stringify(questionFrom(message.content, client.user?.id ?? ''))}): ${err.message}`);
        return;
      }
      const { text, logged } = describeFailure(err, strings(langOfText(message.content)));
      if (logged) ctx.log(`answering message ${message.id} failed: ${errorDetails(err)}`);
      await say(message, text).catch((replyErr: unknown) => ctx.log(`could not report a failure: ${errorDetails(replyErr)}`));
    }
  };
}
