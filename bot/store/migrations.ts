/**
 * The schema, as numbered migrations: `PRAGMA user_version` is the number of the last one applied. Each runs
 * once, in one IMMEDIATE transaction with the version bump, so shards starting together apply it exactly once
 * (the second waits for the first's lock, then finds nothing left to do). Append new migrations; never edit one
 * that has shipped.
 */
import type Database from 'better-sqlite3';
import { StoreError } from './errors.js';

const MIGRATIONS: readonly string[] = [
  // 1: votes, conversations, server settings, the question log.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

  -- One row per click: the vote that holds from then on (NULL when withdrawn) and the one it replaced.
  CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    guild_id TEXT,
    message_id TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    vote TEXT CHECK (vote IN ('up', 'down')),
    previous TEXT CHECK (previous IN ('up', 'down')),
    question TEXT NOT NULL,
    citations TEXT NOT NULL
  ) STRICT;
  CREATE INDEX feedback_by_vote ON feedback (message_id, user_hash, id);
  CREATE INDEX feedback_by_user ON feedback (user_hash);
  CREATE INDEX feedback_by_time ON feedback (time);

  CREATE TABLE turns (
    id INTEGER PRIMARY KEY,
    conversation TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    time INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer TEXT
  ) STRICT;
  CREATE INDEX turns_by_conversation ON turns (conversation, id);
  CREATE INDEX turns_by_user ON turns (user_hash);
  CREATE INDEX turns_by_time ON turns (time);

  CREATE TABLE guild_settings (guild_id TEXT PRIMARY KEY, settings TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;

  CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    time INTEGER NOT NULL,
    guild_id TEXT,
    user_hash TEXT NOT NULL,
    via TEXT NOT NULL,
    lang TEXT NOT NULL,
    outcome TEXT NOT NULL,
    confidence REAL NOT NULL,
    cited TEXT NOT NULL,
    gap_terms TEXT NOT NULL,
    question TEXT NOT NULL,
    latency_ms REAL NOT NULL,
    message_id TEXT
  ) STRICT;
  CREATE INDEX questions_by_time ON questions (time);
  CREATE INDEX questions_by_guild ON questions (guild_id, time);
  CREATE INDEX questions_by_user ON questions (user_hash);
  CREATE INDEX questions_by_message ON questions (message_id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database.Database, file: string): void {
  const apply = db.transaction(() => {
    const from = schemaVersion(db);
    if (from > SCHEMA_VERSION) {
      throw new StoreError(
        file,
        'newer-schema',
        `${file} was written by a newer version of the bot (schema ${from}; this one knows up to ${SCHEMA_VERSION}). Run the newer version, or restore a backup made before it.`,
      );
    }
    for (let v = from; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]);
    if (from !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  apply.immediate();
}
