/**
 * Every question answered, for the operators' report: when, where, in which language, what came of it, how
 * sure the engine was, which units it cited, the words the documents lack, how long the answer took and which
 * message carried it (votes on that message are the question's votes). The asker is only a salted hash.
 */
import type Database from 'better-sqlite3';
import type { AnswerOutcome, Lang } from '../../retrieval/index.js';
import type { Writer } from './writer.js';

export type QuestionVia = 'ask' | 'mention';

export interface QuestionEntry {
  time: number;
  guildId: string | null;
  userHash: string;
  via: QuestionVia;
  lang: Lang;
  outcome: AnswerOutcome;
  confidence: number;
  /** Unit keys of the cited units, best first. */
  cited: string[];
  /** Words of the question the documents never mention or that matched nothing (the `not-mentioned` and `not-matched` notes). */
  gapTerms: string[];
  question: string;
  latencyMs: number;
  /** The message that carries the answer, when Discord accepted it. */
  messageId: string | null;
}

export interface QuestionLog {
  /** Best effort: a question that cannot be logged is counted, and the answer is not held up. */
  add(entry: QuestionEntry): void;
}

export function questionLog(db: Database.Database, writer: Writer): QuestionLog {
  const insert = db.prepare(
    `INSERT INTO questions (time, guild_id, user_hash, via, lang, outcome, confidence, cited, gap_terms, question, latency_ms, message_id)
     VALUES (@time, @guildId, @userHash, @via, @lang, @outcome, @confidence, @cited, @gapTerms, @question, @latencyMs, @messageId)`,
  );
  return {
    add(entry) {
      writer.bestEffort('question', () => insert.run({ ...entry, cited: JSON.stringify(entry.cited), gapTerms: JSON.stringify(entry.gapTerms) }));
    },
  };
}
