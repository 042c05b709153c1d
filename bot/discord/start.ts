/** The Discord front end's entry: opens the engine, connects discord.js, routes events, shuts down gracefully. */
import { once } from 'node:events';
import type { Server } from 'node:http';
import { type Client, DiscordjsErrorCodes, Events, GatewayCloseCodes, RESTEvents, Status } from 'discord.js';
import type { Engine } from '../../retrieval/index.js';
import { errorDetails } from '../shared/error-details.js';
import { openEngine } from '../shared/open-engine.js';
import { strings } from '../shared/strings.js';
import { openStore, type Store, StoreError } from '../store/index.js';
import { createDiscordClient } from './client.js';
import { buttonHandlers, commands } from './commands/index.js';
import { type BotConfig, readBotConfig } from './config.js';
import type { BotContext } from './context.js';
import { createConversationHandler } from './conversation.js';
import { type Clock, DurableDelivery } from './delivery.js';
import { replyLang } from './guild-policy.js';
import { type Health, startHealthServer } from './health-server.js';
import { InFlight } from './in-flight.js';
import { createInteractionRouter } from './interaction-router.js';
import { BotMetrics } from './metrics.js';
import { RateLimiter } from './rate-limit.js';
import { WorkQueue } from './work-queue.js';

/** Running answers get this long to finish on shutdown before the connection is closed anyway. */
const DRAIN_TIMEOUT_MS = 10_000;
/** After the drain, answers still waiting to retry a delivery are given up and logged; this long to log them. */
const GIVE_UP_TIMEOUT_MS = 2_000;

const RETENTION_EVERY_MS = 86_400_000;

export class DiscordStartupError extends Error {
  override name = 'DiscordStartupError';
}

export interface DiscordBotOptions {
  config?: BotConfig;
  /** An engine the caller owns (tests, the load script); by default one is opened from the environment and closed on stop. */
  engine?: Engine;
  log?: (msg: string) => void;
  /** Tests replay long Discord outages on a virtual clock. */
  clock?: Clock;
}

export interface DiscordBot {
  client: Client;
  context: BotContext;
  /** Stops taking new work, lets running answers finish, then disconnects. Safe to call twice. */
  stop(): Promise<void>;
}

/** Turns discord.js login failures into what the user has to do about them. */
export function explainLoginFailure(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  // A REST call with a bad token (the shard manager's gateway lookup) fails with HTTP 401 instead.
  if (code === DiscordjsErrorCodes.TokenInvalid || (err as { status?: unknown }).status === 401) {
    return 'Discord rejected DISCORD_TOKEN (invalid token). Copy it again from the Developer Portal → your application → Bot → Reset Token, and put it in .env.';
  }
  if (message === 'Used disallowed intents') {
    return `Discord refused the Message Content intent (gateway close code ${GatewayCloseCodes.DisallowedIntents}). Enable it in the Developer Portal → your application → Bot → Privileged Gateway Intents → Message Content Intent, then start again.`;
  }
  if (message === 'Authentication failed') {
    return `Discord rejected DISCORD_TOKEN (gateway close code ${GatewayCloseCodes.AuthenticationFailed}). Reset the token in the Developer Portal and update .env.`;
  }
  return `Could not connect to Discord: ${message}`;
}

/** The bot's database; a file that cannot be used stops the start with what is wrong with it and what to do. */
function openBotStore(config: BotConfig, metrics: BotMetrics, log: (msg: string) => void): Store {
  try {
    return openStore({
      dataDir: config.dataDir,
      legacyFeedbackFile: config.legacyFeedbackFile,
      salt: config.userHashSalt,
      conversation: config.conversation,
      retention: { questionDays: config.questionLogDays, conversationDays: config.conversation.maxAgeDays },
      observer: metrics.storeObserver,
      log,
    });
  } catch (err) {
    if (err instanceof StoreError) throw new DiscordStartupError(err.message);
    throw err;
  }
}

/** Deletes what is past its retention period now and then daily; every shard may, the deletes are idempotent. */
function keepRetention(store: Store, log: (msg: string) => void): NodeJS.Timeout {
  const apply = () => {
    try {
      const erased = store.applyRetention();
      if (erased.questions + erased.votes + erased.turns > 0) {
        log(`retention: deleted ${erased.questions} questions, ${erased.votes} votes and ${erased.turns} conversation turns past their days`);
      }
    } catch (err) {
      log(`retention: ${errorDetails(err)}; trying again tomorrow`);
    }
  };
  apply();
  return setInterval(apply, RETENTION_EVERY_MS).unref();
}

function shardLogging(client: Client, log: (msg: string) => void, stopping: () => boolean): void {
  client.on(Events.ShardDisconnect, (event, id) => log(`gateway shard ${id} disconnected (code ${event.code})`));
  // discord.js reports its own shutdown as "reconnecting" too.
  client.on(Events.ShardReconnecting, (id) => {
    if (!stopping()) log(`gateway shard ${id} reconnecting`);
  });
  client.on(Events.ShardResume, (id, replayed) => log(`gateway shard ${id} resumed (${replayed} events replayed)`));
  client.on(Events.ShardError, (err, id) => log(`gateway shard ${id} error: ${err.message}`));
  client.on(Events.Error, (err) => log(`client error: ${errorDetails(err)}`));
  client.on(Events.Warn, (msg) => log(`warning: ${msg}`));
}

/** Connects the bot and resolves once it is ready to answer; throws DiscordStartupError with a clear reason. */
export async function launchDiscordBot(opts: DiscordBotOptions = {}): Promise<DiscordBot> {
  const log = opts.log ?? ((msg: string) => process.stderr.write(`[discord] ${msg}\n`));
  const config = opts.config ?? readBotConfig();
  if (!config.token) {
    throw new DiscordStartupError('DISCORD_TOKEN is not set. Create a bot in the Discord Developer Portal and put its token in .env (see README).');
  }
  const metrics = new BotMetrics();
  // Before the engine: a database that cannot be used is reported at once, not after loading the index.
  const store = openBotStore(config, metrics, log);
  // A long-running bot follows the index: `npm run add` in another terminal takes effect without a restart.
  const engine =
    opts.engine ??
    (await openEngine({ watch: true }).catch((err: unknown) => {
      store.close();
      throw err;
    }));
  const ownsEngine = !opts.engine;
  const delivery = new DurableDelivery({
    channelBudgetMs: config.deliveryBudgetMs,
    clock: opts.clock,
    log: (msg) => log(`delivery: ${msg}`),
    onRetry: () => metrics.restRetries.inc(),
  });
  const client = createDiscordClient(config, delivery);
  // Held back before sending (a bucket known to be empty) or answered 429 and waited out: discord.js reports the two apart.
  client.rest.on(RESTEvents.RateLimited, () => metrics.rateLimited.inc());
  client.rest.on(RESTEvents.Response, (_request, response) => {
    if (response.status === 429) metrics.rateLimited.inc();
  });
  let stopping = false;
  const context: BotContext = {
    engine,
    config,
    store,
    metrics,
    replyLang: (interaction) => replyLang(store.settings.get(interaction.guildId), interaction.locale),
    queue: new WorkQueue(config.maxConcurrentAnswers, config.maxQueuedAnswers),
    limiter: new RateLimiter(config.rateLimitPerMinute),
    log,
    stopping: () => stopping,
  };
  const retention = keepRetention(store, log);
  /** What the bot holds besides the health endpoint, released on a failed start and on stop. */
  const release = async () => {
    await client.destroy();
    if (ownsEngine) await engine.close();
    clearInterval(retention);
    store.close();
  };
  const route = createInteractionRouter(context, commands, buttonHandlers);
  const onMessage = createConversationHandler(context, client);
  const inflight = new InFlight();
  client.on(Events.InteractionCreate, (interaction) => void inflight.track(route(interaction)));
  client.on(Events.MessageCreate, (message) => void inflight.track(onMessage(message)));
  shardLogging(client, log, context.stopping);

  const ready = once(client, Events.ClientReady);
  try {
    await client.login(config.token);
    await ready;
  } catch (err) {
    await release();
    throw new DiscordStartupError(explainLoginFailure(err));
  }
  log(`logged in as ${client.user?.tag} (${engine.status().mode} retrieval, ${engine.status().units} units)`);
  const { fusion } = engine.status();
  if (fusion) log(strings('en').fusionSummary(fusion));
  const health = (): Health => ({
    gateway: client.ws.status === Status.Ready,
    index: engine.status().units > 0,
    mode: engine.status().mode,
    database: store.health(),
  });
  let endpoint: Server | null = null;
  if (config.healthPort !== null) {
    try {
      const started = await startHealthServer(config.healthHost, config.healthPort, health, metrics.registry);
      endpoint = started.server;
      log(`health endpoint on ${started.url} (/healthz, /metrics)`);
    } catch (err) {
      // Monitoring that was asked for and cannot run is a start-up failure, not a silent gap.
      await release();
      throw new DiscordStartupError(`HEALTH_PORT ${config.healthPort} on ${config.healthHost} cannot be used: ${errorDetails(err)}`);
    }
  }

  let stopped: Promise<void> | null = null;
  async function stop(): Promise<void> {
    stopping = true;
    const drained = await Promise.race([
      inflight.idle().then(() => true),
      new Promise<false>((resolve) => setTimeout(resolve, DRAIN_TIMEOUT_MS, false).unref()),
    ]);
    if (!drained) {
      log(`shutdown: ${inflight.size} requests still running after ${DRAIN_TIMEOUT_MS} ms; giving up their deliveries`);
      // Each gives up with a DeliveryError that its handler logs with the question.
      delivery.abortRetries();
      await Promise.race([inflight.idle(), new Promise((resolve) => setTimeout(resolve, GIVE_UP_TIMEOUT_MS).unref())]);
    }
    endpoint?.close();
    await release();
    log('disconnected');
  }
  return { client, context, stop: () => (stopped ??= stop()) };
}

/**
 * `npm start` with DISCORD_TOKEN set: runs the bot until SIGINT/SIGTERM, then shuts down gracefully and
 * resolves. Startup failures reject with a message meant for the user (the caller prints it and exits 1).
 */
export async function startDiscordBot(opts: DiscordBotOptions = {}): Promise<void> {
  const bot = await launchDiscordBot(opts);
  const signal = await nextStopSignal();
  bot.context.log(`${signal} received: finishing running answers, then disconnecting`);
  await bot.stop();
}

/** The first SIGINT or SIGTERM; a second one gets Node's default and ends the process at once. */
export function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
