/**
 * The feedback file on real files: one vote per person per answer, a salt that concurrent processes agree on,
 * and a file a crash left with half a line still taking votes.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackStore, type FeedbackInput, hashUserId } from '../bot/discord/feedback-store.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedback-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const vote = (v: 'up' | 'down', userId = 'u1', messageId = 'm1'): FeedbackInput => ({
  vote: v,
  question: '蓝心运动是什么？',
  citations: [],
  userId,
  messageId,
  guildId: 'g1',
});

async function lines(file: string): Promise<any[]> {
  const raw = await readFile(file, 'utf8');
  expect(raw.endsWith('\n')).toBe(true);
  return raw
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('votes', () => {
  it('counts each person once per answer: a second click changes or withdraws the vote', async () => {
    const file = join(dir, 'votes.jsonl');
    const store = createFeedbackStore(file, 'salt');
    expect((await store.record(vote('up'))).outcome).toBe('recorded');
    expect((await store.record(vote('up'))).outcome).toBe('withdrawn');
    expect((await store.record(vote('down'))).outcome).toBe('recorded');
    expect((await store.record(vote('up'))).outcome).toBe('changed');
    expect((await store.record(vote('up', 'u2'))).outcome).toBe('recorded');
    expect((await store.record(vote('up', 'u1', 'm2'))).outcome).toBe('recorded');
    const written = await lines(file);
    expect(written.map((l) => [l.messageId, l.userHash === hashUserId('salt', 'u1') ? 'u1' : 'u2', l.vote, l.previous])).toEqual([
      ['m1', 'u1', 'up', null],
      ['m1', 'u1', null, 'up'],
      ['m1', 'u1', 'down', null],
      ['m1', 'u1', 'up', 'down'],
      ['m1', 'u2', 'up', null],
      ['m2', 'u1', 'up', null],
    ]);
  });

  it('remembers votes across restarts, from the file', async () => {
    const file = join(dir, 'restart.jsonl');
    await createFeedbackStore(file, 'salt').record(vote('down'));
    expect((await createFeedbackStore(file, 'salt').record(vote('down'))).outcome).toBe('withdrawn');
  });

  it('keeps a hundred clicks of one person on one answer to one vote', async () => {
    const file = join(dir, 'clicks.jsonl');
    const store = createFeedbackStore(file, 'salt');
    await Promise.all(Array.from({ length: 100 }, () => store.record(vote('up'))));
    const written = await lines(file);
    expect(written).toHaveLength(100);
    // Every click toggles: an even number of them leaves no vote, and the last line says so.
    expect(written.at(-1)!.vote).toBeNull();
    expect(written.filter((l) => l.vote === 'up')).toHaveLength(50);
  });
});

describe('a crash mid-write', () => {
  it('repairs a partial last line before appending, so every line parses', async () => {
    const file = join(dir, 'partial.jsonl');
    const whole = JSON.stringify({ time: 't', vote: 'up', previous: null, messageId: 'm0', userHash: 'h', question: 'q', citations: [], guildId: null });
    const fragment = '{"time":"2025-01-01T00:00:00.000Z","vote":"do';
    await writeFile(file, `${whole}\n${fragment}`);
    const logs: string[] = [];
    const store = createFeedbackStore(file, 'salt', { log: (m) => logs.push(m) });
    await store.record(vote('up'));
    const written = await lines(file);
    expect(written).toHaveLength(2);
    expect(written[0].messageId).toBe('m0');
    expect(written[1]).toMatchObject({ vote: 'up', messageId: 'm1' });
    expect(logs).toEqual([`${file}: removed an incomplete last line (${fragment.length} bytes) left by an interrupted write`]);
  });

  it('keeps a last line that is complete but lacks its newline', async () => {
    const file = join(dir, 'no-newline.jsonl');
    const whole = JSON.stringify({
      time: 't',
      vote: 'down',
      previous: null,
      messageId: 'm1',
      userHash: hashUserId('salt', 'u1'),
      question: 'q',
      citations: [],
      guildId: null,
    });
    await writeFile(file, whole);
    const store = createFeedbackStore(file, 'salt');
    // The kept line is u1's 👎 on m1: a second 👎 withdraws it.
    expect((await store.record(vote('down'))).outcome).toBe('withdrawn');
    expect(await lines(file)).toHaveLength(2);
  });
});

describe('the salt', () => {
  it('is created once, atomically, so stores racing to create it agree', async () => {
    const file = join(dir, 'race.jsonl');
    // Independent stores share nothing in memory, as separate processes would: only the salt file.
    const stores = Array.from({ length: 8 }, () => createFeedbackStore(file, null));
    const entries = await Promise.all(stores.map((s) => s.record(vote('up', 'same-user', 'm-race'))));
    expect(new Set(entries.map((e) => e.entry.userHash)).size).toBe(1);
    const salt = (await readFile(`${file}.salt`, 'utf8')).trim();
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    expect(entries[0].entry.userHash).toBe(hashUserId(salt, 'same-user'));
  });

  it('refuses an empty salt file instead of hashing with it', async () => {
    const file = join(dir, 'empty-salt.jsonl');
    await writeFile(`${file}.salt`, '\n');
    await expect(createFeedbackStore(file, null).record(vote('up'))).rejects.toThrow(/empty-salt\.jsonl\.salt is empty/);
  });
});
