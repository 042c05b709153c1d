/**
 * Per-server settings end to end: /settings only for Manage Server (registered so, and refused server-side,
 * nothing changed), unknown channels and roles refused, each setting taking effect at once, `/settings show`,
 * defaults equal to the behaviour without settings, and /stats. Real discord.js client, fake Discord, real
 * engine, the store's SQLite file.
 */
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './fake-discord/harness.js';
import { buttonIds, isEphemeral, responseMessages, unsafePayloads } from './fake-discord/inspect.js';
import type { RecordedRequest } from './fake-discord/server.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const NO_PERMISSIONS = { permissions: '0' };
const settingsRow = () => h.bot.context.store.db.prepare('SELECT settings FROM guild_settings WHERE guild_id = ?').pluck().get(h.fake.guild.id);
const reply = async (
  sub: string,
  options: Record<string, string | number | boolean> = {},
  member?: { permissions?: string; roles?: string[] },
  locale?: string,
) => {
  const [msg] = responseMessages(await h.subcommand('settings', sub, options, { user: h.newUser('admin'), member, locale }));
  expect(isEphemeral(msg)).toBe(true);
  return msg.content as string;
};
const postedIn = (channelId: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && r.status === 200;
const research = () => h.fake.guild.channels.find((c) => c.name === 'research')!;
const role = () => h.fake.guild.roles[0]!.id;

describe('who may change the settings', () => {
  it('registers /settings and /stats for Manage Server only, in servers only', () => {
    for (const name of ['settings', 'stats']) {
      const command = h.fake.registeredCommand(name);
      expect(command.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
      expect(command.contexts).toEqual([0]);
    }
  });

  it('refuses a member without Manage Server, server-side, in their language, and changes nothing', async () => {
    expect(await reply('reply-mode', { mode: 'channel' }, NO_PERMISSIONS)).toBe(
      'Only members with the Manage Server permission can do this. Nothing was changed.',
    );
    expect(await reply('show', {}, NO_PERMISSIONS, 'zh-CN')).toBe('只有拥有"管理服务器"权限的成员才能这样做。没有任何更改。');
    const [stats] = responseMessages(await h.slash('stats', {}, { user: h.newUser(), member: NO_PERMISSIONS }));
    expect(stats.content).toBe('Only members with the Manage Server permission can do this. Nothing was changed.');
    expect(settingsRow()).toBeUndefined();
  });
});

describe('/settings show', () => {
  it('prints the defaults, which are the behaviour without settings', async () => {
    expect(await reply('show')).toBe(
      [
        '**Settings of this server**',
        'Channels where mentions are answered: all',
        'Replies to mentions: in a new thread',
        'Who may ask: everyone (members with Manage Server always may)',
        "Language of replies without a question to read it from: the member's Discord language",
        'Requests per member per minute: 1000 (the bot’s default)',
        '👍/👎 under answers: shown',
      ].join('\n'),
    );
  });
});

describe('bad input', () => {
  it('refuses a channel or role that is not this server’s, and changes nothing', async () => {
    expect(await reply('channel', { channel: '123456789012345678', answer: true })).toBe('That is not a text channel of this server. Nothing was changed.');
    expect(await reply('role', { role: '123456789012345678', may_ask: true })).toBe(
      'That is not a role of this server that can be given to members. Nothing was changed.',
    );
    expect(await reply('role', { role: h.fake.guild.id, may_ask: true })).toMatch(/^That is not a role of this server/);
    expect(settingsRow()).toBeUndefined();
  });
});

describe('each setting takes effect at once', () => {
  it('answers mentions only in the listed channels (and their threads), then everywhere again', async () => {
    expect(await reply('channel', { channel: research().id, answer: true })).toContain(`Channels where mentions are answered: <#${research().id}>`);
    const start = performance.now();
    h.fake.postMessage({ author: h.newUser(), content: '什么是蓝心运动？', mention: true });
    const there = h.fake.postMessage({ author: h.newUser(), content: '什么是蓝心运动？', mention: true, channel: research() });
    await h.fake.waitForRequest(postedIn(there.id));
    // Events are handled in order: the mention in #general was seen first and left alone.
    expect(h.fake.requests.filter((r) => r.at >= start && r.method === 'POST' && r.path.startsWith(`/channels/${h.fake.channel.id}/`))).toEqual([]);
    expect(await reply('all-channels')).toContain('Channels where mentions are answered: all');
  });

  it('replies in the channel, or only to slash commands and privately, then in threads again', async () => {
    await reply('reply-mode', { mode: 'channel' });
    const inChannel = h.fake.postMessage({ author: h.newUser(), content: '什么是蓝心运动？', mention: true });
    const answer = await h.fake.waitForRequest((r) => postedIn(h.fake.channel.id)(r) && r.body.message_reference?.message_id === inChannel.id);
    expect(answer.body.embeds.length).toBeGreaterThan(0);
    expect(h.fake.requests.some((r) => r.path === `/channels/${h.fake.channel.id}/messages/${inChannel.id}/threads`)).toBe(false);

    await reply('reply-mode', { mode: 'ephemeral' });
    const hinted = h.fake.postMessage({ author: h.newUser(), content: '什么是蓝心运动？', mention: true });
    const hint = await h.fake.waitForRequest((r) => postedIn(h.fake.channel.id)(r) && r.body.message_reference?.message_id === hinted.id);
    // In the language of the question, as every reply to a mention.
    expect(hint.body.content).toBe('在本服务器上机器人只回答斜杠命令：请使用 /ask。');
    const asked = await h.slash('ask', { question: '什么是蓝心运动？' }, { user: h.newUser() });
    const callback = asked.responses.find((r) => r.path.endsWith('/callback'))!;
    expect(callback.body.data.flags).toBe(64);
    expect(responseMessages(asked)[0].embeds.length).toBeGreaterThan(0);
    await reply('reply-mode', { mode: 'thread' });
  });

  it('lets only members with a listed role ask (and managers), and everyone again', async () => {
    await reply('role', { role: role(), may_ask: true });
    const refused = responseMessages(await h.slash('ask', { question: '什么是蓝心运动？' }, { user: h.newUser(), member: NO_PERMISSIONS }))[0];
    expect(refused.content).toBe('On this server only members with certain roles may ask the bot. A moderator can give you one.');
    expect(isEphemeral(refused)).toBe(true);
    const member = { permissions: '0', roles: [role()] };
    const allowed = responseMessages(await h.slash('ask', { question: '什么是蓝心运动？' }, { user: h.newUser(), member }))[0];
    expect(allowed.embeds.length).toBeGreaterThan(0);
    // /forget-me stays open to everyone.
    const forget = responseMessages(await h.slash('forget-me', {}, { user: h.newUser(), member: NO_PERMISSIONS }))[0];
    expect(forget.content).toMatch(/^Erased what the bot kept about you/);
    expect(await reply('everyone-asks')).toContain('Who may ask: everyone');
  });

  it('applies the server’s rate limit, the language of replies without text, and hides the vote buttons', async () => {
    expect(await reply('rate-limit', { per_minute: 1 })).toContain('Requests per member per minute: 1\n');
    const user = h.newUser();
    await h.slash('sources', {}, { user });
    expect(responseMessages(await h.slash('sources', {}, { user }))[0].content).toMatch(/^You are asking too fast: at most 1 requests per minute/);
    await reply('rate-limit', { per_minute: 0 });

    await reply('language', { language: 'zh' });
    const zh = responseMessages(await h.slash('sources', {}, { user: h.newUser(), locale: 'en-US' }))[0];
    expect(JSON.stringify(zh.embeds)).toMatch(/文件（\d+ 份）/);
    await reply('language', { language: 'auto' });

    await reply('vote-buttons', { shown: false });
    const hidden = responseMessages(await h.slash('ask', { question: '什么是蓝心运动？' }, { user: h.newUser() }))[0];
    expect(buttonIds(hidden).some((id) => id.startsWith('fb:'))).toBe(false);
    expect(buttonIds(hidden).some((id) => id.startsWith('cite:'))).toBe(true);
    await reply('vote-buttons', { shown: true });
    const shown = responseMessages(await h.slash('ask', { question: '什么是蓝心运动？' }, { user: h.newUser() }))[0];
    expect(buttonIds(shown)).toContain('fb:up');
  });

  it('keeps the settings across a restart', async () => {
    await reply('reply-mode', { mode: 'channel' });
    await h.restart();
    expect(await reply('show')).toContain('Replies to mentions: in the channel');
    await reply('reply-mode', { mode: 'thread' });
  });
});

describe('/stats', () => {
  it('shows a manager this server’s report, privately', async () => {
    const [msg] = responseMessages(await h.slash('stats', { days: 7 }, { user: h.newUser() }));
    expect(isEphemeral(msg)).toBe(true);
    const total = h.bot.context.store.db.prepare('SELECT count(*) FROM questions WHERE guild_id = ?').pluck().get(h.fake.guild.id);
    expect(msg.content).toContain(`Questions of the last 7 day(s) in server ${h.fake.guild.id}`);
    expect(msg.content).toContain(`${total} question(s):`);
  });
});

describe('every payload the bot sent in this file', () => {
  it('disabled mentions and respected Discord limits', () => {
    expect(unsafePayloads(h.fake)).toEqual([]);
  });
});
