/**
 * 👍/👎 in the bot's SQLite store, on real files: one vote per person per answer, also when several processes
 * click at once; a salt that processes opening a new database together agree on; and the JSON Lines file of
 * earlier versions imported once, a last line a crash cut short included.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedbackInput, hashUserId, IMPORT_MARK, openStore, type StoreOptions } from '../bot/store/index.js';

const run = promisify(execFile);
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

/** A fresh DATA_DIR of its own for each test. */
const dataDir = (name: string) => join(dir, name);

function withStore<T>(opts: StoreOptions, use: (store: ReturnType<typeof openStore>) => T): T {
  const store = openStore(opts);
  try {
    return use(store);
  } finally {
    store.close();
  }
}

/** Processes using one DATA_DIR at the same time, as shards do; each prints one JSON line. */
async function processes(n: number, data: string, action: string, count = 0, env: NodeJS.ProcessEnv = {}) {
  const runs = Array.from({ length: n }, () =>
    run(process.execPath, ['--import', 'tsx', 'test/helpers/store-process.ts', data, action, String(count)], { env: { ...process.env, ...env } }),
  );
  return (await Promise.all(runs)).map((r) => JSON.parse(r.stdout));
}

describe('votes', () => {
  it('counts each person once per answer: a second click changes or withdraws the vote', () => {
    withStore({ dataDir: dataDir('votes'), salt: 'salt' }, (store) => {
      expect(store.feedback.record(vote('up')).outcome).toBe('recorded');
      expect(store.feedback.record(vote('up')).outcome).toBe('withdrawn');
      expect(store.feedback.record(vote('down')).outcome).toBe('recorded');
      expect(store.feedback.record(vote('up')).outcome).toBe('changed');
      expect(store.feedback.record(vote('up', 'u2')).outcome).toBe('recorded');
      expect(store.feedback.record(vote('up', 'u1', 'm2')).outcome).toBe('recorded');
      const written = store.feedback.all();
      expect(written.map((l) => [l.messageId, l.userHash === hashUserId('salt', 'u1') ? 'u1' : 'u2', l.vote, l.previous])).toEqual([
        ['m1', 'u1', 'up', null],
        ['m1', 'u1', null, 'up'],
        ['m1', 'u1', 'down', null],
        ['m1', 'u1', 'up', 'down'],
        ['m1', 'u2', 'up', null],
        ['m2', 'u1', 'up', null],
      ]);
    });
  });

  it('remembers votes across restarts, from the database file', () => {
    const opts = { dataDir: dataDir('restart'), salt: 'salt' };
    withStore(opts, (store) => store.feedback.record(vote('down')));
    expect(withStore(opts, (store) => store.feedback.record(vote('down')).outcome)).toBe('withdrawn');
  });

  it('keeps a hundred clicks of one person on one answer, from four processes at once, to one vote', async () => {
    const data = dataDir('clicks');
    const results = await processes(4, data, 'vote', 25);
    expect(new Set(results.map((r) => r.userHash)).size).toBe(1);
    withStore({ dataDir: data }, (store) => {
      const written = store.feedback.all();
      expect(written).toHaveLength(100);
      // Every click toggles, whichever process made it: an even number of them leaves no vote, and the last row says so.
      expect(written.at(-1)!.vote).toBeNull();
      expect(written.filter((l) => l.vote === 'up')).toHaveLength(50);
      // Each decision saw the one before it, in whichever process that was.
      expect(written.map((l) => l.previous)).toEqual(written.map((_, i) => (i % 2 === 0 ? null : 'up')));
    });
  });
});

describe('the feedback file of earlier versions', () => {
  const line = (r: object) => JSON.stringify({ time: '2025-01-01T00:00:00.000Z', previous: null, question: 'q', citations: [], guildId: null, ...r });

  it('is imported once, with a partial last line left by a crash skipped and said so', async () => {
    const data = dataDir('import');
    const file = join(data, 'feedback.jsonl');
    const fragment = '{"time":"2025-01-01T00:00:00.000Z","vote":"do';
    await mkdir(data, { recursive: true });
    await writeFile(file, `${line({ vote: 'up', messageId: 'm0', userHash: 'h' })}\n${fragment}`);
    const logs: string[] = [];
    const opts = { dataDir: data, legacyFeedbackFile: file, salt: 'salt', log: (m: string) => logs.push(m) };
    withStore(opts, (store) => {
      expect(store.feedback.all()).toEqual([
        { time: '2025-01-01T00:00:00.000Z', vote: 'up', previous: null, question: 'q', citations: [], messageId: 'm0', guildId: null, userHash: 'h' },
      ]);
      const mark = JSON.parse(store.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(IMPORT_MARK) as string);
      expect(mark).toMatchObject({ file, imported: 1, skipped: 1 });
      expect(mark.sha256).toMatch(/^[0-9a-f]{64}$/);
    });
    expect(logs).toEqual([
      `store: imported 1 vote(s) from ${file}; 1 incomplete or unreadable line(s) skipped. The file is no longer read; it may be deleted.`,
    ]);
    // Started again: nothing imported twice, the file untouched.
    withStore(opts, (store) => expect(store.feedback.all()).toHaveLength(1));
    expect(await readFile(file, 'utf8')).toMatch(new RegExp(`${fragment}$`));
  });

  it('keeps a last line that is complete but lacks its newline, and its salt, so old and new votes of one person are one', async () => {
    const data = dataDir('no-newline');
    const file = join(dir, 'no-newline.jsonl');
    await writeFile(`${file}.salt`, 'old-salt\n');
    await writeFile(file, line({ vote: 'down', messageId: 'm1', userHash: hashUserId('old-salt', 'u1') }));
    withStore({ dataDir: data, legacyFeedbackFile: file }, (store) => {
      // The kept line is u1's 👎 on m1: a second 👎 withdraws it.
      expect(store.feedback.record(vote('down')).outcome).toBe('withdrawn');
      expect(store.feedback.all()).toHaveLength(2);
    });
  });

  it('is imported once when several processes start on it at once', async () => {
    const data = dataDir('import-race');
    const file = join(dir, 'race.jsonl');
    await writeFile(file, [1, 2, 3].map((n) => line({ vote: 'up', messageId: `m${n}`, userHash: 'h' })).join('\n'));
    await processes(4, data, 'open', 0, { LEGACY_FEEDBACK_FILE: file });
    withStore({ dataDir: data }, (store) => expect(store.feedback.all().map((r) => r.messageId)).toEqual(['m1', 'm2', 'm3']));
  });
});

describe('the salt', () => {
  it('is created once, so processes opening a new database together agree', async () => {
    const data = dataDir('salt-race');
    const results = await processes(8, data, 'vote', 1);
    expect(new Set(results.map((r) => r.userHash)).size).toBe(1);
    withStore({ dataDir: data }, (store) => {
      const salt = store.db.prepare("SELECT value FROM meta WHERE key = 'user_salt'").pluck().get() as string;
      expect(salt).toMatch(/^[0-9a-f]{64}$/);
      expect(results[0].userHash).toBe(hashUserId(salt, 'same-user'));
      // Eight processes, one click each on the same answer: they alternate, whatever the order.
      expect(store.feedback.all().map((r) => r.vote)).toEqual(['up', null, 'up', null, 'up', null, 'up', null]);
    });
  });

  it('refuses an empty salt file of an earlier version instead of hashing with it', async () => {
    const file = join(dir, 'empty-salt.jsonl');
    await writeFile(`${file}.salt`, '\n');
    expect(() => openStore({ dataDir: dataDir('empty-salt'), legacyFeedbackFile: file })).toThrow(/empty-salt\.jsonl\.salt is empty/);
  });
});
