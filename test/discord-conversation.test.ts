/**
 * Chat: a mention (or a reply to the bot) starts a thread and is answered there; follow-ups in the thread are
 * answered with the earlier turns as history. Real discord.js client, fake Discord, real engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskOptions, Engine } from '../retrieval/api.js';
import { type Harness, openTestEngine, startHarness } from './fake-discord/harness.js';
import { buttonIds, responseMessages, unsafePayloads } from './fake-discord/inspect.js';
import type { FakeMessage } from './fake-discord/payloads.js';
import type { RecordedRequest } from './fake-discord/server.js';
import { mentionsDisabled } from './fake-discord/validate.js';

let h: Harness;
/** Every question the bot put to the engine, with its options: the real engine answers them. */
const asked: Array<{ question: string; opts?: AskOptions }> = [];

beforeAll(async () => {
  const real = await openTestEngine();
  const engine: Engine = {
    ...real,
    ask(question, opts) {
      asked.push({ question, opts });
      return real.ask(question, opts);
    },
  };
  h = await startHarness({ engine });
});
afterAll(async () => {
  await h?.stop();
});

const postedIn = (channelId: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && r.status === 200;
const sentAfter = (since: number, match: (r: RecordedRequest) => boolean) => h.fake.requests.filter((r) => r.at >= since && match(r));

describe('mention → thread → follow-up', () => {
  let question: FakeMessage;
  let threadId: string;

  it('starts a thread from the question, shows typing, and answers in the thread', async () => {
    const start = performance.now();
    question = h.fake.postMessage({ author: h.newUser('asker'), content: '什么是蓝心运动？', mention: true });
    threadId = question.id;
    const answer = await h.fake.waitForRequest(postedIn(threadId));
    const thread = sentAfter(start, (r) => r.path === `/channels/${h.fake.channel.id}/messages/${question.id}/threads`);
    expect(thread).toHaveLength(1);
    expect(thread[0].body).toMatchObject({ name: '什么是蓝心运动？', auto_archive_duration: 1440 });
    expect(sentAfter(start, (r) => r.path === `/channels/${threadId}/typing`).length).toBeGreaterThanOrEqual(1);
    expect(answer.body.embeds[0].title).toBe('什么是蓝心运动？');
    expect(answer.body.embeds[0].description).toContain('蓝心运动');
    expect(buttonIds(answer.body)).toContain('fb:up');
    expect(mentionsDisabled(answer.body)).toBe(true);
    expect(asked.at(-1)).toEqual({ question: '什么是蓝心运动？', opts: { history: [] } });
    // Nothing is posted in the channel itself: the conversation lives in the thread.
    expect(sentAfter(start, postedIn(h.fake.channel.id))).toEqual([]);
  });

  it('answers a follow-up in the thread, without a mention, with the earlier turns as history', async () => {
    const start = performance.now();
    const thread = h.fake.channelById(threadId);
    const followUp = h.fake.postMessage({ author: h.newUser('asker2'), content: '那偷运移民呢？', channel: thread });
    const answer = await h.fake.waitForRequest((r) => postedIn(threadId)(r) && r.at >= start);
    expect(answer.body.message_reference?.message_id).toBe(followUp.id);
    expect(answer.body.allowed_mentions).toMatchObject({ parse: [], replied_user: false });
    const call = asked.at(-1)!;
    expect(call.question).toBe('那偷运移民呢？');
    expect(call.opts?.history?.map((t) => t.question)).toEqual(['什么是蓝心运动？']);
    expect(call.opts?.history?.[0].answer?.passages.length).toBeGreaterThan(0);

    const third = h.fake.postMessage({ author: h.newUser(), content: '具体有哪些活动？', channel: thread });
    await h.fake.waitForRequest((r) => postedIn(threadId)(r) && r.body.message_reference?.message_id === third.id);
    expect(asked.at(-1)!.opts?.history?.map((t) => t.question)).toEqual(['什么是蓝心运动？', '那偷运移民呢？']);
  });
});

describe('other ways in and out', () => {
  it('treats a reply to the bot as a question and starts a thread from it', async () => {
    const record = await h.slash('paragraph', { document: '000_8c987accfb8d7853', number: 64 }, { user: h.newUser() });
    const botMessage = responseMessages(record)[0];
    const reply = h.fake.postMessage({ author: h.newUser(), content: 'What does UNODC do in the Blue Heart Campaign?', replyTo: botMessage });
    const answer = await h.fake.waitForRequest(postedIn(reply.id));
    expect(h.fake.channelById(reply.id)).toMatchObject({ type: 11, parent_id: h.fake.channel.id });
    expect(answer.body.embeds[0].fields[0].name).toBe('Sources');
  });

  it('stays in a thread someone else started, and only answers there when mentioned', async () => {
    const owner = h.newUser('owner');
    const thread = h.fake.createThread({ owner, name: 'discussion' });
    const start = performance.now();
    h.fake.postMessage({ author: owner, content: '我觉得第44段很重要', channel: thread });
    const mentioned = h.fake.postMessage({ author: owner, content: '第44段讲的是什么？', channel: thread, mention: true });
    const answer = await h.fake.waitForRequest(postedIn(thread.id));
    expect(answer.body.message_reference?.message_id).toBe(mentioned.id);
    expect(sentAfter(start, (r) => r.path.endsWith('/threads'))).toEqual([]);
    expect(sentAfter(start, postedIn(thread.id))).toHaveLength(1);
  });

  it('ignores channel chatter and its own messages, and explains an empty mention', async () => {
    const start = performance.now();
    h.fake.postMessage({ author: h.newUser(), content: '今天的会议几点开始？' });
    h.fake.postMessage({ author: { ...h.fake.botUser }, content: 'echo of myself', mention: true });
    const empty = h.fake.postMessage({ author: h.newUser(), content: '', mention: true });
    const hint = await h.fake.waitForRequest((r) => postedIn(h.fake.channel.id)(r) && r.at >= start);
    expect(hint.body.content).toMatch(/^Ask a question after mentioning me/);
    expect(hint.body.message_reference.message_id).toBe(empty.id);
    // Events are handled in order, so by now the two earlier messages were seen and left alone.
    expect(sentAfter(start, (r) => r.method === 'POST' && r.path.startsWith('/channels/'))).toHaveLength(1);
  });
});

describe('every payload the bot sent in this file', () => {
  it('disabled mentions and respected Discord limits', () => {
    expect(unsafePayloads(h.fake)).toEqual([]);
  });
});
