/**
 * People are kept only as a salted SHA-256 of their Discord id. The salt is USER_HASH_SALT when set; otherwise
 * one created once and kept in the database. It is created with INSERT … ON CONFLICT DO NOTHING and then read
 * back, so processes starting together all read the one that was committed first.
 */
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Writer } from './writer.js';

const SALT_KEY = 'user_salt';

export function hashUserId(salt: string, userId: string): string {
  return createHash('sha256').update(`${salt}:${userId}`).digest('hex');
}

/** Keeps `candidate` as the salt unless one is kept already; returns the salt kept. */
export function keepSalt(db: Database.Database, writer: Writer, candidate: string): string {
  writer.run('import', () => db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(SALT_KEY, candidate));
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(SALT_KEY) as { value: string }).value;
}

export function storedSalt(db: Database.Database, writer: Writer): string {
  const kept = db.prepare('SELECT value FROM meta WHERE key = ?').get(SALT_KEY) as { value: string } | undefined;
  return kept?.value ?? keepSalt(db, writer, randomBytes(32).toString('hex'));
}
