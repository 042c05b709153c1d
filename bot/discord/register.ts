import 'dotenv/config';
import { pathToFileURL } from 'node:url';
import { REST, type RESTGetCurrentApplicationResult, Routes } from 'discord.js';
import { commands } from './commands/index.js';
import { readBotConfig } from './config.js';

export interface Registration {
  scope: 'guild' | 'global';
  names: string[];
}

/** PUT replaces the whole command set, so commands removed from the code disappear from Discord too. */
export async function registerCommands(opts: { token: string; guildId: string | null; apiBase: string | null }): Promise<Registration> {
  const rest = new REST(opts.apiBase ? { api: opts.apiBase } : {}).setToken(opts.token);
  const app = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
  const body = commands.map((c) => c.data);
  const route = opts.guildId ? Routes.applicationGuildCommands(app.id, opts.guildId) : Routes.applicationCommands(app.id);
  const saved = (await rest.put(route, { body })) as Array<{ name: string }>;
  return { scope: opts.guildId ? 'guild' : 'global', names: saved.map((c) => c.name) };
}

async function main(): Promise<void> {
  const config = readBotConfig();
  if (!config.token) {
    throw new Error('DISCORD_TOKEN is not set. Put the bot token in .env (see README, "Discord set-up").');
  }
  const { scope, names } = await registerCommands(config);
  const where =
    scope === 'guild'
      ? `to server ${config.guildId} (available now)`
      : 'globally (can take a few minutes to show up; set DISCORD_GUILD_ID for instant registration while developing)';
  process.stdout.write(`Registered ${names.length} commands ${where}: ${names.join(', ')}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    const status = (err as { status?: number }).status;
    const hints: Record<number, string> = {
      401: ' Discord rejected DISCORD_TOKEN: copy it again from the Developer Portal (Bot → Reset Token).',
      403: " The bot is not in that server with the applications.commands scope: invite it again with the README's invite URL.",
    };
    const hint = (status && hints[status]) || '';
    process.stderr.write(`Registering commands failed: ${err instanceof Error ? err.message : String(err)}.${hint}\n`);
    process.exit(1);
  });
}
