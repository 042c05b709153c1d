/**
 * `npm start` with SHARD_COUNT set, as a user runs it (node + tsx on bot/main.ts), against the fake Discord: the
 * ShardingManager spawns one process per shard, each identifies as its shard, receives only its guilds'
 * interactions and answers them, and all of them use the index the manager built, without rebuilding it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordClient } from '../bot/discord/client.js';
import { registerCommands } from '../bot/discord/register.js';
import { parseShardCount, planShards } from '../bot/discord/shard-manager.js';
import { isEphemeral, responseMessages, visibleText } from './fake-discord/inspect.js';
import { type FakeGuild, InteractionType, textChannel, user } from './fake-discord/payloads.js';
import { FakeDiscord, type InteractionRecord } from './fake-discord/server.js';

const SHARDS = 2;

/** Discord's routing: a guild belongs to shard (guild_id >> 22) % shard_count. */
const shardOf = (guildId: string) => Number((BigInt(guildId) >> 22n) % BigInt(SHARDS));

/**
 * One guild per shard. The fake mints its guild ids within a millisecond or two, so they tend to share a shard;
 * an id k milliseconds later belongs k shards further on.
 */
function guildPerShard(fake: FakeDiscord): FakeGuild[] {
  const base = fake.guild;
  return Array.from({ length: SHARDS }, (_, shard) => {
    const existing = fake.guilds.find((g) => shardOf(g.id) === shard);
    if (existing) return existing;
    const later = BigInt((shard - shardOf(base.id) + SHARDS) % SHARDS);
    const id = (BigInt(base.id) + (later << 22n)).toString();
    const guild: FakeGuild = { id, name: `Guild on shard ${shard}`, channels: [textChannel(id, 'general')], threads: [], roles: [] };
    fake.guilds.push(guild);
    return guild;
  });
}

async function mtimes(dir: string): Promise<Record<string, number>> {
  const files = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f, (await stat(join(dir, f))).mtimeMs] as const)));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('SHARD_COUNT settings', () => {
  it('accepts "auto" or a whole number, and names the variable otherwise', () => {
    expect(parseShardCount('auto')).toBe('auto');
    expect(parseShardCount(' 3 ')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two']) {
      expect(() => parseShardCount(bad)).toThrow(`SHARD_COUNT must be "auto" or a whole number of at least 1, not "${bad}".`);
    }
  });

  it('does not reach an unsharded client, whether empty (as in .env.example) or "auto"', async () => {
    const saved = process.env.SHARD_COUNT;
    try {
      for (const value of ['', 'auto']) {
        process.env.SHARD_COUNT = value;
        const client = createDiscordClient({ apiBase: null });
        expect(client.options.shardCount).toBe(1);
        expect(process.env.SHARD_COUNT).toBe(value);
        await client.destroy();
      }
    } finally {
      if (saved === undefined) delete process.env.SHARD_COUNT;
      else process.env.SHARD_COUNT = saved;
    }
  });

  it("takes Discord's shard count for auto, spaces launches by identify bucket, and refuses beyond the login budget", () => {
    const gateway = (shards: number, remaining: number, maxConcurrency: number) => ({
      url: 'wss://gateway.example',
      shards,
      session_start_limit: { total: 1000, remaining, reset_after: 3_600_000, max_concurrency: maxConcurrency },
    });
    expect(planShards('auto', gateway(3, 1000, 1))).toEqual({ totalShards: 3, spawnDelayMs: 5500 });
    expect(planShards(4, gateway(1, 1000, 16))).toEqual({ totalShards: 4, spawnDelayMs: 344 });
    expect(() => planShards(4, gateway(1, 2, 1))).toThrow('Discord allows only 2 more gateway logins until its daily limit resets in 60 min; 4 shards need 4.');
  });
});

describe('npm start with SHARD_COUNT=auto and two shards', () => {
  let fake: FakeDiscord;
  let dir: string;
  let manager: ChildProcess;
  let exit: Promise<number | null>;
  let stderr = '';
  let guilds: FakeGuild[];
  let indexBeforeShards: Record<string, number>;

  const output = async (pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = stderr.match(pattern);
      if (found) return found;
      if (Date.now() > deadline || manager.exitCode !== null) throw new Error(`no ${pattern} in the output:\n${stderr}`);
      await sleep(25);
    }
  };
  const shardPid = async (shard: number) => Number((await output(new RegExp(`\\[shard ${shard}\\] starting in process (\\d+)`)))[1]);
  const ask = (guild: FakeGuild, question: string): InteractionRecord =>
    fake.interact({
      type: InteractionType.ApplicationCommand,
      data: { ...fake.commandData('ask', { question }), guild_id: guild.id },
      user: user(`asker-${guild.id.slice(-4)}`),
      channel: guild.channels[0],
    });
  /** The shards whose gateway sessions the interaction was dispatched on. */
  const deliveredTo = (record: InteractionRecord) =>
    fake.gateway.sessions.filter((s) => s.sent.some((e) => e.payload.includes(record.payload.token))).map((s) => s.shard);
  const expectAnswered = (record: InteractionRecord) => {
    const [answer] = responseMessages(record);
    expect(record.responses.find((r) => r.method === 'PATCH')?.status).toBe(200);
    expect(isEphemeral(answer)).toBe(false);
    expect(visibleText(answer)).toMatch(/Blue Heart|蓝心/);
  };

  beforeAll(async () => {
    fake = await FakeDiscord.start({ shards: SHARDS });
    guilds = guildPerShard(fake);
    await registerCommands({ token: fake.token, guildId: fake.guild.id, apiBase: fake.apiBase });
    dir = await mkdtemp(join(tmpdir(), 'discord-shards-'));
    manager = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      env: {
        ...process.env,
        DISCORD_TOKEN: fake.token,
        DISCORD_API_BASE: fake.apiBase,
        DISCORD_GUILD_ID: '',
        SHARD_COUNT: 'auto',
        EMBEDDINGS: 'off',
        INDEX_DIR: join(dir, 'index'),
        DATA_DIR: join(dir, 'data'),
        USER_HASH_SALT: 'shards-test',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
      // Its own process group, which its shards join: Ctrl-C in a terminal signals the whole group.
      detached: true,
    });
    manager.stderr!.on('data', (chunk) => (stderr += String(chunk)));
    exit = once(manager, 'exit').then(([code]) => code as number | null);
    await output(/index ready for the shards/);
    indexBeforeShards = await mtimes(join(dir, 'index'));
    await output(/all 2 shards ready/);
  }, 40_000);

  afterAll(async () => {
    // A paused shard must not outlive a failed test.
    for (const m of stderr.matchAll(/starting in process (\d+)/g)) if (alive(Number(m[1]))) process.kill(Number(m[1]), 'SIGCONT');
    if (manager?.exitCode === null) process.kill(-manager.pid!, 'SIGKILL');
    await fake?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('identifies each shard process as [id, 2] and gives it only its own guild', () => {
    const identifies = fake.gateway.received.filter((p) => p.op === 2).map((p) => p.d.shard);
    expect(identifies.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(guilds.map((g) => shardOf(g.id))).toEqual([0, 1]);
  });

  it("routes each guild's interactions to its shard, and that shard answers", async () => {
    const [a, b] = [ask(guilds[0], 'What is the Blue Heart Campaign?'), ask(guilds[1], '什么是蓝心运动？')];
    await Promise.all([fake.settled(a, 150, 20_000), fake.settled(b, 150, 20_000)]);
    expect(deliveredTo(a)).toEqual([[0, 2]]);
    expect(deliveredTo(b)).toEqual([[1, 2]]);
    expectAnswered(a);
    expectAnswered(b);
  });

  it('lets both shard processes write the one database file at once, losing no question', async () => {
    const asks = guilds.flatMap((g) => Array.from({ length: 10 }, (_, i) => ask(g, i % 2 ? 'What is the Blue Heart Campaign?' : '什么是蓝心运动？')));
    await Promise.all(asks.map((a) => fake.settled(a, 150, 20_000)));
    asks.forEach(expectAnswered);
    const db = new Database(join(dir, 'data', 'bot.db'), { readonly: true });
    try {
      const logged = () => guilds.map((g) => db.prepare("SELECT count(*) FROM questions WHERE guild_id = ? AND via = 'ask'").pluck().get(g.id) as number);
      // Each entry is written just after its answer is delivered.
      for (let i = 0; i < 100 && logged().some((n) => n < 10); i++) await sleep(50);
      expect(logged().every((n) => n >= 10)).toBe(true);
      expect(db.prepare('SELECT count(*) FROM questions WHERE guild_id NOT IN (?, ?)').pluck().get(guilds[0]!.id, guilds[1]!.id)).toBe(0);
    } finally {
      db.close();
    }
  });

  it('runs the shards in separate processes: pausing shard 1 holds back only guild 2', async () => {
    const [pid0, pid1] = [await shardPid(0), await shardPid(1)];
    expect(pid0).not.toBe(pid1);
    process.kill(pid1, 'SIGSTOP');
    const pausedAt = performance.now();
    const [a, b] = [ask(guilds[0], 'What is the Blue Heart Campaign?'), ask(guilds[1], 'What is the Blue Heart Campaign?')];
    try {
      await fake.settled(a, 150, 10_000);
      await sleep(300);
      expect(b.ack).toBeNull();
    } finally {
      process.kill(pid1, 'SIGCONT');
    }
    const resumedAt = performance.now();
    await fake.settled(b, 150, 10_000);
    expectAnswered(a);
    expectAnswered(b);
    expect(b.ack!.at).toBeGreaterThan(resumedAt);
    expect(resumedAt - pausedAt).toBeGreaterThan(300);
  });

  it('builds the index once in the manager; the shards only load it, and all stop gracefully on Ctrl-C', async () => {
    const pids = [await shardPid(0), await shardPid(1)];
    process.kill(-manager.pid!, 'SIGINT');
    expect(await exit).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
    expect(stderr).toContain('shard 0 exited (exit code 0)');
    expect(stderr).toContain('shard 1 exited (exit code 0)');
    expect(stderr.match(/Building keyword index/g)).toHaveLength(1);
    expect(stderr.indexOf('Building keyword index')).toBeLessThan(stderr.indexOf('launching shard 0'));
    for (const shard of [0, 1]) {
      expect(stderr).toContain(`[shard ${shard}] Loaded index from ${join(dir, 'index')}`);
      expect(stderr).toContain(`[shard ${shard}] disconnected`);
    }
    expect(await mtimes(join(dir, 'index'))).toEqual(indexBeforeShards);
    expect(stderr).toContain('[shard manager] all shards stopped');
  });
});

describe('npm start with a malformed SHARD_COUNT', () => {
  it('exits 1 naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      env: { ...process.env, DISCORD_TOKEN: 'any', SHARD_COUNT: 'two' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (chunk) => (err += String(chunk)));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(err).toContain('Error: SHARD_COUNT must be "auto" or a whole number of at least 1, not "two".');
  });
});
