/** Deleting what is kept about people: one person on request (/forget-me), and everyone's old records daily. */
import type Database from 'better-sqlite3';
import type { Writer } from './writer.js';

export interface Erased {
  questions: number;
  votes: number;
  turns: number;
}

const DAY_MS = 86_400_000;

/** Every question, vote and conversation turn of one person, in one transaction; throws StoreWriteError. */
export function forgetUser(db: Database.Database, writer: Writer, userHash: string): Erased {
  const del = (table: string) => db.prepare(`DELETE FROM ${table} WHERE user_hash = ?`);
  const [questions, votes, turns] = [del('questions'), del('feedback'), del('turns')];
  return writer.run('forget', () => ({
    questions: questions.run(userHash).changes,
    votes: votes.run(userHash).changes,
    turns: turns.run(userHash).changes,
  }));
}

export interface Retention {
  /** Questions and votes (QUESTION_LOG_DAYS). */
  questionDays: number;
  /** Conversation turns (CONVERSATION_DAYS). */
  conversationDays: number;
}

/** Deletes questions and votes older than `questionDays`, turns older than `conversationDays`. */
export function applyRetention(db: Database.Database, writer: Writer, retention: Retention, now: number): Erased {
  const questionsBefore = now - retention.questionDays * DAY_MS;
  return writer.run('retention', () => ({
    questions: db.prepare('DELETE FROM questions WHERE time < ?').run(questionsBefore).changes,
    votes: db.prepare('DELETE FROM feedback WHERE time < ?').run(new Date(questionsBefore).toISOString()).changes,
    turns: db.prepare('DELETE FROM turns WHERE time < ?').run(now - retention.conversationDays * DAY_MS).changes,
  }));
}
