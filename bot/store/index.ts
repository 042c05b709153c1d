/**
 * The bot's one embedded store: a SQLite file (DATA_DIR/bot.db) through better-sqlite3, in WAL mode with a busy
 * timeout, so every shard process opens the same file and writes to it directly (SQLite serialises the short
 * write transactions; readers never wait). It keeps the votes, the conversations, the server settings and the
 * question log; schema migrations run when it is opened. Calls are synchronous: each is a prepared statement
 * or one short transaction on a local file.
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { type Conversations, conversations } from './conversations.js';
import { openDatabase } from './database.js';
import { applyRetention, type Erased, forgetUser, type Retention } from './erase.js';
import { type FeedbackVotes, feedbackVotes } from './feedback.js';
import { importFeedbackFile } from './feedback-import.js';
import { type GuildSettingsStore, guildSettings } from './guild-settings.js';
import { type QuestionLog, questionLog } from './question-log.js';
import { type ReportData, type ReportScope, reportData } from './report-queries.js';
import { hashUserId, storedSalt } from './salt.js';
import { type StoreObserver, Writer } from './writer.js';

export type { ConversationLimits, Conversations } from './conversations.js';
export { DEFAULT_BUSY_TIMEOUT_MS } from './database.js';
export type { Erased, Retention } from './erase.js';
export { StoreError, type StoreProblem } from './errors.js';
export type { FeedbackCitation, FeedbackInput, FeedbackRecord, FeedbackVotes, Vote, VoteOutcome } from './feedback.js';
export { IMPORT_MARK, type ImportMark } from './feedback-import.js';
export { DEFAULT_SETTINGS, GUILD_SETTINGS, type GuildSettings, type GuildSettingsStore } from './guild-settings.js';
export { SCHEMA_VERSION } from './migrations.js';
export type { QuestionEntry, QuestionLog, QuestionVia } from './question-log.js';
export type { DownVoted, ReportData, ReportScope } from './report-queries.js';
export { hashUserId } from './salt.js';
export { type StoreObserver, StoreWriteError, type WriteKind } from './writer.js';

export const DATABASE_FILE = 'bot.db';

export interface StoreOptions {
  dataDir: string;
  /** The JSON Lines feedback file of earlier versions, imported once when present. */
  legacyFeedbackFile?: string | null;
  /** USER_HASH_SALT; when null the salt kept in the database is used (created on first use). */
  salt?: string | null;
  retention?: Retention;
  conversation?: { maxTurns: number; maxAgeDays: number };
  busyTimeoutMs?: number;
  /** Reading tools (npm run report): refuse a missing file instead of creating one. */
  mustExist?: boolean;
  observer?: StoreObserver;
  log?: (msg: string) => void;
  now?: () => number;
}

export interface Store {
  readonly file: string;
  /** The connection itself: tests read rows through it and cap the file (max_page_count) as a full disk would. */
  readonly db: Database.Database;
  userHash(userId: string): string;
  feedback: FeedbackVotes;
  conversations: Conversations;
  settings: GuildSettingsStore;
  questions: QuestionLog;
  report(scope: ReportScope): ReportData;
  /** /forget-me: everything kept about one person; throws StoreWriteError when it could not be erased. */
  forget(userId: string): Erased;
  /** Deletes what is older than the retention periods. */
  applyRetention(): Erased;
  health(): { writable: boolean; problem: string | null };
  close(): void;
}

export const DEFAULT_RETENTION: Retention = { questionDays: 90, conversationDays: 7 };
export const DEFAULT_CONVERSATION = { maxTurns: 10, maxAgeDays: 7 };

const DAY_MS = 86_400_000;

/** Opens the store, migrating and importing as needed; throws StoreError (naming the file) when it cannot. */
export function openStore(opts: StoreOptions): Store {
  const file = join(opts.dataDir, DATABASE_FILE);
  const log = opts.log ?? (() => {});
  const now = opts.now ?? Date.now;
  const db = openDatabase(file, opts.dataDir, { busyTimeoutMs: opts.busyTimeoutMs, mustExist: opts.mustExist });
  try {
    const writer = new Writer(db, opts.observer ?? { write() {} }, log);
    const envSalt = opts.salt ?? null;
    if (opts.legacyFeedbackFile) importFeedbackFile(db, writer, opts.legacyFeedbackFile, { envSalt, log });
    const salt = envSalt ?? storedSalt(db, writer);
    const userHash = (userId: string) => hashUserId(salt, userId);
    const limits = opts.conversation ?? DEFAULT_CONVERSATION;
    const retention = opts.retention ?? DEFAULT_RETENTION;
    return {
      file,
      db,
      userHash,
      feedback: feedbackVotes(db, writer, userHash, () => new Date(now())),
      conversations: conversations(db, writer, { maxTurns: limits.maxTurns, maxAgeMs: limits.maxAgeDays * DAY_MS }, now),
      settings: guildSettings(db, writer, log),
      questions: questionLog(db, writer),
      report: (scope) => reportData(db, scope),
      forget: (userId) => forgetUser(db, writer, userHash(userId)),
      applyRetention: () => applyRetention(db, writer, retention, now()),
      health: () => writer.health(),
      close: () => db.close(),
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
