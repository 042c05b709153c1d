/**
 * What users type, shown back to them: questions too long for the engine, Markdown in queries and document names,
 * half a surrogate pair, and a question naming a paragraph that does not exist. Real discord.js, fake Discord.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS } from '../retrieval/engine.js';
import { type Harness, startHarness } from './fake-discord/harness.js';
import { isEphemeral, responseMessages, unsafePayloads } from './fake-discord/inspect.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('a question too long for the engine, by mention', () => {
  it('is refused beside the question, in the channel, without starting a thread', async () => {
    const question = `蓝心运动${'是什么'.repeat(1400)}？`;
    expect(question.length).toBeGreaterThan(MAX_QUESTION_CHARS);
    const asked = h.fake.postMessage({ author: h.newUser(), content: question, mention: true });
    const reply = await h.fake.waitForRequest((r) => r.body?.message_reference?.message_id === asked.id);
    expect(reply.path).toBe(`/channels/${h.fake.channel.id}/messages`);
    expect(reply.body.content).toBe(`问题太长（${question.length} 个字符；最多 ${MAX_QUESTION_CHARS} 个），请缩短。`);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.requests.filter((r) => r.path.endsWith(`/messages/${asked.id}/threads`))).toEqual([]);
    expect(h.fake.guild.threads.some((t) => t.id === asked.id)).toBe(false);
  });
});

describe('Markdown in what users type', () => {
  const typed = '**bold** ||spoiler|| [link](https://example.com) `code` <@123> _x_';

  it('is escaped in the /search title as in the /ask title', async () => {
    const search = responseMessages(await h.slash('search', { query: typed }, { user: h.newUser() }))[0];
    const ask = responseMessages(await h.slash('ask', { question: typed }, { user: h.newUser() }))[0];
    const escaped = '\\*\\*bold\\*\\* \\|\\|spoiler\\|\\| \\[link\\](https://example.com) \\`code\\` \\<@123\\> \\_x\\_';
    expect((search.embeds[0] as { title: string }).title).toBe(`Search: ${escaped}`);
    expect((ask.embeds[0] as { title: string }).title).toBe(escaped);
  });

  it('is escaped when an error repeats it', async () => {
    const record = await h.slash('ask', { question: '蓝心运动', document: '**report**' }, { user: h.newUser() });
    const [msg] = responseMessages(record);
    expect(isEphemeral(msg)).toBe(true);
    expect(msg.content.startsWith('Unknown or ambiguous document “\\*\\*report\\*\\*”. Known documents: ')).toBe(true);
  });
});

describe('half a surrogate pair in a question', () => {
  const question = '什么是蓝心运动\uD83D？';

  it('still gets its answer by /ask, the broken character shown as �', async () => {
    const record = await h.slash('ask', { question }, { user: h.newUser() });
    const [msg] = responseMessages(record);
    expect(isEphemeral(msg)).toBe(false);
    expect((msg.embeds[0] as { title: string }).title).toBe('什么是蓝心运动\uFFFD？');
    expect((msg.embeds[0] as { description: string }).description).toContain('蓝心运动');
  });

  it('still gets its answer by mention, in a thread named without it', async () => {
    const asked = h.fake.postMessage({ author: h.newUser(), content: question, mention: true });
    const answer = await h.fake.waitForRequest((r) => r.path === `/channels/${asked.id}/messages` && r.status === 200);
    expect(answer.body.embeds[0].title).toBe('什么是蓝心运动\uFFFD？');
    expect(h.fake.guild.threads.find((t) => t.id === asked.id)?.name).toBe('什么是蓝心运动\uFFFD？');
  });
});

describe('a question naming a paragraph that does not exist', () => {
  it('answers with the valid range', async () => {
    const record = await h.slash('ask', { question: 'CTOC/COP/2018/2 第999段说什么？' }, { user: h.newUser() });
    const embed = responseMessages(record)[0].embeds[0] as { description: string };
    expect(embed.description).toBe('**CTOC/COP/2018/2 没有第999段：段落编号为 1–74。**');
  });
});

describe('every payload the bot sent in this file', () => {
  it('disabled mentions and respected Discord limits', () => {
    expect(unsafePayloads(h.fake)).toEqual([]);
  });
});
