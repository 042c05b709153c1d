/**
 * The question log and /forget-me end to end: what each answered question leaves in the store's SQLite file
 * (and what it must not), the report read from it, a full disk that costs the log entry but not the answer,
 * and a person erasing their records, also while one of their votes is being written. Real discord.js client,
 * fake Discord, real engine and seeds.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './fake-discord/harness.js';
import { buttonIds, isEphemeral, responseMessages, unsafePayloads } from './fake-discord/inspect.js';
import type { RecordedRequest } from './fake-discord/server.js';

const run = promisify(execFile);
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const rows = (sql: string, ...params: unknown[]) => h.bot.context.store.db.prepare(sql).all(...params) as any[];
const hashOf = (id: string) => h.bot.context.store.userHash(id);
/** The log entry of a mention is written after its answer is posted: wait for it rather than race it. */
async function until<T>(read: () => T, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  return read();
}
const postedIn = (channelId: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && r.status === 200;

describe('every answered question is logged', () => {
  it('with time, server, language, outcome, confidence, cited units, latency and the answer message, the user only as a hash', async () => {
    const asker = h.newUser('logged');
    const before = Date.now();
    const record = await h.slash('ask', { question: '什么是蓝心运动？' }, { user: asker });
    const answer = responseMessages(record)[0];
    const [row] = rows('SELECT * FROM questions WHERE user_hash = ?', hashOf(asker.id));
    expect(row).toMatchObject({ guild_id: h.fake.guild.id, via: 'ask', lang: 'zh', outcome: 'answered', question: '什么是蓝心运动？', message_id: answer.id });
    expect(row.time).toBeGreaterThanOrEqual(before);
    expect(row.latency_ms).toBeGreaterThan(0);
    expect(row.latency_ms).toBeLessThan(Date.now() - before + 1);
    expect(row.confidence).toBeGreaterThan(0);
    // The cited units are the answer's, in order, as many as it has 📄 buttons.
    const same = await h.engine.ask('什么是蓝心运动？');
    const cited = [...new Set(same.passages.flatMap((p) => p.citations.map((c) => c.unitKey)))];
    expect(JSON.parse(row.cited)).toEqual(cited);
    expect(cited).toHaveLength(buttonIds(answer).filter((id) => id.startsWith('cite:')).length);
    const file = h.bot.context.store.file;
    const onDisk = [file, `${file}-wal`].map((f) => (existsSync(f) ? readFileSync(f, 'latin1') : '')).join('');
    expect(onDisk).not.toContain(asker.id);
  });

  it('a mention too, and a not-found question with the words the documents lack', async () => {
    const asker = h.newUser('mentioner');
    const question = h.fake.postMessage({ author: asker, content: 'What does the Blue Heart Campaign do about Antarctica penguins?', mention: true });
    await h.fake.waitForRequest(postedIn(question.id));
    await until(
      () => rows('SELECT id FROM questions WHERE user_hash = ?', hashOf(asker.id)),
      (r) => r.length === 1,
    );
    await h.slash('ask', { question: '南极企鹅的繁殖季节是什么时候？' }, { user: asker });
    const logged = rows('SELECT via, lang, outcome, gap_terms, cited FROM questions WHERE user_hash = ? ORDER BY id', hashOf(asker.id));
    expect(logged.map((r) => r.via)).toEqual(['mention', 'ask']);
    expect(logged[0].lang).toBe('en');
    expect(logged[1]).toMatchObject({ lang: 'zh', outcome: 'not-found', cited: '[]' });
    expect(JSON.parse(logged[1].gap_terms).length).toBeGreaterThan(0);
  });

  it('on a full disk the answer is still delivered, and the lost entry is logged for the operator', async () => {
    const { db } = h.bot.context.store;
    const asker = h.newUser('full-disk');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    // Use up the free space left in the log's pages, ever smaller rows, as a disk that filled up would have.
    const filler = db.prepare(
      "INSERT INTO questions (time, user_hash, via, lang, outcome, confidence, cited, gap_terms, question, latency_ms) VALUES (0, 'filler', 'ask', 'zh', 'answered', 0, '[]', '[]', ?, 0)",
    );
    for (const size of [2000, 200, 20, 1]) {
      try {
        for (;;) filler.run('x'.repeat(size));
      } catch (err) {
        expect(String(err)).toMatch(/database or disk is full/);
      }
    }
    try {
      const record = await h.slash('ask', { question: '什么是蓝心运动？' }, { user: asker });
      expect(record.responses.find((r) => r.method === 'PATCH')?.status).toBe(200);
      expect(responseMessages(record)[0].embeds.length).toBeGreaterThan(0);
    } finally {
      db.pragma('max_page_count = 4294967294');
      db.prepare("DELETE FROM questions WHERE user_hash = 'filler'").run();
    }
    expect(rows('SELECT * FROM questions WHERE user_hash = ?', hashOf(asker.id))).toEqual([]);
    expect(h.logs.some((l) => /^store: writing question failed: database or disk is full; carrying on without it/.test(l))).toBe(true);
  });
});

describe('npm run report', () => {
  it('reports the questions, the not-found rate, the coverage gaps and latency from the database file', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bot/cli/report.ts', '--days', '1', '--guild', h.fake.guild.id], {
      env: { ...process.env, DATA_DIR: h.config.dataDir, DOTENV_CONFIG_PATH: '/nonexistent' },
    });
    const total = rows('SELECT count(*) AS n FROM questions')[0].n;
    const notFound = rows("SELECT count(*) AS n FROM questions WHERE outcome = 'not-found'")[0].n;
    expect(stdout).toContain(`Questions of the last 1 day(s) in server ${h.fake.guild.id}`);
    expect(stdout).toMatch(
      new RegExp(
        `^${total} question\\(s\\): \\d+ answered, \\d+ partial, ${notFound} not found \\(not-found rate ${((notFound / total) * 100).toFixed(1)} %\\)$`,
        'm',
      ),
    );
    expect(stdout).toMatch(/^Latency \(question to delivered answer\): p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms$/m);
    expect(stdout).toContain('Top not-found questions (coverage gaps), by key terms');
    expect(stdout).toContain('“南极企鹅的繁殖季节是什么时候？”');
  });

  it('refuses a bad flag with its usage, and a missing database naming the file', async () => {
    const bad = await run(process.execPath, ['--import', 'tsx', 'bot/cli/report.ts', '--days', 'lots']).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--days must be a whole number from 1 to 3650, not “lots”');
    const missing = await run(process.execPath, ['--import', 'tsx', 'bot/cli/report.ts'], {
      env: { ...process.env, DATA_DIR: '/nonexistent-data', DOTENV_CONFIG_PATH: '/nonexistent' },
    }).catch((e) => e);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('/nonexistent-data/bot.db does not exist: the bot has not run with this DATA_DIR yet.');
  });
});

describe('/forget-me', () => {
  it('erases the person’s questions, votes and conversation turns, only theirs, and says how many, privately', async () => {
    const [me, other] = [h.newUser('forgetful'), h.newUser('bystander')];
    const mine = responseMessages(await h.slash('ask', { question: '什么是蓝心运动？' }, { user: me }))[0];
    await h.click(mine, 'fb:up', { user: me });
    await h.click(mine, 'fb:down', { user: other });
    const question = h.fake.postMessage({ author: me, content: '什么是蓝心运动？', mention: true });
    await h.fake.waitForRequest(postedIn(question.id));
    await until(
      () => rows('SELECT id FROM questions WHERE user_hash = ?', hashOf(me.id)),
      (r) => r.length === 2,
    );
    const count = (hash: string) =>
      ['questions', 'feedback', 'turns'].map((t) => rows(`SELECT count(*) AS n FROM ${t} WHERE user_hash = ?`, hash)[0].n as number);
    const [myQuestions, myVotes, myTurns] = count(hashOf(me.id));
    expect([myQuestions, myVotes, myTurns]).toEqual([2, 1, 1]);
    const otherBefore = count(hashOf(other.id));
    const reply = responseMessages(await h.slash('forget-me', {}, { user: me, locale: 'zh-CN' }))[0];
    expect(isEphemeral(reply)).toBe(true);
    expect(reply.content).toBe('已删除机器人保存的您的记录：2 条提问、1 条评价记录和 1 轮对话。您的下一个问题将开始新的记录。');
    expect(count(hashOf(me.id))).toEqual([0, 0, 0]);
    expect(count(hashOf(other.id))).toEqual(otherBefore);
    const again = responseMessages(await h.slash('forget-me', {}, { user: me }))[0];
    expect(again.content).toBe(
      'Erased what the bot kept about you: 0 question(s), 0 vote record(s) and 0 conversation turn(s). Your next question starts a new record.',
    );
  });

  it('while a vote of theirs is being written: the vote is either erased or kept whole, never half', async () => {
    const me = h.newUser('racing');
    const answer = responseMessages(await h.slash('ask', { question: '什么是蓝心运动？' }, { user: h.newUser() }))[0];
    const click = h.fake.settled(
      h.fake.interact({ type: 3, data: { custom_id: 'fb:up', component_type: 2 }, message: answer, user: me, channel: h.fake.channelById(answer.channel_id) }),
    );
    const forget = h.slash('forget-me', {}, { user: me });
    const [clicked, forgot] = await Promise.all([click, forget]);
    const kept = rows('SELECT vote FROM feedback WHERE user_hash = ?', hashOf(me.id));
    const erased = Number(/(\d+) vote record/.exec(responseMessages(forgot)[0].content)![1]);
    // One click, one row: erased by /forget-me or kept (the click came after), and the voter was told it was recorded.
    expect(kept.length + erased).toBe(1);
    expect(kept.every((r) => r.vote === 'up')).toBe(true);
    expect(responseMessages(clicked)[0].content).toBe('Thanks, your feedback was recorded.');
  });
});

describe('every payload the bot sent in this file', () => {
  it('disabled mentions and respected Discord limits', () => {
    expect(unsafePayloads(h.fake)).toEqual([]);
  });
});
