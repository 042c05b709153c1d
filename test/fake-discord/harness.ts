import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BotConfig, readBotConfig } from '../../bot/discord/config.js';
import type { Clock } from '../../bot/discord/delivery.js';
import { registerCommands } from '../../bot/discord/register.js';
import { type DiscordBot, launchDiscordBot } from '../../bot/discord/start.js';
import type { Engine } from '../../retrieval/api.js';
import { createEngine } from '../../retrieval/engine.js';
import { type FakeChannel, type FakeMessage, type FakeUser, InteractionType, type MemberFields, user } from './payloads.js';
import { FakeDiscord, type FakeDiscordOptions, type InteractionRecord } from './server.js';

const MESSAGE_COMMAND = 3;

export interface Harness {
  fake: FakeDiscord;
  bot: DiscordBot;
  engine: Engine;
  config: BotConfig;
  /** Lines the bot logged. */
  logs: string[];
  /** A fresh user, so each test starts with an untouched rate limit. */
  newUser(name?: string): FakeUser;
  slash(name: string, options?: Record<string, string | number>, as?: Actor): Promise<InteractionRecord>;
  /** `/name sub options…` */
  subcommand(name: string, sub: string, options?: Record<string, string | number | boolean>, as?: Actor): Promise<InteractionRecord>;
  /** Sends the interaction without waiting for the bot's response. */
  sendSlash(name: string, options?: Record<string, string | number>, as?: Actor): InteractionRecord;
  autocomplete(name: string, options: Record<string, string | number>, focused: string, as?: Actor): Promise<Array<{ name: string; value: string | number }>>;
  click(message: FakeMessage, customId: string, as?: Actor): Promise<InteractionRecord>;
  messageMenu(name: string, target: FakeMessage, as?: Actor): Promise<InteractionRecord>;
  /** Stops the bot as a deploy would, and starts a new one on the same data folder, engine and fake Discord. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface Actor {
  user?: FakeUser;
  /** Roles and permissions of the member (all permissions, no roles by default). */
  member?: MemberFields;
  locale?: string;
  channel?: FakeChannel;
}

/**
 * The real engine as the e2e tests use it: keyword mode over the project's seeds, its index in a temp folder
 * that closing the engine removes.
 */
export async function openTestEngine(): Promise<Engine> {
  const indexDir = await mkdtemp(join(tmpdir(), 'discord-test-index-'));
  const engine = await createEngine({ seedsDir: 'seeds', indexDir, embeddings: 'off', log: () => {} });
  return {
    ...engine,
    async close() {
      await engine.close();
      await rm(indexDir, { recursive: true, force: true });
    },
  };
}

export async function startHarness(opts: { engine?: Engine; config?: Partial<BotConfig>; fake?: FakeDiscordOptions; clock?: Clock } = {}): Promise<Harness> {
  const fake = await FakeDiscord.start(opts.fake);
  const engine = opts.engine ?? (await openTestEngine());
  const dataDir = await mkdtemp(join(tmpdir(), 'discord-test-data-'));
  const config: BotConfig = {
    ...readBotConfig({}),
    token: fake.token,
    apiBase: fake.apiBase,
    guildId: fake.guild.id,
    rateLimitPerMinute: 1000,
    dataDir,
    legacyFeedbackFile: join(dataDir, 'feedback.jsonl'),
    userHashSalt: 'test-salt',
    ...opts.config,
  };
  await registerCommands(config);
  const logs: string[] = [];
  const launch = () => launchDiscordBot({ config, engine, clock: opts.clock, log: (msg) => logs.push(msg) });
  const defaultUser = user('alice');

  const sendSlash = (name: string, options: Record<string, string | number> = {}, as: Actor = {}) =>
    fake.interact({ type: InteractionType.ApplicationCommand, data: fake.commandData(name, options), user: as.user ?? defaultUser, ...as });

  const harness: Harness = {
    fake,
    bot: await launch(),
    engine,
    config,
    logs,
    newUser: (name = 'member') => user(name),
    sendSlash,
    slash: (name, options, as) => fake.settled(sendSlash(name, options, as)),
    subcommand: (name, sub, options = {}, as = {}) =>
      fake.settled(
        fake.interact({ type: InteractionType.ApplicationCommand, data: fake.commandData(name, options, undefined, sub), user: as.user ?? defaultUser, ...as }),
      ),
    async autocomplete(name, options, focused, as = {}) {
      const record = fake.interact({ type: InteractionType.Autocomplete, data: fake.commandData(name, options, focused), user: as.user ?? defaultUser, ...as });
      await fake.settled(record);
      return record.responses[0].body.data.choices;
    },
    click: (message, customId, as = {}) =>
      fake.settled(
        fake.interact({
          type: InteractionType.MessageComponent,
          data: { custom_id: customId, component_type: 2 },
          message,
          user: as.user ?? defaultUser,
          channel: as.channel ?? fake.channelById(message.channel_id),
          locale: as.locale,
        }),
      ),
    messageMenu: (name, target, as = {}) =>
      fake.settled(
        fake.interact({
          type: InteractionType.ApplicationCommand,
          data: { id: fake.registeredCommand(name).id, name, type: MESSAGE_COMMAND, target_id: target.id, resolved: { messages: { [target.id]: target } } },
          user: as.user ?? defaultUser,
          channel: as.channel ?? fake.channelById(target.channel_id),
          locale: as.locale,
        }),
      ),
    async restart() {
      await harness.bot.stop();
      harness.bot = await launch();
    },
    /** Stops the bot and the fake, and closes the engine (test engines live as long as their harness). */
    async stop() {
      await harness.bot.stop();
      await fake.close();
      await engine.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
