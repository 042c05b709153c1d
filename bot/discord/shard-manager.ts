import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { REST, type RESTGetAPIGatewayBotResult, Routes, ShardingManager } from 'discord.js';
import { type BotConfig, ConfigError, readBotConfig } from './config.js';
import { DiscordStartupError, explainLoginFailure, nextStopSignal } from './start.js';

/** Discord allows `max_concurrency` IDENTIFYs per 5 s; 5.5 s is discord.js's own spacing, with a margin. */
const IDENTIFY_WINDOW_MS = 5_500;
/** A shard opens the engine (and the embedding model, when there is one) before it connects. */
const SHARD_READY_TIMEOUT_MS = 120_000;
/** Longer than a shard's own 10 s drain of running answers. */
const SHARD_EXIT_TIMEOUT_MS = 15_000;

const SHARD_ENTRY = fileURLToPath(new URL('./shard-entry.ts', import.meta.url));
const BUILD_INDEX = fileURLToPath(new URL('../cli/build-index.ts', import.meta.url));
/** Child processes run TypeScript like this one; resolved here so they find tsx whatever their working directory. */
const TS_EXEC_ARGV = ['--import', import.meta.resolve('tsx')];

export type ShardCount = number | 'auto';

/** The manager's request to a shard process to finish its running answers and exit (see shard-entry.ts). */
export const STOP_SHARD = { stopShard: true } as const;

export function isStopShard(message: unknown): boolean {
  return (message as { stopShard?: unknown } | null)?.stopShard === true;
}

/** SHARD_COUNT: "auto" (Discord's recommendation) or a whole number of at least 1. */
export function parseShardCount(raw: string): ShardCount {
  const value = raw.trim().toLowerCase();
  if (value === 'auto') return 'auto';
  const n = Number(value);
  if (value === '' || !Number.isInteger(n) || n < 1) {
    throw new ConfigError(`SHARD_COUNT must be "auto" or a whole number of at least 1, not "${raw}".`);
  }
  return n;
}

export interface ShardPlan {
  totalShards: number;
  /** Pause between launching consecutive shards, so no identify bucket gets two IDENTIFYs in one window. */
  spawnDelayMs: number;
}

/**
 * How many shards to run and how fast to start them, from GET /gateway/bot. Shard i identifies in bucket
 * i % max_concurrency, so consecutive launches `window / max_concurrency` apart keep each bucket to one per window.
 */
export function planShards(requested: ShardCount, gateway: RESTGetAPIGatewayBotResult): ShardPlan {
  const totalShards = requested === 'auto' ? gateway.shards : requested;
  const { remaining, reset_after: resetAfterMs, max_concurrency: maxConcurrency } = gateway.session_start_limit;
  if (remaining < totalShards) {
    throw new DiscordStartupError(
      `Discord allows only ${remaining} more gateway logins until its daily limit resets in ${Math.ceil(resetAfterMs / 60_000)} min; ${totalShards} shards need ${totalShards}.`,
    );
  }
  return { totalShards, spawnDelayMs: Math.ceil(IDENTIFY_WINDOW_MS / Math.max(1, maxConcurrency)) };
}

async function fetchGateway(config: BotConfig): Promise<RESTGetAPIGatewayBotResult> {
  const rest = new REST(config.apiBase ? { api: config.apiBase } : {}).setToken(config.token);
  try {
    return (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  } catch (err) {
    throw new DiscordStartupError(explainLoginFailure(err));
  }
}

/**
 * Builds the index when stale, or verifies it, once, as `npm run index` does: the shards then open it read-only
 * and never rebuild. In a process of its own, so the long-lived manager does not keep the engine's memory.
 */
async function prepareIndex(log: (msg: string) => void): Promise<void> {
  const child = spawn(process.execPath, [...TS_EXEC_ARGV, BUILD_INDEX], { stdio: ['ignore', 'inherit', 'inherit'] });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new DiscordStartupError(`preparing the index failed (exit code ${code}); the reason is above.`);
  log('index ready for the shards');
}

/** Asks every running shard to finish its answers and disconnect, and waits until their processes have exited. */
async function stopShards(manager: ShardingManager): Promise<void> {
  manager.respawn = false;
  await Promise.all(
    manager.shards.map(async (shard) => {
      const child = shard.process as ChildProcess | null;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      // A message rather than a signal: after Ctrl-C the terminal has already sent the shard SIGINT.
      await shard.send(STOP_SHARD).catch(() => child.kill('SIGTERM'));
      const force = setTimeout(() => child.kill('SIGKILL'), SHARD_EXIT_TIMEOUT_MS);
      await exited;
      clearTimeout(force);
    }),
  );
}

/**
 * `npm start` with SHARD_COUNT set: one process per gateway shard through discord.js's ShardingManager, each
 * running the whole bot for its share of the guilds. Runs until SIGINT/SIGTERM, then stops the shards gracefully.
 */
export async function startShardManager(opts: { config?: BotConfig; shardCount?: ShardCount; log?: (msg: string) => void } = {}): Promise<void> {
  const log = opts.log ?? ((msg: string) => process.stderr.write(`[shard manager] ${msg}\n`));
  const config = opts.config ?? readBotConfig();
  const requested = opts.shardCount ?? parseShardCount(process.env.SHARD_COUNT ?? '');
  const plan = planShards(requested, await fetchGateway(config));
  await prepareIndex(log);

  // Respawning stays off until every shard has come up once: a shard that cannot start at all is a setup problem.
  const manager = new ShardingManager(SHARD_ENTRY, { totalShards: plan.totalShards, token: config.token, execArgv: TS_EXEC_ARGV, respawn: false });
  manager.on('shardCreate', (shard) => {
    log(`launching shard ${shard.id} of ${plan.totalShards}`);
    shard.on('death', (child) => log(`shard ${shard.id} exited (${describeExit(child as ChildProcess)})${manager.respawn ? ', restarting it' : ''}`));
  });
  try {
    await manager.spawn({ amount: plan.totalShards, delay: plan.spawnDelayMs, timeout: SHARD_READY_TIMEOUT_MS });
  } catch (err) {
    await stopShards(manager);
    throw new DiscordStartupError(`a shard could not start (${err instanceof Error ? err.message : String(err)}); its own messages are above.`);
  }
  manager.respawn = true;
  log(`all ${plan.totalShards} shards ready`);

  const signal = await nextStopSignal();
  log(`${signal} received: stopping the shards`);
  await stopShards(manager);
  log('all shards stopped');
}

function describeExit(child: ChildProcess): string {
  return child.signalCode ? `signal ${child.signalCode}` : `exit code ${child.exitCode}`;
}
