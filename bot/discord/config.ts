/** Discord bot settings, read once from the environment (see .env.example). */
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
  feedbackFile: string;
  /** Salt for hashing user ids in feedback; when null a random one is kept next to the feedback file. */
  feedbackSalt: string | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${name} must be a whole number of at least 1, not "${raw}".`);
  return n;
}

export function readBotConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  return {
    token: env.DISCORD_TOKEN?.trim() ?? '',
    guildId: env.DISCORD_GUILD_ID?.trim() || null,
    apiBase: env.DISCORD_API_BASE?.trim() || null,
    rateLimitPerMinute: positiveInt(env, 'RATE_LIMIT_PER_MINUTE', 6),
    maxConcurrentAnswers: positiveInt(env, 'MAX_CONCURRENT_ANSWERS', 2),
    maxQueuedAnswers: 100,
    feedbackFile: env.FEEDBACK_FILE?.trim() || 'data/feedback.jsonl',
    feedbackSalt: env.FEEDBACK_SALT?.trim() || null,
  };
}
