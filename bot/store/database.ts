/**
 * Opening the bot's SQLite file: WAL (readers never wait for the writer, so shards share the file), a busy
 * timeout (a writer waits for another's short transaction instead of failing), the schema migrated, and the
 * file checked. Whatever is wrong with the file is a StoreError naming it and saying what to do; nothing is
 * ever reset or recreated over a file that exists.
 */
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { explainOpenFailure, messageOf, StoreError } from './errors.js';
import { migrate } from './migrations.js';

/** How long a write waits for another process's transaction before it fails with "database is locked". */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

export interface OpenOptions {
  busyTimeoutMs?: number;
  /** For reading tools (npm run report): a missing file is an error instead of a new database. */
  mustExist?: boolean;
}

/** Opens (or creates) `file`, migrated to the current schema and proven writable; throws StoreError. */
export function openDatabase(file: string, folder: string, opts: OpenOptions = {}): Database.Database {
  const busyTimeoutMs = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  try {
    mkdirSync(folder, { recursive: true });
  } catch (err) {
    throw new StoreError(file, 'unreachable', `DATA_DIR ${folder} cannot be created (${messageOf(err)}): set DATA_DIR to a folder the bot may write.`);
  }
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: busyTimeoutMs, fileMustExist: opts.mustExist ?? false });
  } catch (err) {
    if (opts.mustExist && (err as { code?: unknown }).code === 'SQLITE_CANTOPEN') {
      throw new StoreError(file, 'missing', `${file} does not exist: the bot has not run with this DATA_DIR yet.`);
    }
    throw explainOpenFailure(file, err, busyTimeoutMs);
  }
  try {
    // Checked before anything is written: a damaged page must not be built upon.
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${check}`), { code: 'SQLITE_CORRUPT' });
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL loses no committed transaction on a process crash, only (rarely) the last ones on power loss.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
    // Proves the file writable and the write lock obtainable now, rather than at the first vote.
    db.prepare("INSERT INTO meta (key, value) VALUES ('opened_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(new Date().toISOString());
    return db;
  } catch (err) {
    db.close();
    throw err instanceof StoreError ? err : explainOpenFailure(file, err, busyTimeoutMs);
  }
}
