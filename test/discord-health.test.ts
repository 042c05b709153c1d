/**
 * HEALTH_PORT: /healthz and /metrics of a running bot (real discord.js client against the fake Discord, real
 * engine, the store's SQLite file), on 127.0.0.1: checks that turn red when the database cannot be written,
 * and counters that move with questions, REST retries, rate limits and store writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBotConfig } from '../bot/discord/config.js';
import { type Harness, startHarness } from './fake-discord/harness.js';
import { formatStoreWrites, storeWrites } from './load/store-writes.js';

let h: Harness;
let base: string;
beforeAll(async () => {
  h = await startHarness({ config: { healthPort: 0 } });
  base = /health endpoint on (http:\/\/\S+) /.exec(h.logs.join('\n'))![1]!;
});
afterAll(async () => {
  await h?.stop();
});

const metric = (text: string, name: string) => Number(new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
const metrics = async () => (await fetch(`${base}/metrics`)).text();

describe('the endpoint', () => {
  it('listens on 127.0.0.1 by default, and HEALTH_PORT is checked', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(readBotConfig({}).healthPort).toBeNull();
    expect(readBotConfig({ HEALTH_PORT: '9464' })).toMatchObject({ healthPort: 9464, healthHost: '127.0.0.1' });
    expect(() => readBotConfig({ HEALTH_PORT: '70000' })).toThrow('HEALTH_PORT must be a whole number from 0 to 65535, not "70000".');
  });

  it('/healthz: gateway connected, index loaded, the mode, the database writable', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, gateway: true, index: true, mode: 'keyword', database: { writable: true, problem: null } });
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });

  it('/healthz turns 503 while the database cannot be written, and back', async () => {
    const { db } = h.bot.context.store;
    db.pragma('query_only = ON');
    try {
      const res = await fetch(`${base}/healthz`);
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body).toMatchObject({ ok: false, gateway: true, database: { writable: false } });
      expect(body.database.problem).toMatch(/readonly/);
    } finally {
      db.pragma('query_only = OFF');
    }
    // Writable again once a real write has gone through (a probe alone may fit where a new row does not).
    await h.slash('ask', { question: '什么是蓝心运动？' }, { user: h.newUser() });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('/metrics', () => {
  it('gives npm run load the store’s write count and a p99 bound from the histogram', async () => {
    await h.slash('ask', { question: '什么是蓝心运动？' }, { user: h.newUser() });
    const text = await metrics();
    const ok = [...text.matchAll(/^unbot_store_writes_total\{kind="(?!probe)[^"]+",result="ok"\} (\S+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
    const probes = metric(text, 'unbot_store_writes_total{kind="probe",result="ok"}');
    const w = storeWrites(text);
    expect(w.writes).toBe(ok + probes);
    expect(w.p99_ms_at_most).toBeGreaterThan(0);
    expect(w.mean_ms).toBeGreaterThan(0);
    expect(formatStoreWrites(w)).toMatch(/^store writes: \d+ \(\d+ failed\), mean [\d.]+ ms, p99 ≤ [\d.]+ ms \(histogram bucket\)$/);
  });

  it('counts questions by outcome, their latency and the store’s writes', async () => {
    const before = await metrics();
    await h.slash('ask', { question: '什么是蓝心运动？' }, { user: h.newUser() });
    const after = await metrics();
    expect(metric(after, 'unbot_questions_total{via="ask"}') - metric(before, 'unbot_questions_total{via="ask"}')).toBe(1);
    expect(metric(after, 'unbot_answers_total{outcome="answered"}') - metric(before, 'unbot_answers_total{outcome="answered"}')).toBe(1);
    expect(metric(after, 'unbot_answer_latency_seconds_count') - metric(before, 'unbot_answer_latency_seconds_count')).toBe(1);
    expect(
      metric(after, 'unbot_store_writes_total{kind="question",result="ok"}') - metric(before, 'unbot_store_writes_total{kind="question",result="ok"}'),
    ).toBe(1);
    expect(metric(after, 'unbot_store_write_seconds_count{kind="question"}')).toBeGreaterThanOrEqual(1);
    expect(after).toContain('# TYPE unbot_answer_latency_seconds histogram');
  });

  it('counts REST retries from the one delivery path, and rate-limited requests', async () => {
    const before = await metrics();
    const failing = h.fake.faults.inject({ method: 'PATCH', path: /\/messages\/@original$/, kind: { status: 500 }, times: 2 });
    const limited = h.fake.faults.inject({ method: 'POST', path: /\/callback$/, kind: { status: 429, retryAfterMs: 100 }, times: 1 });
    await h.slash('ask', { question: '什么是蓝心运动？' }, { user: h.newUser() });
    failing.clear();
    limited.clear();
    const after = await metrics();
    expect(metric(after, 'unbot_rest_retries_total') - metric(before, 'unbot_rest_retries_total')).toBe(2);
    expect(metric(after, 'unbot_rest_rate_limited_total') - metric(before, 'unbot_rest_rate_limited_total')).toBeGreaterThanOrEqual(1);
  });
});
