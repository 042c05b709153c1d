/**
 * 👍/👎, one row per click, with the guarantees the JSON Lines file had:
 * - each person counts once per answer: a second click on the same vote withdraws it, on the other vote changes
 *   it, and each row records the vote that now holds (`vote`, NULL when withdrawn) and the one it replaced. The
 *   decision and the row are one IMMEDIATE transaction, so clicks racing in two processes are decided in turn;
 * - people are kept only as a salted hash of their id (salt.ts);
 * - a click either commits whole or leaves nothing (SQLite's atomic commit), so a crash never leaves half a vote.
 * A person's current vote on an answer is the newest row with that message id and user hash.
 */
import type Database from 'better-sqlite3';
import type { Lang } from '../../retrieval/index.js';
import type { Writer } from './writer.js';

export type Vote = 'up' | 'down';

/** The unit an answer cites, as the answer's 📄 button names it. */
export interface FeedbackCitation {
  source: string;
  kind: 'paragraph' | 'recommendation' | 'summary';
  paragraph: number | null;
  recommendation: number | null;
  /** The language version cited; absent: the document's first. */
  lang?: Lang;
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

/** One row, as the JSON Lines file had it. */
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

export interface FeedbackVotes {
  /** Throws StoreWriteError when the vote could not be kept (the person is told). */
  record(input: FeedbackInput): { outcome: VoteOutcome; entry: FeedbackRecord };
  /** Every row, oldest first (for tests and exports). */
  all(): FeedbackRecord[];
}

interface Row {
  time: string;
  guild_id: string | null;
  message_id: string;
  user_hash: string;
  vote: Vote | null;
  previous: Vote | null;
  question: string;
  citations: string;
}

export function insertFeedback(db: Database.Database) {
  const insert = db.prepare(
    'INSERT INTO feedback (time, guild_id, message_id, user_hash, vote, previous, question, citations) VALUES (@time, @guildId, @messageId, @userHash, @vote, @previous, @question, @citations)',
  );
  return (r: FeedbackRecord) => insert.run({ ...r, citations: JSON.stringify(r.citations) });
}

export function feedbackVotes(db: Database.Database, writer: Writer, hash: (userId: string) => string, now: () => Date): FeedbackVotes {
  const current = db.prepare('SELECT vote FROM feedback WHERE message_id = ? AND user_hash = ? ORDER BY id DESC LIMIT 1').pluck();
  const insert = insertFeedback(db);
  const all = db.prepare('SELECT * FROM feedback ORDER BY id');
  return {
    record({ userId, vote, ...rest }) {
      const userHash = hash(userId);
      return writer.run('feedback', () => {
        const previous = (current.get(rest.messageId, userHash) as Vote | null | undefined) ?? null;
        const next = previous === vote ? null : vote;
        const entry: FeedbackRecord = { time: now().toISOString(), vote: next, previous, ...rest, userHash };
        insert(entry);
        const outcome: VoteOutcome = next === null ? 'withdrawn' : previous === null ? 'recorded' : 'changed';
        return { outcome, entry };
      });
    },
    all: () =>
      (all.all() as Row[]).map((r) => ({
        time: r.time,
        vote: r.vote,
        previous: r.previous,
        question: r.question,
        citations: JSON.parse(r.citations) as FeedbackCitation[],
        messageId: r.message_id,
        guildId: r.guild_id,
        userHash: r.user_hash,
      })),
  };
}
