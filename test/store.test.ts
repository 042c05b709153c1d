/**
 * The bot's database file and what can be wrong with it, on real SQLite files: each fault is a StoreError
 * naming the file, and the file is left exactly as it was (never reset); a full disk fails writes, which
 * are counted, without losing what was committed.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openStore, SCHEMA_VERSION, StoreError, StoreWriteError, type WriteKind } from '../bot/store/index.js';

const run = promisify(execFile);
let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'store-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fresh DATA_DIR and the database file in it. */
async function fresh() {
  const data = join(dir, `d${++n}`);
  await mkdir(data, { recursive: true });
  return { data, file: join(data, DATABASE_FILE) };
}

function openError(data: string, busyTimeoutMs?: number): StoreError {
  try {
    openStore({ dataDir: data, busyTimeoutMs }).close();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('the store opened');
}

describe('opening', () => {
  it('creates the database in WAL mode at the newest schema version, with a busy timeout', async () => {
    const { data, file } = await fresh();
    const store = openStore({ dataDir: data, busyTimeoutMs: 1234 });
    try {
      expect(store.file).toBe(file);
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('busy_timeout', { simple: true })).toBe(1234);
      expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const tables = store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(['feedback', 'guild_settings', 'meta', 'questions', 'turns']);
    } finally {
      store.close();
    }
  });

  it('keeps what was written when opened again (migrations run once)', async () => {
    const { data } = await fresh();
    const first = openStore({ dataDir: data, salt: 's' });
    first.feedback.record({ vote: 'up', question: 'q', citations: [], userId: 'u', messageId: 'm', guildId: null });
    first.close();
    const again = openStore({ dataDir: data, salt: 's' });
    expect(again.feedback.all()).toHaveLength(1);
    again.close();
  });

  it('refuses a file that is not a database, names it and leaves it as it was', async () => {
    const { data, file } = await fresh();
    const garbage = Buffer.from('this is not a SQLite database, but it could be someone’s data\n'.repeat(200));
    await writeFile(file, garbage);
    const err = openError(data);
    expect(err.problem).toBe('corrupt');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/Nothing was changed: restore it from a backup, or move it aside/);
    expect(await readFile(file)).toEqual(garbage);
  });

  it('refuses a database whose pages are damaged', async () => {
    const { data, file } = await fresh();
    const store = openStore({ dataDir: data, salt: 's' });
    for (let i = 0; i < 200; i++) store.questions.add(entry(i));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const bytes = await readFile(file);
    // Page 2 onwards (the first page holds the header): overwrite the middle of the file.
    bytes.fill(0x5a, 4096 * 2, 4096 * 4);
    await writeFile(file, bytes);
    const err = openError(data);
    expect(err.problem).toBe('corrupt');
    expect(err.message).toContain(file);
    expect(await readFile(file)).toEqual(bytes);
  });

  it('refuses a database written by a newer version of the bot', async () => {
    const { data, file } = await fresh();
    openStore({ dataDir: data }).close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const err = openError(data);
    expect(err.problem).toBe('newer-schema');
    expect(err.message).toBe(
      `${file} was written by a newer version of the bot (schema ${SCHEMA_VERSION + 1}; this one knows up to ${SCHEMA_VERSION}). Run the newer version, or restore a backup made before it.`,
    );
  });

  it('says which file stays locked by another program, after the busy timeout', async () => {
    const { data, file } = await fresh();
    openStore({ dataDir: data }).close();
    const holder = new Database(file);
    holder.prepare('BEGIN EXCLUSIVE').run();
    try {
      const err = openError(data, 200);
      expect(err.problem).toBe('locked');
      expect(err.message).toMatch(new RegExp(`^${literally(file)} stayed locked by another process for more than 0.2 s`));
    } finally {
      holder.prepare('ROLLBACK').run();
      holder.close();
    }
  });

  it('says a read-only database file cannot be written, in a process that may not write it', async () => {
    const { data, file } = await fresh();
    openStore({ dataDir: data }).close();
    await chmod(file, 0o444);
    await chmod(data, 0o555);
    // The other user must reach the folder to find the file read-only in it.
    await chmod(dir, 0o755);
    try {
      // root may write any file: the bot then runs as an unprivileged user, as a service would.
      const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/helpers/store-process.ts', data, 'open'], {
        ...asUser,
        env: { ...process.env, HOME: tmpdir() },
      });
      const result = JSON.parse(stdout);
      expect(result.problem).toBe('read-only');
      expect(result.message).toContain(`${file} cannot be written by this process`);
      expect(result.message).toContain("Give the bot's user write access to the file and to its folder");
    } finally {
      await chmod(dir, 0o700);
      await chmod(data, 0o755);
      await chmod(file, 0o644);
    }
  });
});

function literally(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function entry(i: number) {
  return {
    time: Date.now(),
    guildId: 'g',
    userHash: 'h',
    via: 'ask' as const,
    lang: 'zh' as const,
    outcome: 'answered' as const,
    confidence: 0.5,
    cited: [`doc:p:${i}`],
    gapTerms: [],
    question: `问题 ${i} ${'填充'.repeat(100)}`,
    latencyMs: 3,
    messageId: null,
  };
}

describe('conversations', () => {
  it('keeps the newest turns of each conversation, none older than the age limit, each conversation apart, across a restart', async () => {
    const { data } = await fresh();
    let now = Date.UTC(2026, 0, 1);
    const opts = { dataDir: data, salt: 's', conversation: { maxTurns: 3, maxAgeDays: 2 }, now: () => now };
    const store = openStore(opts);
    for (let i = 1; i <= 5; i++) store.conversations.add('thread:a', 'h1', { question: `q${i}` });
    store.conversations.add('thread:b', 'h2', { question: 'b1' });
    expect(store.conversations.history('thread:a').map((t) => t.question)).toEqual(['q3', 'q4', 'q5']);
    // Bounded on disk too, not only when read.
    expect(store.db.prepare("SELECT count(*) FROM turns WHERE conversation = 'thread:a'").pluck().get()).toBe(3);
    store.close();
    now += 86_400_000;
    const again = openStore(opts);
    again.conversations.add('thread:b', 'h2', { question: 'b2' });
    expect(again.conversations.history('thread:a').map((t) => t.question)).toEqual(['q3', 'q4', 'q5']);
    now += 86_400_000 + 1;
    expect(again.conversations.history('thread:a')).toEqual([]);
    expect(again.conversations.history('thread:b').map((t) => t.question)).toEqual(['b2']);
    again.close();
  });
});

describe('retention', () => {
  it('deletes questions and votes past QUESTION_LOG_DAYS and turns past CONVERSATION_DAYS, and nothing newer', async () => {
    const { data } = await fresh();
    const DAY = 86_400_000;
    let now = Date.UTC(2026, 0, 1);
    const store = openStore({ dataDir: data, salt: 's', retention: { questionDays: 30, conversationDays: 7 }, now: () => now });
    try {
      store.questions.add({ ...entry(1), time: now });
      store.feedback.record({ vote: 'up', question: 'q', citations: [], userId: 'u', messageId: 'm', guildId: null });
      store.conversations.add('thread:t', 'h', { question: 'old turn' });
      now += 8 * DAY;
      store.conversations.add('thread:t', 'h', { question: 'new turn' });
      expect(store.applyRetention()).toEqual({ questions: 0, votes: 0, turns: 1 });
      now += 23 * DAY;
      store.questions.add({ ...entry(2), time: now });
      expect(store.applyRetention()).toEqual({ questions: 1, votes: 1, turns: 1 });
      expect(store.db.prepare('SELECT cited FROM questions').pluck().all()).toEqual(['["doc:p:2"]']);
      expect(store.feedback.all()).toEqual([]);
    } finally {
      store.close();
    }
  });
});

describe('a full disk', () => {
  // A tmpfs cannot be mounted here: the file is capped with max_page_count instead, which makes SQLite fail
  // writes with SQLITE_FULL exactly as a full disk does, on the same code path.
  it('fails votes with a StoreWriteError, keeps best-effort writes from throwing, counts both, and loses nothing committed', async () => {
    const { data } = await fresh();
    const writes: [WriteKind, boolean][] = [];
    const store = openStore({ dataDir: data, salt: 's', observer: { write: (kind, _s, ok) => writes.push([kind, ok]) } });
    try {
      store.feedback.record({ vote: 'up', question: 'q', citations: [], userId: 'u', messageId: 'm', guildId: null });
      const pages = store.db.pragma('page_count', { simple: true }) as number;
      store.db.pragma(`max_page_count = ${pages}`);
      writes.length = 0;
      for (let i = 0; i < 50; i++) store.questions.add(entry(i));
      expect(() => store.feedback.record({ vote: 'up', question: 'q'.repeat(5000), citations: [], userId: 'u', messageId: 'm2', guildId: null })).toThrow(
        StoreWriteError,
      );
      expect(writes.filter(([, ok]) => !ok).length).toBeGreaterThan(0);
      expect(writes.some(([kind, ok]) => kind === 'feedback' && !ok)).toBe(true);
      expect(store.health()).toMatchObject({ writable: false });
      expect(store.health().problem).toMatch(/full/);
      // The vote committed before the disk filled is still there, and still counts once.
      expect(store.feedback.all()).toHaveLength(1);
    } finally {
      store.close();
    }
  });
});
