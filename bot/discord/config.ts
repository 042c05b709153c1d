/** Discord bot settings, read once from the environment (see .env.example). */
import { join } from 'node:path';
import { describeRange, parseWhole, type WholeRange } from '../shared/numbers.js';
import { DEFAULT_CONVERSATION, DEFAULT_RETENTION } from '../store/index.js';
import { DEFAULT_CHANNEL_BUDGET_MS } from './delivery.js';

export interface BotConfig {
  token: string;
  /** Register commands to this guild only (instant), instead of globally. */
  guildId: string | null;
  /** REST base such as `http://127.0.0.1:PORT/api`; only tests and the load script point it away from Discord. */
  apiBase: string | null;
  rateLimitPerMinute: number;
  maxConcurrentAnswers: number;
  /** Work waiting beyond this is refused with a "busy" message rather than piling up without bound. */
  maxQueuedAnswers: number;
  /** How long a mention's answer (a channel message or thread) is retried while Discord fails, in ms. */
  deliveryBudgetMs: number;
  /** The folder of the bot's database (DATA_DIR/bot.db). */
  dataDir: string;
  /** The JSON Lines feedback file of earlier versions, imported into the database once when present. */
  legacyFeedbackFile: string;
  /** Salt for hashing user ids; when null a random one is created once and kept in the database. */
  userHashSalt: string | null;
  /** Conversation memory: the newest turns kept per conversation, and for how many days after the last one. */
  conversation: { maxTurns: number; maxAgeDays: number };
  /** Questions and votes older than this many days are deleted (daily). */
  questionLogDays: number;
  /** The /healthz and /metrics endpoint's port (0: any free one); null: no endpoint. */
  healthPort: number | null;
  healthHost: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function wholeSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, range: WholeRange): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = parseWhole(raw, range);
  if (n === null) throw new ConfigError(`${name} must be ${describeRange(range)}, not "${raw}".`);
  return n;
}

export function readBotConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const dataDir = env.DATA_DIR?.trim() || 'data';
  return {
    token: env.DISCORD_TOKEN?.trim() ?? '',
    guildId: env.DISCORD_GUILD_ID?.trim() || null,
    apiBase: env.DISCORD_API_BASE?.trim() || null,
    rateLimitPerMinute: wholeSetting(env, 'RATE_LIMIT_PER_MINUTE', 6, { min: 1, max: 10_000 }),
    maxConcurrentAnswers: wholeSetting(env, 'MAX_CONCURRENT_ANSWERS', 2, { min: 1, max: 256 }),
    maxQueuedAnswers: 100,
    deliveryBudgetMs: wholeSetting(env, 'DELIVERY_BUDGET_SECONDS', DEFAULT_CHANNEL_BUDGET_MS / 1000, { min: 1, max: 86_400 }) * 1000,
    dataDir,
    legacyFeedbackFile: env.FEEDBACK_FILE?.trim() || join(dataDir, 'feedback.jsonl'),
    // FEEDBACK_SALT is the name earlier versions read: votes imported from them keep grouping by person.
    userHashSalt: env.USER_HASH_SALT?.trim() || env.FEEDBACK_SALT?.trim() || null,
    conversation: {
      maxTurns: wholeSetting(env, 'CONVERSATION_TURNS', DEFAULT_CONVERSATION.maxTurns, { min: 1, max: 100 }),
      maxAgeDays: wholeSetting(env, 'CONVERSATION_DAYS', DEFAULT_CONVERSATION.maxAgeDays, { min: 1, max: 3650 }),
    },
    questionLogDays: wholeSetting(env, 'QUESTION_LOG_DAYS', DEFAULT_RETENTION.questionDays, { min: 1, max: 3650 }),
    healthPort: env.HEALTH_PORT?.trim() ? wholeSetting(env, 'HEALTH_PORT', 0, { min: 0, max: 65_535 }) : null,
    healthHost: env.HEALTH_HOST?.trim() || '127.0.0.1',
  };
}
