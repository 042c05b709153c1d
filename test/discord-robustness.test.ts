/**
 * Robustness of the Discord front end: intents, start-up failures, rate limit, bounded concurrency, failing
 * handlers, oversized answers, a dropped gateway connection, graceful shutdown.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordStartupError, launchDiscordBot } from '../bot/discord/start.js';
import type { Engine } from '../retrieval/api.js';
import { type Answer, unitKey } from '../retrieval/types.js';
import { type Harness, openTestEngine, startHarness } from './fake-discord/harness.js';
import { buttonIds, isEphemeral, responseMessages, unescapeText, unsafePayloads } from './fake-discord/inspect.js';
import { FakeDiscord } from './fake-discord/server.js';
import { citationsOf } from './helpers/answers.js';

const TIP = '000_8c987accfb8d7853';
const SLOW_MS = 300;
const RATE = 3;
const HEARTBEAT_MS = 250;

let h: Harness;
let real: Engine;
const load = { active: 0, peak: 0 };

/** Forty real paragraphs quoted in one answer: far beyond any real answer, and beyond one Discord message. */
function oversizedAnswer(engine: Engine): Answer {
  const units = engine
    .units()
    .filter((u) => u.source === TIP && u.kind === 'paragraph')
    .slice(0, 40);
  const passages = units.map((u) => ({
    quote: u.text,
    citations: [
      {
        unitKey: unitKey(u),
        kind: u.kind,
        source: u.source,
        paragraph: u.paragraph,
        recommendation: null,
        label: engine.label(u, 'zh'),
        url: null,
        status: 'final' as const,
        lang: 'zh' as const,
        versions: [],
      },
    ],
    role: 'answer' as const,
    score: 1,
  }));
  return { outcome: 'answered', confidence: 0.9, lang: 'zh', passages, related: [], notes: [] };
}

beforeAll(async () => {
  real = await openTestEngine();
  // The real engine, plus three scripted questions: a slow one (to watch the queue), one that fails like a
  // bug would, and one whose answer is far larger than the engine ever produces (to watch the splitting).
  const engine: Engine = {
    ...real,
    async ask(question, opts) {
      if (question === 'CRASH') throw new Error('engine exploded');
      if (question === 'OVERSIZED') return oversizedAnswer(real);
      if (!question.startsWith('SLOW')) return real.ask(question, opts);
      load.active++;
      load.peak = Math.max(load.peak, load.active);
      try {
        await sleep(SLOW_MS);
        return await real.ask('蓝心运动', opts);
      } finally {
        load.active--;
      }
    },
  };
  h = await startHarness({
    engine,
    config: { rateLimitPerMinute: RATE, maxConcurrentAnswers: 2 },
    fake: { heartbeatIntervalMs: HEARTBEAT_MS },
  });
});
afterAll(async () => {
  await h?.stop();
});

describe('gateway identify', () => {
  it('asks for exactly Guilds, GuildMessages and MessageContent', () => {
    const identify = h.fake.gateway.received.find((p) => p.op === 2)!;
    const GUILDS = 1 << 0;
    const GUILD_MESSAGES = 1 << 9;
    const MESSAGE_CONTENT = 1 << 15;
    expect(identify.d.intents).toBe(GUILDS | GUILD_MESSAGES | MESSAGE_CONTENT);
    expect(identify.d.token).toBe(h.fake.token);
    expect(identify.d.compress).toBe(false);
  });
});

describe('start-up failures', () => {
  const config = () => ({ ...h.config });

  it('refuses to start without a token', async () => {
    await expect(launchDiscordBot({ config: { ...config(), token: '' }, engine: real, log: () => {} })).rejects.toThrow(/DISCORD_TOKEN is not set/);
  });

  it('explains a token Discord rejects', async () => {
    const err = await launchDiscordBot({ config: { ...config(), token: 'not-the-token' }, engine: real, log: () => {} }).catch((e) => e);
    expect(err).toBeInstanceOf(DiscordStartupError);
    expect(err.message).toMatch(/^Discord rejected DISCORD_TOKEN \(invalid token\)\. Copy it again from the Developer Portal/);
  });

  it('explains a missing Message Content intent (close code 4014)', async () => {
    const strict = await FakeDiscord.start({ disallowedIntents: 1 << 15 });
    try {
      const err = await launchDiscordBot({ config: { ...config(), token: strict.token, apiBase: strict.apiBase }, engine: real, log: () => {} }).catch(
        (e) => e,
      );
      expect(err).toBeInstanceOf(DiscordStartupError);
      expect(err.message).toMatch(/Message Content intent \(gateway close code 4014\).*Privileged Gateway Intents/);
      expect(strict.gateway.closes).toContainEqual(expect.objectContaining({ code: 4014, by: 'server' }));
    } finally {
      await strict.close();
    }
  });
});

describe('the database', () => {
  it('refuses to start on a database file that is not one, naming the file and leaving it alone', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'discord-corrupt-'));
    try {
      const file = join(dataDir, 'bot.db');
      await writeFile(file, 'not a database\n'.repeat(100));
      const err = await launchDiscordBot({ config: { ...h.config, dataDir }, engine: real, log: () => {} }).catch((e) => e);
      expect(err).toBeInstanceOf(DiscordStartupError);
      expect(err.message).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')} is not a readable SQLite database .*: it may be corrupt\\. Nothing was changed`));
      expect(await readFile(file, 'utf8')).toBe('not a database\n'.repeat(100));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  // A full disk, as SQLite sees one: the file capped at its current size (max_page_count), so every write
  // that needs a new page fails with SQLITE_FULL.
  it('on a full disk, tells the voter in their language that the vote was not saved, and changes nothing', async () => {
    const answer = responseMessages(await h.slash('ask', { question: '蓝心运动' }, { user: h.newUser() }))[0];
    const { db } = h.bot.context.store;
    const before = h.bot.context.store.feedback.all().length;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    try {
      // A question long enough that its row needs a page the disk does not have.
      const long = { ...answer, embeds: [{ ...(answer.embeds[0] as object), title: '蓝心运动'.repeat(2000) }] };
      const zh = await h.click(long, 'fb:up', { user: h.newUser(), locale: 'zh-CN' });
      expect(responseMessages(zh)[0].content).toBe('未能保存：机器人目前无法写入其数据库。没有任何更改，已通知管理员。请稍后再试。');
      expect(isEphemeral(responseMessages(zh)[0])).toBe(true);
      const en = await h.click(long, 'fb:down', { user: h.newUser() });
      expect(responseMessages(en)[0].content).toMatch(/^This could not be saved: the bot cannot write its database right now\. Nothing was changed/);
      expect(h.bot.context.store.feedback.all()).toHaveLength(before);
      expect(h.logs.some((l) => /writing feedback failed: database or disk is full/.test(l))).toBe(true);
    } finally {
      db.pragma('max_page_count = 4294967294');
    }
  });
});

describe('rate limit', () => {
  it('answers requests beyond the per-user limit with an ephemeral message, other users unaffected', async () => {
    const user = h.newUser('eager');
    for (let i = 0; i < RATE; i++) expect(isEphemeral(responseMessages(await h.slash('sources', {}, { user }))[0])).toBe(false);
    const limited = await h.slash('sources', {}, { user });
    expect(limited.ack?.type).toBe(4);
    const [msg] = responseMessages(limited);
    expect(isEphemeral(msg)).toBe(true);
    expect(msg.content).toMatch(/^You are asking too fast: at most 3 requests per minute\. Try again in (59|60) s\.$/);
    expect(isEphemeral(responseMessages(await h.slash('sources', {}, { user: h.newUser() }))[0])).toBe(false);
  });

  it('counts votes against the limit too', async () => {
    const answer = await h.slash('ask', { question: '蓝心运动' }, { user: h.newUser() });
    const user = h.newUser('clicker');
    const replies: string[] = [];
    for (let i = 0; i < RATE + 2; i++) replies.push(responseMessages(await h.click(responseMessages(answer)[0], 'fb:up', { user }))[0].content);
    expect(replies.slice(0, RATE).every((r) => !r.startsWith('You are asking too fast'))).toBe(true);
    expect(replies.slice(RATE)).toEqual([
      expect.stringMatching(/^You are asking too fast: at most 3 requests per minute/),
      expect.stringMatching(/^You are asking too fast/),
    ]);
    // Paging and showing a cited paragraph stay free.
    const cite = buttonIds(responseMessages(answer)[0]).find((id) => id.startsWith('cite:'))!;
    expect(responseMessages(await h.click(responseMessages(answer)[0], cite, { user }))[0].content).toMatch(/^\*\*/);
  });

  it('warns a user once in chat, then ignores further questions until the window passes', async () => {
    const user = h.newUser('chatty');
    const posted: string[] = [];
    for (let i = 0; i < RATE; i++) {
      const m = h.fake.postMessage({ author: user, content: `What is the Blue Heart Campaign? (${i})`, mention: true });
      posted.push(m.id);
      await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${m.id}/messages`);
    }
    const over = h.fake.postMessage({ author: user, content: 'And the Blue Heart Campaign again?', mention: true });
    const ignored = h.fake.postMessage({ author: user, content: 'Once more?', mention: true });
    const warning = await h.fake.waitForRequest((r) => r.body?.message_reference?.message_id === over.id);
    expect(warning.body.content).toMatch(/^You are asking too fast/);
    const ok = h.fake.postMessage({ author: h.newUser(), content: '蓝心运动', mention: true });
    await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${ok.id}/messages`);
    expect(h.fake.requests.filter((r) => r.path.includes(ignored.id) || r.body?.message_reference?.message_id === ignored.id)).toEqual([]);
  });
});

describe('load', () => {
  it('acknowledges a burst at once, answers it with bounded concurrency, and keeps heartbeats flowing', async () => {
    const records = Array.from({ length: 8 }, (_, i) => h.sendSlash('ask', { question: `SLOW ${i}` }, { user: h.newUser() }));
    const burstStart = performance.now();
    await Promise.all(records.map((r) => h.fake.settled(r, 50, 20_000)));
    const burstEnd = performance.now();
    expect(load.peak).toBe(2);
    for (const r of records) {
      expect(r.ack?.type).toBe(5);
      expect(r.ack!.at - r.sentAt).toBeLessThan(1000);
      expect(responseMessages(r)[0].embeds.length).toBe(1);
    }
    // Eight answers of 300 ms two at a time take ≥ 1.2 s; the heartbeat kept its pace meanwhile.
    expect(burstEnd - burstStart).toBeGreaterThanOrEqual(4 * SLOW_MS);
    const beats = [burstStart, ...h.fake.gateway.heartbeats.filter((t) => t > burstStart && t < burstEnd), burstEnd];
    const gaps = beats.slice(1).map((t, i) => t - beats[i]);
    expect(Math.max(...gaps)).toBeLessThan(2.5 * HEARTBEAT_MS);
  });
});

describe('failures', () => {
  it('turns a failing handler into an ephemeral apology and a log line, and keeps serving', async () => {
    const failed = await h.slash('ask', { question: 'CRASH' }, { user: h.newUser() });
    expect(failed.deleted).toBe(true);
    const [msg] = responseMessages(failed);
    expect(isEphemeral(msg)).toBe(true);
    expect(msg.content).toBe('Something went wrong while answering. The error was logged; please try again.');
    expect(h.logs.some((l) => l.startsWith('/ask failed: Error: engine exploded'))).toBe(true);
    const next = await h.slash('ask', { question: '蓝心运动' }, { user: h.newUser() });
    expect(responseMessages(next)[0].embeds.length).toBe(1);
  });

  it('survives a button it does not know', async () => {
    const record = await h.slash('sources', {}, { user: h.newUser() });
    const click = await h.click(responseMessages(record)[0], 'garbage:1', { user: h.newUser() });
    const [msg] = responseMessages(click);
    expect(isEphemeral(msg)).toBe(true);
    expect(msg.content).toMatch(/^Something went wrong/);
    expect(h.logs.some((l) => l.includes('unknown button id "garbage:1"'))).toBe(true);
  });

  it('apologises in chat when answering a mention fails', async () => {
    const m = h.fake.postMessage({ author: h.newUser(), content: 'CRASH', mention: true });
    const reply = await h.fake.waitForRequest((r) => r.body?.message_reference?.message_id === m.id);
    expect(reply.body.content).toBe('Something went wrong while answering. The error was logged; please try again.');
    expect(h.logs.some((l) => l.startsWith(`answering message ${m.id} failed: Error: engine exploded`))).toBe(true);
  });
});

describe('oversized answer', () => {
  it('is split across messages within every limit, never cutting a label or a quote', async () => {
    const record = await h.slash('ask', { question: 'OVERSIZED' }, { user: h.newUser() });
    expect(record.responses.every((r) => r.status < 300)).toBe(true);
    const shown = responseMessages(record);
    expect(shown.length).toBeGreaterThan(1);
    const expected = oversizedAnswer(real);
    expect(buttonIds(shown[0])).toHaveLength(4 * 5 + 2);
    expect(shown.slice(1).every((m) => m.components.length === 0)).toBe(true);
    const embeds = shown.flatMap((m) => m.embeds as any[]);
    const descriptions = embeds.map((e) => e.description ?? '');
    for (const c of citationsOf(expected)) {
      const holding = descriptions.filter((d) => d.includes(`〔${c.label}〕`));
      expect(holding, c.label).toHaveLength(1);
      expect(unescapeText(holding[0])).toContain(`「${c.quote}」〔${c.label}〕`);
    }
    const squash = (s: string) => s.replace(/\s+/g, '');
    const body = citationsOf(expected)
      .map((c) => `「${c.quote}」〔${c.label}〕`)
      .join('\n');
    expect(squash(unescapeText(descriptions.join('')))).toBe(squash(body));
    const sources = embeds
      .flatMap((e) => e.fields ?? [])
      .map((f: any) => f.value)
      .join('\n');
    expect(sources.split('\n')).toEqual(citationsOf(expected).map((c) => `• ${c.label}`));
  });
});

describe('dropped gateway connection', () => {
  it('resumes the session, replays what was missed, and keeps answering', async () => {
    const session = h.fake.gateway.sessions[0];
    const identifies = h.fake.gateway.received.filter((p) => p.op === 2).length;
    h.fake.gateway.dropConnections();
    // Sent while the socket is down: Discord replays it after RESUME.
    const missed = h.sendSlash('ask', { question: '蓝心运动' }, { user: h.newUser() });
    await h.fake.settled(missed);
    const resume = h.fake.gateway.received.find((p) => p.op === 6)!;
    expect(resume).toMatchObject({ path: '/gateway-resume', d: { session_id: session.id, token: h.fake.token } });
    expect(resume.d.seq).toBeGreaterThan(0);
    expect(h.fake.gateway.received.filter((p) => p.op === 2)).toHaveLength(identifies);
    expect(missed.ack!.at - missed.sentAt).toBeLessThan(3000);
    expect(responseMessages(missed)[0].embeds.length).toBe(1);
    const after = await h.slash('ask', { question: 'What is the Blue Heart Campaign?' }, { user: h.newUser() });
    expect((responseMessages(after)[0].embeds[0] as any).fields[0].name).toBe('Sources');
    expect(h.logs.some((l) => /gateway shard 0 resumed/.test(l))).toBe(true);
  });
});

describe('every payload the bot sent in this file', () => {
  it('disabled mentions and respected Discord limits', () => {
    expect(unsafePayloads(h.fake)).toEqual([]);
  });
});

describe('graceful shutdown', () => {
  it('refuses new work, finishes the running answer, then closes the connection normally', async () => {
    const running = h.sendSlash('ask', { question: 'SLOW shutdown' }, { user: h.newUser() });
    await h.fake.waitForRequest((r) => r.path.endsWith(`${running.payload.token}/callback`));
    const stopped = h.bot.stop();
    const late = await h.slash('sources', {}, { user: h.newUser() });
    const [refusal] = responseMessages(late);
    expect(isEphemeral(refusal)).toBe(true);
    expect(refusal.content).toBe('The bot is restarting. Please try again in a minute.');
    await stopped;
    const answered = running.responses.find((r) => r.method === 'PATCH' && r.status === 200);
    expect(answered).toBeDefined();
    const close = h.fake.gateway.closes.at(-1)!;
    expect(close.code).toBe(1000);
    expect(answered!.at).toBeLessThan(close.at);
  });
});
