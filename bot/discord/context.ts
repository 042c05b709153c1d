import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Engine, Lang } from '../../retrieval/index.js';
import type { Store } from '../store/index.js';
import type { BotConfig } from './config.js';
import type { ButtonAction } from './custom-ids.js';
import type { OutgoingMessage } from './message-layout.js';
import type { BotMetrics } from './metrics.js';
import type { RateLimiter } from './rate-limit.js';
import type { WorkQueue } from './work-queue.js';

/** What every handler may use: the engine API and the bot's own services, nothing global. */
export interface BotContext {
  engine: Engine;
  config: BotConfig;
  /** Votes, conversations, server settings and the question log (SQLite). */
  store: Store;
  metrics: BotMetrics;
  queue: WorkQueue;
  limiter: RateLimiter;
  /** The language of a reply with no question to read it from: the server's setting, else the member's client. */
  replyLang(interaction: { guildId: string | null; locale: string }): Lang;
  log: (msg: string) => void;
  /** True once shutdown has begun: new work is refused politely while running work finishes. */
  stopping: () => boolean;
}

/**
 * Who may run a command: by default those the server lets ask (its role list); `everyone` always (/forget-me);
 * `manage` members with Manage Server, which the command checks itself to word the refusal.
 */
export type CommandAccess = 'ask' | 'everyone' | 'manage';

export interface SlashCommand {
  kind: 'slash';
  access?: CommandAccess;
  data: RESTPostAPIApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

export interface MessageMenuCommand {
  kind: 'message';
  access?: CommandAccess;
  data: RESTPostAPIApplicationCommandsJSONBody;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
}

export type BotCommand = SlashCommand | MessageMenuCommand;

export type ButtonHandler<T extends ButtonAction['type'] = ButtonAction['type']> = (
  interaction: ButtonInteraction,
  action: Extract<ButtonAction, { type: T }>,
  ctx: BotContext,
) => Promise<void>;

export type ButtonHandlers = { [T in ButtonAction['type']]: ButtonHandler<T> };

/** A list that pages with buttons: page n is re-rendered from the engine on every click. */
export interface PagedView {
  name: string;
  render(ctx: BotContext, lang: Lang, arg: string, page: number): OutgoingMessage;
}
