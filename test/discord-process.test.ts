/**
 * `npm start` as a user runs it (node + tsx on bot/main.ts, configured by environment variables), against the
 * fake Discord: a clean exit on SIGTERM, and a clear message with exit code 1 when Discord refuses the bot.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerCommands } from '../bot/discord/register.js';
import { isEphemeral, responseMessages } from './fake-discord/inspect.js';
import { InteractionType, user } from './fake-discord/payloads.js';
import { FakeDiscord } from './fake-discord/server.js';

interface Run {
  dir: string;
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<number | null>;
}

async function startBotProcess(fake: FakeDiscord, token: string): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'discord-process-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    env: {
      ...process.env,
      DISCORD_TOKEN: token,
      DISCORD_API_BASE: fake.apiBase,
      DISCORD_GUILD_ID: '',
      EMBEDDINGS: 'off',
      INDEX_DIR: join(dir, 'index'),
      DATA_DIR: join(dir, 'data'),
      USER_HASH_SALT: 'process-test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  child.stdout!.resume();
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return { dir, child, stderr: () => stderr, exit };
}

describe('npm start with DISCORD_TOKEN set', () => {
  it('serves, then shuts down gracefully on SIGTERM with exit code 0', async () => {
    const fake = await FakeDiscord.start();
    try {
      const { names } = await registerCommands({ token: fake.token, guildId: fake.guild.id, apiBase: fake.apiBase });
      expect(names).toContain('sources');
      const run = await startBotProcess(fake, fake.token);
      await new Promise<void>((resolve) => fake.gateway.once('identify', () => resolve()));
      const record = await fake.settled(
        fake.interact({ type: InteractionType.ApplicationCommand, data: fake.commandData('sources'), user: user('x') }),
        150,
        20_000,
      );
      expect(isEphemeral(responseMessages(record)[0])).toBe(false);
      run.child.kill('SIGTERM');
      expect(await run.exit).toBe(0);
      expect(run.stderr()).toContain('SIGTERM received: finishing running answers, then disconnecting');
      expect(run.stderr()).toContain('[discord] disconnected');
      expect(fake.gateway.closes.at(-1)).toMatchObject({ code: 1000, by: 'client' });
      await rm(run.dir, { recursive: true, force: true });
    } finally {
      await fake.close();
    }
  });

  it('survives malformed interactions: logs them and keeps answering', async () => {
    const fake = await FakeDiscord.start();
    try {
      await registerCommands({ token: fake.token, guildId: fake.guild.id, apiBase: fake.apiBase });
      const run = await startBotProcess(fake, fake.token);
      await new Promise<void>((resolve) => fake.gateway.once('identify', () => resolve()));
      await fake.settled(fake.interact({ type: InteractionType.ApplicationCommand, data: fake.commandData('sources'), user: user('x') }), 150, 20_000);
      const menu = fake.registeredCommand('Quote cited paragraphs');
      // Hand-made payloads as a buggy proxy or a replayed log might send them: no `resolved`, no message.
      for (const data of [
        { id: menu.id, name: menu.name, type: 3, target_id: '123' },
        { id: menu.id, name: menu.name, type: 3, target_id: '123', resolved: {} },
        { custom_id: 'fb:up', component_type: 2 },
      ]) {
        fake.interact({ type: data.custom_id ? InteractionType.MessageComponent : InteractionType.ApplicationCommand, data, user: user('mallory') });
      }
      await new Promise((r) => setTimeout(r, 500));
      const after = await fake.settled(
        fake.interact({ type: InteractionType.ApplicationCommand, data: fake.commandData('sources'), user: user('y') }),
        150,
        20_000,
      );
      expect(isEphemeral(responseMessages(after)[0])).toBe(false);
      expect(run.child.exitCode).toBeNull();
      // discord.js throws while building the interaction, inside its gateway handler: the process guard logs it.
      expect(run.stderr()).toMatch(
        /(uncaught exception|unhandled promise rejection), the bot keeps running: TypeError: Cannot read properties of undefined \(reading 'users'\)/,
      );
      run.child.kill('SIGTERM');
      expect(await run.exit).toBe(0);
      await rm(run.dir, { recursive: true, force: true });
    } finally {
      await fake.close();
    }
  });

  it('exits 1 with a clear message for a rejected token or a disallowed intent', async () => {
    const fake = await FakeDiscord.start({ disallowedIntents: 1 << 15 });
    try {
      const [badToken, noIntent] = await Promise.all([startBotProcess(fake, 'wrong-token'), startBotProcess(fake, fake.token)]);
      expect(await badToken.exit).toBe(1);
      expect(badToken.stderr()).toContain('Error: Discord rejected DISCORD_TOKEN (invalid token).');
      expect(await noIntent.exit).toBe(1);
      expect(noIntent.stderr()).toContain('Error: Discord refused the Message Content intent (gateway close code 4014).');
      await Promise.all([badToken, noIntent].map((r) => rm(r.dir, { recursive: true, force: true })));
    } finally {
      await fake.close();
    }
  });
});
