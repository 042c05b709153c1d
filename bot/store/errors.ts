/** What can be wrong with the bot's database file, worded for whoever runs the bot: the file, the cause, what to do. */

export type StoreProblem = 'corrupt' | 'locked' | 'read-only' | 'newer-schema' | 'unreachable' | 'missing';

/** The store cannot be used as it is: the message names the file and what to do; nothing was changed. */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    readonly file: string,
    readonly problem: StoreProblem,
    message: string,
  ) {
    super(message);
  }
}

const code = (err: unknown) => (err as { code?: unknown }).code;
export const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A SQLite failure while opening, worded for whoever runs the bot. */
export function explainOpenFailure(file: string, err: unknown, busyTimeoutMs: number): StoreError {
  const c = String(code(err) ?? '');
  const why = messageOf(err);
  if (c === 'SQLITE_NOTADB' || c.startsWith('SQLITE_CORRUPT')) {
    return new StoreError(
      file,
      'corrupt',
      `${file} is not a readable SQLite database (${why}): it may be corrupt. Nothing was changed: restore it from a backup, or move it aside to start with an empty database.`,
    );
  }
  if (c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED')) {
    return new StoreError(
      file,
      'locked',
      `${file} stayed locked by another process for more than ${busyTimeoutMs / 1000} s (${why}). Stop the other program holding it (a second bot, an open sqlite3 shell) and start again.`,
    );
  }
  if (c.startsWith('SQLITE_READONLY') || c.startsWith('SQLITE_CANTOPEN') || c === 'SQLITE_PERM' || c === 'SQLITE_AUTH') {
    return new StoreError(
      file,
      'read-only',
      `${file} cannot be written by this process (${why}). Give the bot's user write access to the file and to its folder (SQLite writes ${file}-wal and ${file}-shm beside it).`,
    );
  }
  return new StoreError(file, 'unreachable', `${file} could not be opened: ${why}`);
}
