/**
 * 👍/👎 feedback, one JSON line per click, in one module so its guarantees move with it when storage changes:
 * - each person counts once per answer: a second click on the same vote withdraws it, on the other vote changes
 *   it, and each line records the vote that now holds (`vote`, null when withdrawn) and the one it replaced;
 * - people are kept only as a salted SHA-256 of their id, and a salt created here is created atomically (linked
 *   into place complete, or not at all), so processes voting for the first time at once agree on one salt;
 * - a last line cut short by a crash is removed before the next append, so every line of the file parses.
 * A person's current vote on an answer is the last line with that `messageId` and `userHash`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { appendFile, link, mkdir, open, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { UnitRef } from './custom-ids.js';

export type Vote = 'up' | 'down';

export interface FeedbackCitation extends UnitRef {
  label: string;
}

export interface FeedbackInput {
  vote: Vote;
  question: string;
  citations: FeedbackCitation[];
  userId: string;
  messageId: string;
  guildId: string | null;
}

/** One line of the file. */
export interface FeedbackRecord extends Omit<FeedbackInput, 'userId' | 'vote'> {
  time: string;
  /** The person's vote on this answer from now on; null when the click withdrew it. */
  vote: Vote | null;
  /** Their vote before this click, if any. */
  previous: Vote | null;
  userHash: string;
}

/** What a click did: a first vote, a changed one, or a withdrawn one (the same button again). */
export type VoteOutcome = 'recorded' | 'changed' | 'withdrawn';

export interface FeedbackStore {
  record(input: FeedbackInput): Promise<{ outcome: VoteOutcome; entry: FeedbackRecord }>;
}

export function hashUserId(salt: string, userId: string): string {
  return createHash('sha256').update(`${salt}:${userId}`).digest('hex');
}

const isEnoent = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * The salt kept beside the feedback file, created on first use. The new salt is written to a file of its own
 * and hard-linked to the salt's name, which fails if the name exists: a reader never sees a half-written salt,
 * and of several processes creating it at once, one wins and the others read the winner's.
 */
async function loadOrCreateSalt(feedbackFile: string): Promise<string> {
  const path = `${feedbackFile}.salt`;
  const read = async () => {
    const salt = (await readFile(path, 'utf8')).trim();
    if (!salt) throw new Error(`${path} is empty: delete it to create a new salt (earlier votes will no longer group by person), or set FEEDBACK_SALT.`);
    return salt;
  };
  try {
    return await read();
  } catch (err) {
    if (!isEnoent(err)) throw err;
  }
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx' });
    await link(tmp, path).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  } finally {
    await rm(tmp, { force: true });
  }
  return read();
}

/** Whether the file ends inside a line (a write cut short), checked from its last byte. */
async function endsMidLine(file: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if (isEnoent(err)) return false;
    throw err;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}

/**
 * Ends the file on a line boundary: a last line that parses only lacked its newline and keeps it; one that does
 * not is what an interrupted write left, and is cut off (and said so), as the vote it began was never confirmed.
 */
async function repairTail(file: string, log: (msg: string) => void): Promise<void> {
  if (!(await endsMidLine(file))) return;
  const raw = await readFile(file);
  const cut = raw.lastIndexOf(0x0a) + 1;
  const tail = raw.subarray(cut).toString('utf8');
  try {
    JSON.parse(tail);
    await appendFile(file, '\n');
  } catch {
    await truncate(file, cut);
    log(`${file}: removed an incomplete last line (${raw.length - cut} bytes) left by an interrupted write`);
  }
}

/** Each person's current vote per answer, from the file's lines (unreadable lines are skipped). */
function currentVotes(raw: string): Map<string, Vote> {
  const votes = new Map<string, Vote>();
  for (const line of raw.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as Partial<FeedbackRecord>;
      if (typeof r.messageId !== 'string' || typeof r.userHash !== 'string') continue;
      const key = `${r.messageId}:${r.userHash}`;
      if (r.vote === 'up' || r.vote === 'down') votes.set(key, r.vote);
      else votes.delete(key);
    } catch {
      // A line damaged some other way than a cut-short tail: it counts for nothing, the rest still does.
    }
  }
  return votes;
}

export interface FeedbackStoreOptions {
  now?: () => Date;
  log?: (msg: string) => void;
}

/**
 * The votes of a shard's guilds go through one process (Discord sends a guild to one shard), so the current votes
 * are read from the file once and kept up to date here; clicks are handled one at a time.
 */
export function createFeedbackStore(file: string, salt: string | null, opts: FeedbackStoreOptions = {}): FeedbackStore {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => {});
  let ready: Promise<{ key: string; votes: Map<string, Vote> }> | null = null;
  const load = async () => {
    const key = salt ?? (await loadOrCreateSalt(file));
    await repairTail(file, log);
    const raw = await readFile(file, 'utf8').catch((err: unknown) => (isEnoent(err) ? '' : Promise.reject(err)));
    return { key, votes: currentVotes(raw) };
  };
  let tail: Promise<unknown> = Promise.resolve();

  async function record({ userId, vote, ...rest }: FeedbackInput) {
    ready ??= load().catch((err: unknown) => {
      ready = null;
      throw err;
    });
    const { key, votes } = await ready;
    const userHash = hashUserId(key, userId);
    const id = `${rest.messageId}:${userHash}`;
    const previous = votes.get(id) ?? null;
    const next = previous === vote ? null : vote;
    const entry: FeedbackRecord = { time: now().toISOString(), vote: next, previous, ...rest, userHash };
    await mkdir(dirname(file), { recursive: true });
    await repairTail(file, log);
    await appendFile(file, `${JSON.stringify(entry)}\n`, 'utf8');
    if (next) votes.set(id, next);
    else votes.delete(id);
    const outcome: VoteOutcome = next === null ? 'withdrawn' : previous === null ? 'recorded' : 'changed';
    return { outcome, entry };
  }

  return {
    record(input) {
      // One click at a time: each decision reads the votes the click before it left.
      const result = tail.then(() => record(input));
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
