/**
 * Conversations outlive the bot process: a follow-up in a thread after a restart is read against the turns
 * before it, and where the bot cannot open threads each person keeps a conversation of their own. Real
 * discord.js client, fake Discord, real engine, the store's SQLite file in the harness's data folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './fake-discord/harness.js';
import { unsafePayloads } from './fake-discord/inspect.js';
import type { FakeChannel, FakeMessage } from './fake-discord/payloads.js';
import type { RecordedRequest } from './fake-discord/server.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const FIRST = 'What does CTOC/COP/2018/2 para. 44 say?';
const FOLLOW_UP = 'what about paragraph 45?';
const IN_CONTEXT = 'CTOC/COP/2018/2, para. 45';
const postedIn = (channelId: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && r.status === 200;
const description = (r: RecordedRequest) => (r.body.embeds as { description?: string }[]).map((e) => e.description ?? '').join('\n');
const answerTo = (channelId: string, message: FakeMessage) =>
  h.fake.waitForRequest((r) => postedIn(channelId)(r) && r.body.message_reference?.message_id === message.id);

async function startThread(): Promise<FakeChannel> {
  const question = h.fake.postMessage({ author: h.newUser(), content: FIRST, mention: true });
  await h.fake.waitForRequest(postedIn(question.id));
  return h.fake.channelById(question.id);
}

describe('after a restart', () => {
  it('answers a follow-up in an existing thread in the context of the turns before the restart', async () => {
    const thread = await startThread();
    await h.restart();
    const followUp = h.fake.postMessage({ author: h.newUser(), content: FOLLOW_UP, channel: thread });
    expect(description(await answerTo(thread.id, followUp))).toContain(IN_CONTEXT);
  });

  it('answers the same follow-up without that context in a thread that has none', async () => {
    // The control: the follow-up alone does not name the document, so the context above came from the store.
    const question = h.fake.postMessage({ author: h.newUser(), content: FOLLOW_UP, mention: true });
    expect(description(await h.fake.waitForRequest(postedIn(question.id)))).not.toContain(IN_CONTEXT);
  });
});

describe('in a channel where the bot cannot open threads', () => {
  it('keeps one conversation per person, across a restart', async () => {
    const refused = h.fake.faults.inject({ method: 'POST', path: /\/threads$/, kind: { status: 403 } });
    try {
      const [asker, other] = [h.newUser('asker'), h.newUser('other')];
      const channel = h.fake.channel;
      const first = h.fake.postMessage({ author: asker, content: FIRST, mention: true });
      await answerTo(channel.id, first);
      await h.restart();
      const others = h.fake.postMessage({ author: other, content: FOLLOW_UP, mention: true });
      expect(description(await answerTo(channel.id, others))).not.toContain(IN_CONTEXT);
      const mine = h.fake.postMessage({ author: asker, content: FOLLOW_UP, mention: true });
      expect(description(await answerTo(channel.id, mine))).toContain(IN_CONTEXT);
    } finally {
      refused.clear();
    }
  });
});

describe('every payload the bot sent in this file', () => {
  it('disabled mentions and respected Discord limits', () => {
    expect(unsafePayloads(h.fake)).toEqual([]);
  });
});
