/**
 * Durable delivery: Discord's REST failing for a while (5xx, dropped connections, 429) never loses a finished
 * answer. Driven through the real discord.js client against the fake Discord with injected faults.
 */
import { setImmediate } from 'node:timers/promises';
import { DiscordAPIError, HTTPError, type InternalRequest, type RequestMethod, SnowflakeUtil } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ACK_WINDOW_MS,
  backoffDelay,
  type Clock,
  DeliveryError,
  DurableDelivery,
  isTransient,
  redactRoute,
  routeKind,
  TOKEN_LIFE_MS,
  wellFormed,
} from '../bot/discord/delivery.js';
import { type FaultKind, ROUTES } from './fake-discord/faults.js';
import { type Harness, startHarness } from './fake-discord/harness.js';
import { responseMessages, unsafePayloads } from './fake-discord/inspect.js';
import type { InteractionRecord } from './fake-discord/server.js';

/**
 * Time that passes only when the bot waits: a retry's sleep moves it forward at once, so a 30-second or
 * 15-minute outage replays in milliseconds with the real backoff schedule. The fake's faults read the same clock.
 */
class VirtualClock implements Clock {
  offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    this.offset += ms;
    await setImmediate();
  }
}

let h: Harness;
let v: Harness;
const clock = new VirtualClock();
beforeAll(async () => {
  [h, v] = await Promise.all([startHarness(), startHarness({ clock, config: { deliveryBudgetMs: 120_000 } })]);
});
afterAll(async () => {
  await Promise.all([h?.stop(), v?.stop()]);
});
afterEach(() => {
  h.fake.faults.clear();
  v.fake.faults.clear();
});

const BLUE_HEART = '什么是蓝心运动？';

/** Sends /ask and, once the bot has deferred, fails its edit for `forMs` from the first attempt on. */
async function askDuringEditFault(forMs: number | undefined, kind: FaultKind = { status: 500 }, on: Harness = h) {
  const record = on.sendSlash('ask', { question: BLUE_HEART }, { user: on.newUser() });
  await on.fake.waitForRequest((r) => r.path.endsWith(`${record.payload.token}/callback`) && r.status === 204);
  const fault = on.fake.faults.inject({ method: 'PATCH', path: ROUTES.webhookEdit, kind, forMs, fromFirstHit: true, clock: on === v ? clock : undefined });
  return { record, fault };
}

function answerTitle(record: InteractionRecord): string | undefined {
  return (responseMessages(record)[0]?.embeds[0] as { title?: string } | undefined)?.title;
}

async function logged(on: Harness, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = on.logs.find((l) => pattern.test(l));
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no log line matching ${pattern}:\n${on.logs.join('\n')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('an interaction answer while Discord fails', () => {
  it('is delivered after a 50 ms burst of 500s on the edit', async () => {
    const { record, fault } = await askDuringEditFault(50);
    await h.fake.settled(record);
    expect(fault.hits).toBeGreaterThan(0);
    expect(answerTitle(record)).toBe(BLUE_HEART);
    expect(record.deleted).toBe(false);
  });

  it('is delivered after 2 s of 500s on the edit, with backoff between attempts', async () => {
    const { record, fault } = await askDuringEditFault(2000);
    await h.fake.settled(record, 150, 15_000);
    expect(answerTitle(record)).toBe(BLUE_HEART);
    const attempts = record.responses.filter((r) => r.method === 'PATCH').map((r) => r.at);
    // Backoff, not a burst: a handful of attempts over the two seconds, spaced further and further apart.
    expect(fault.hits).toBeGreaterThanOrEqual(3);
    expect(fault.hits).toBeLessThanOrEqual(8);
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]);
    expect(gaps.at(-1)!).toBeGreaterThan(gaps[0]);
  });

  it('is delivered after dropped connections on the edit', async () => {
    const { record, fault } = await askDuringEditFault(300, { reset: true });
    await h.fake.settled(record);
    expect(fault.hits).toBeGreaterThan(0);
    expect(answerTitle(record)).toBe(BLUE_HEART);
  });

  it('is acknowledged within Discord’s 3 s window when the callback fails for 1 s, then answered', async () => {
    const fault = h.fake.faults.inject({ method: 'POST', path: ROUTES.callback, kind: { status: 500 }, forMs: 1000, fromFirstHit: true });
    const record = await h.fake.settled(h.sendSlash('ask', { question: BLUE_HEART }, { user: h.newUser() }), 150, 15_000);
    expect(fault.hits).toBeGreaterThan(0);
    expect(record.ack?.type).toBe(5);
    expect(record.ack!.at - record.sentAt).toBeLessThan(3000);
    expect((responseMessages(record)[0].embeds[0] as { title: string }).title).toBe(BLUE_HEART);
  });

  it('waits out a 429 with its retry_after and is delivered', async () => {
    const limited = h.sendSlash('ask', { question: BLUE_HEART }, { user: h.newUser() });
    await h.fake.waitForRequest((r) => r.path.endsWith(`${limited.payload.token}/callback`) && r.status === 204);
    const rateLimit = h.fake.faults.inject({ method: 'PATCH', path: ROUTES.webhookEdit, kind: { status: 429, retryAfterMs: 500 }, times: 1 });
    await h.fake.settled(limited, 150, 15_000);
    expect(rateLimit.hits).toBe(1);
    const [refused, accepted] = limited.responses.filter((r) => r.method === 'PATCH');
    expect(accepted.status).toBe(200);
    expect(accepted.at - refused.at).toBeGreaterThanOrEqual(450);
  });
});

describe('a long outage, replayed on a virtual clock', () => {
  it('delivers an answer after 30 s of 500s on the edit, on the backoff schedule', async () => {
    const start = clock.now();
    const { record, fault } = await askDuringEditFault(30_000, { status: 500 }, v);
    await v.fake.settled(record, 150, 15_000);
    expect(answerTitle(record)).toBe(BLUE_HEART);
    // 0.25 + 0.5 + 1 + 2 + 4 + 8 + 15 (capped) s ± 20 %: seven or eight attempts cover 30 s.
    expect(fault.hits).toBeGreaterThanOrEqual(6);
    expect(fault.hits).toBeLessThanOrEqual(9);
    expect(clock.now() - start).toBeGreaterThanOrEqual(30_000);
    expect(await logged(v, /^delivery: PATCH \/webhooks\/\d+\/:token\/messages\/%40original: delivered on attempt \d+/)).toBeTruthy();
  });

  it('logs an answer Discord refuses for the token’s whole life as undelivered, with the question and without the token', async () => {
    const question = 'What does UNODC do against the smuggling of migrants?';
    const record = v.sendSlash('ask', { question }, { user: v.newUser() });
    await v.fake.waitForRequest((r) => r.path.endsWith(`${record.payload.token}/callback`) && r.status === 204);
    v.fake.faults.inject({ method: 'PATCH', path: ROUTES.webhookEdit, kind: { status: 503 } });
    const line = await logged(v, /^undelivered: \/ask question: "What does UNODC do against the smuggling of migrants\?"/);
    expect(line).toMatch(/not accepted after \d+ attempts in [\d.]+ s \(last: 503 Service Unavailable\)$/);
    // Tried until the token's 15 minutes, counted from the interaction's creation, were nearly over.
    const created = SnowflakeUtil.timestampFrom(record.payload.id);
    expect(clock.now() - created).toBeGreaterThan(TOKEN_LIFE_MS - 30_000);
    expect(clock.now() - created).toBeLessThanOrEqual(TOKEN_LIFE_MS);
    expect(line).not.toContain(record.payload.token);
    expect(v.logs.join('\n')).not.toContain(record.payload.token);
    // Past the token's life nothing more is tried: no apology the token could no longer carry.
    expect(record.responses.filter((r) => r.method !== 'PATCH' && !r.path.endsWith('/callback'))).toEqual([]);
  });

  it('logs a mention’s answer as undelivered once the channel budget is spent', async () => {
    const question = '蓝心运动在墨西哥做了什么？';
    v.fake.faults.inject({ method: 'POST', path: ROUTES.channelMessages, kind: { status: 502 }, clock });
    const asked = v.fake.postMessage({ author: v.newUser(), content: question, mention: true });
    const line = await logged(v, new RegExp(`^undelivered: the answer to message ${asked.id} \\("${question}"\\)`));
    expect(line).toMatch(/POST \/channels\/\d+\/messages: not accepted after \d+ attempts in 1[01]\d\.\d s/);
  });
});

describe('an attempt that reached Discord though its answer was lost', () => {
  it('counts a retried acknowledgement Discord already has as done', async () => {
    const fault = h.fake.faults.inject({ method: 'POST', path: ROUTES.callback, kind: { appliedThen: 500 }, times: 1 });
    const record = await h.fake.settled(h.sendSlash('ask', { question: BLUE_HEART }, { user: h.newUser() }), 150, 15_000);
    expect(fault.hits).toBe(1);
    const callbacks = record.responses.filter((r) => r.path.endsWith('/callback')).map((r) => r.status);
    expect(callbacks).toEqual([500, 400]);
    expect(answerTitle(record)).toBe(BLUE_HEART);
    expect(record.deleted).toBe(false);
  });

  it('posts a retried channel message once (Discord enforces its nonce)', async () => {
    const fault = h.fake.faults.inject({ method: 'POST', path: ROUTES.channelMessages, kind: { appliedThen: 500 }, times: 1 });
    const asked = h.fake.postMessage({ author: h.newUser(), content: 'What is the Blue Heart Campaign?', mention: true });
    await h.fake.waitForRequest((r) => r.path === `/channels/${asked.id}/messages` && r.status === 200);
    expect(fault.hits).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    const attempts = h.fake.requests.filter((r) => r.path === `/channels/${asked.id}/messages`);
    expect(attempts.map((r) => r.status)).toEqual([500, 200]);
    expect(attempts[1].body.nonce).toBe(attempts[0].body.nonce);
    expect([...h.fake.messages.values()].filter((m) => m.channel_id === asked.id)).toHaveLength(1);
  });

  it('answers in the thread an earlier attempt created', async () => {
    const fault = h.fake.faults.inject({ method: 'POST', path: ROUTES.threads, kind: { appliedThen: 500 }, times: 1 });
    const asked = h.fake.postMessage({ author: h.newUser(), content: 'What is the Blue Heart Campaign?', mention: true });
    const answer = await h.fake.waitForRequest((r) => r.path === `/channels/${asked.id}/messages` && r.status === 200, 15_000);
    expect(fault.hits).toBe(1);
    expect(answer.body.embeds[0].title).toBe('What is the Blue Heart Campaign?');
    expect(h.fake.guild.threads.filter((t) => t.id === asked.id)).toHaveLength(1);
    expect(h.logs.some((l) => l.includes('could not start a thread'))).toBe(false);
  });
});

describe('a mention’s answer while Discord fails', () => {
  it('is posted in its thread after 2 s of 500s on channel messages', async () => {
    const question = 'What is the Blue Heart Campaign?';
    const fault = h.fake.faults.inject({ method: 'POST', path: ROUTES.channelMessages, kind: { status: 500 }, forMs: 2000, fromFirstHit: true });
    const asked = h.fake.postMessage({ author: h.newUser(), content: question, mention: true });
    const answer = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${asked.id}/messages` && r.status === 200, 20_000);
    expect(fault.hits).toBeGreaterThan(0);
    expect(answer.body.embeds[0].title).toBe(question);
  });
});

describe('every payload the bot sent in this file', () => {
  it('disabled mentions and respected Discord limits', () => {
    expect(unsafePayloads(h.fake)).toEqual([]);
  });
});

describe('the delivery rule', () => {
  const request = (method: string, fullRoute: string): InternalRequest => ({ method: method as RequestMethod, fullRoute: fullRoute as `/${string}` });
  const http = (status: number) => new HTTPError(status, 'Server Error', 'PATCH', 'http://x', { body: undefined, files: undefined });
  const api = (status: number, code: number) =>
    new DiscordAPIError({ code, message: 'refused' }, code, status, 'POST', 'http://x', { body: undefined, files: undefined });

  it('tells the routes apart', () => {
    expect(routeKind('POST', '/interactions/123/tok/callback')).toBe('ack');
    expect(routeKind('PATCH', '/webhooks/1/tok/messages/@original')).toBe('interaction');
    expect(routeKind('POST', '/webhooks/1/tok')).toBe('interaction');
    expect(routeKind('POST', '/channels/5/messages')).toBe('channel');
    expect(routeKind('POST', '/channels/5/messages/6/threads')).toBe('channel');
    expect(routeKind('POST', '/channels/5/typing')).toBe('cosmetic');
    expect(routeKind('GET', '/channels/5')).toBe('lookup');
    expect(redactRoute('/webhooks/1/secret-token/messages/@original')).toBe('/webhooks/1/:token/messages/@original');
    expect(redactRoute('/interactions/9/secret-token/callback')).toBe('/interactions/9/:token/callback');
  });

  it('retries 5xx and network errors only', () => {
    expect(isTransient(http(500))).toBe(true);
    expect(isTransient(http(503))).toBe(true);
    expect(isTransient(api(400, 50035))).toBe(false);
    expect(isTransient(api(404, 10062))).toBe(false);
    expect(isTransient(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }))).toBe(true);
    expect(isTransient(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))).toBe(true);
    expect(isTransient(new DOMException('aborted', 'AbortError'))).toBe(true);
    expect(isTransient(new TypeError('x is not a function'))).toBe(false);
  });

  it('backs off exponentially with jitter, up to a cap', () => {
    const backoff = { firstMs: 250, maxMs: 15_000 };
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((r) => backoffDelay(r, backoff, () => 0.5))).toEqual([250, 500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect(backoffDelay(0, backoff, () => 0)).toBe(200);
    expect(backoffDelay(0, backoff, () => 1)).toBe(300);
  });

  it('acknowledges within the 3 s window counted from the interaction’s creation', async () => {
    const vc = new VirtualClock();
    const delivery = new DurableDelivery({ clock: vc, random: () => 0.5 });
    const id = (BigInt(vc.now() - 1420070400000) << 22n).toString();
    let attempts = 0;
    const err = await delivery
      .send(request('POST', `/interactions/${id}/tok/callback`), async () => {
        attempts++;
        throw http(500);
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err.reason).toBe('deadline');
    expect(vc.offset).toBeLessThan(ACK_WINDOW_MS);
    // 100, 200, 400, 800, 800 ms: the sixth would land past the window.
    expect(attempts).toBe(6);
  });

  it('gives up waiting retries at shutdown with an error its handler logs', async () => {
    const delivery = new DurableDelivery();
    const pending = delivery.send(request('POST', '/channels/5/messages'), async () => {
      throw http(502);
    });
    await new Promise((r) => setTimeout(r, 20));
    delivery.abortRetries();
    const err = await pending.catch((e) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err.reason).toBe('shutdown');
    expect(err.message).toMatch(/^POST \/channels\/5\/messages: given up at shutdown after 1 attempt/);
  });

  it('makes every string of a payload valid UTF-16 without changing its length', () => {
    const body = { content: 'a\uD83Db', embeds: [{ title: '\uDE00x', fields: [{ name: '😀', value: 'ok' }] }], nonce: 5 };
    const clean = wellFormed(body);
    expect(clean).toEqual({ content: 'a\uFFFDb', embeds: [{ title: '\uFFFDx', fields: [{ name: '😀', value: 'ok' }] }], nonce: 5 });
    expect(clean.content.length).toBe(body.content.length);
  });
});
