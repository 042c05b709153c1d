/**
 * Earlier turns of each conversation, so a follow-up ("and for smuggling of migrants?") is read against them
 * after a restart too. Bounded both ways: the newest `maxTurns` per conversation are kept (older ones are
 * deleted as new ones come), and turns older than `maxAgeMs` are neither read nor kept (retention deletes them).
 */
import type Database from 'better-sqlite3';
import type { Turn } from '../../retrieval/index.js';
import type { Writer } from './writer.js';

export interface ConversationLimits {
  maxTurns: number;
  maxAgeMs: number;
}

export interface Conversations {
  /** The conversation's recent turns, oldest first. */
  history(conversation: string): Turn[];
  /** Best effort: a turn that cannot be kept is counted and the conversation goes on without it. */
  add(conversation: string, userHash: string, turn: Turn): void;
}

export function conversations(db: Database.Database, writer: Writer, limits: ConversationLimits, now: () => number): Conversations {
  const recent = db.prepare('SELECT question, answer FROM turns WHERE conversation = ? AND time >= ? ORDER BY id DESC LIMIT ?');
  const insert = db.prepare('INSERT INTO turns (conversation, user_hash, time, question, answer) VALUES (?, ?, ?, ?, ?)');
  const trim = db.prepare('DELETE FROM turns WHERE conversation = ? AND id <= (SELECT id FROM turns WHERE conversation = ? ORDER BY id DESC LIMIT 1 OFFSET ?)');
  return {
    history(conversation) {
      const rows = recent.all(conversation, now() - limits.maxAgeMs, limits.maxTurns) as { question: string; answer: string | null }[];
      return rows.reverse().map((r) => (r.answer === null ? { question: r.question } : { question: r.question, answer: JSON.parse(r.answer) }));
    },
    add(conversation, userHash, turn) {
      writer.bestEffort('turn', () => {
        insert.run(conversation, userHash, now(), turn.question, turn.answer ? JSON.stringify(turn.answer) : null);
        trim.run(conversation, conversation, limits.maxTurns);
      });
    },
  };
}
