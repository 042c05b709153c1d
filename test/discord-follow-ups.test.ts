/**
 * The follow-ups of a conversation in a Discord thread, as in the terminal chat: a bare paragraph number is
 * looked up in the document being discussed, "详细一点" shows the cited paragraph whole, "and in Mexico?" stays
 * on the previous topic. Real discord.js client, fake Discord, real engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './fake-discord/harness.js';
import type { RecordedRequest } from './fake-discord/server.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const TIP = '000_8c987accfb8d7853';
const postedIn = (channelId: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && r.status === 200;
const description = (r: RecordedRequest) => (r.body.embeds as { description?: string }[]).map((e) => e.description ?? '').join('\n');

async function thread(first: string, followUps: string[]): Promise<RecordedRequest[]> {
  const question = h.fake.postMessage({ author: h.newUser(), content: first, mention: true });
  const answers = [await h.fake.waitForRequest(postedIn(question.id))];
  const channel = h.fake.channelById(question.id);
  for (const content of followUps) {
    const message = h.fake.postMessage({ author: h.newUser(), content, channel });
    answers.push(await h.fake.waitForRequest((r) => postedIn(question.id)(r) && r.body.message_reference?.message_id === message.id));
  }
  return answers;
}

describe('follow-ups in a thread', () => {
  it('looks up "what about paragraph 45?" and "第46段呢？" in the document of the conversation, and "详细一点" shows it whole', async () => {
    const [, p45, p46, more] = await thread('What does CTOC/COP/2018/2 para. 44 say?', ['what about paragraph 45?', '第46段呢？', '详细一点']);
    expect(description(p45!)).toContain('CTOC/COP/2018/2, para. 45');
    expect(description(p46!)).toContain('〔CTOC/COP/2018/2 第46段〕');
    const whole = h.engine.paragraph(TIP, 46).text;
    expect(description(more!).replace(/\\/g, '').replace(/\s+/g, '')).toContain(whole.replace(/\s+/g, ''));
  });

  it('answers "and in Mexico?" within the previous topic', async () => {
    const [, mexico] = await thread('What is the Blue Heart Campaign?', ['and in Mexico?']);
    expect(description(mexico!)).toContain('墨西哥');
  });
});
