/**
 * The bot's REST budgets, against the fake Discord with the real discord.js client: interaction webhooks (the
 * answer's edit and follow-ups) are not held to the global 50 requests/s, as on Discord; every other route is.
 */
import { once } from 'node:events';
import { type Client, Events, type RateLimitData, RESTEvents, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordClient } from '../../bot/discord/client.js';
import { isInteractionWebhook } from '../../bot/discord/interaction-rest.js';
import { snowflake } from '../fake-discord/payloads.js';
import { FakeDiscord } from '../fake-discord/server.js';

/** More requests at once than one second of the global budget allows. */
const BURST = 60;

describe('which requests are interaction webhooks', () => {
  const edit = { fullRoute: '/webhooks/111/tok/messages/@original', auth: false } as const;
  it("takes the bot's own application webhooks without a bot token, nothing else", () => {
    expect(isInteractionWebhook(edit, '111')).toBe(true);
    expect(isInteractionWebhook({ ...edit, fullRoute: '/webhooks/111/tok' }, '111')).toBe(true);
    expect(isInteractionWebhook(edit, '222')).toBe(false);
    expect(isInteractionWebhook(edit, null)).toBe(false);
    expect(isInteractionWebhook({ ...edit, auth: true }, '111')).toBe(false);
    expect(isInteractionWebhook({ fullRoute: '/channels/111/messages', auth: false }, '111')).toBe(false);
  });
});

describe("REST budgets of the bot's client", () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    client = createDiscordClient({ apiBase: fake.apiBase });
    const ready = once(client, Events.ClientReady);
    await client.login(fake.token);
    await ready;
  });
  afterAll(async () => {
    await client?.destroy();
    await fake?.close();
  });

  /** How often the burst had to wait for the global limit; each request goes to its own route, so none waits for another. */
  async function globalWaits(send: (i: number) => Promise<unknown>): Promise<number> {
    let waits = 0;
    const onLimit = (info: RateLimitData) => void (info.global && waits++);
    client.rest.on(RESTEvents.RateLimited, onLimit);
    try {
      await Promise.allSettled(Array.from({ length: BURST }, (_, i) => send(i)));
    } finally {
      client.rest.off(RESTEvents.RateLimited, onLimit);
    }
    return waits;
  }

  it(`sends ${BURST} interaction response edits at once, without waiting for the global limit`, async () => {
    const before = fake.requests.length;
    const waits = await globalWaits((i) =>
      client.rest.patch(Routes.webhookMessage(fake.applicationId, `interaction-token-${i}`, '@original'), { auth: false, body: { content: 'answer' } }),
    );
    expect(waits).toBe(0);
    expect(fake.requests.slice(before).filter((r) => r.method === 'PATCH')).toHaveLength(BURST);
  });

  it(`holds ${BURST} channel requests at once to the global limit`, async () => {
    expect(await globalWaits(() => client.rest.post(Routes.channelTyping(snowflake())))).toBeGreaterThan(0);
  });
});
