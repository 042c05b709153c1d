/**
 * The JSON Lines feedback file of earlier versions, imported into the database once. The import and its mark
 * (meta key `import:feedback`, with the file's SHA-256, its line count and the time) are one transaction: a
 * crash leaves either both or neither, and a second process starting at the same time finds the mark and skips.
 * The file itself is left as it was. Lines are imported as they were written, their salted hashes included; a
 * last line cut short by a crash (or any line that does not parse) is skipped and reported. The salt beside
 * the file (`FILE.salt`) becomes the database's salt, so earlier and later votes of one person still group.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { StoreError } from './errors.js';
import { type FeedbackRecord, insertFeedback, type Vote } from './feedback.js';
import { keepSalt } from './salt.js';
import type { Writer } from './writer.js';

export const IMPORT_MARK = 'import:feedback';

export interface ImportMark {
  file: string;
  sha256: string;
  imported: number;
  skipped: number;
  at: string;
}

const isVote = (v: unknown): v is Vote => v === 'up' || v === 'down';

/** The lines that are whole votes, and how many lines are not (a cut-short tail, a damaged line). */
function parseFeedbackLines(raw: string): { records: FeedbackRecord[]; skipped: number } {
  const records: FeedbackRecord[] = [];
  let skipped = 0;
  for (const line of raw.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as Partial<FeedbackRecord>;
      if (typeof r.messageId !== 'string' || typeof r.userHash !== 'string' || typeof r.time !== 'string') throw new Error('not a vote');
      records.push({
        time: r.time,
        vote: isVote(r.vote) ? r.vote : null,
        previous: isVote(r.previous) ? r.previous : null,
        question: typeof r.question === 'string' ? r.question : '',
        citations: Array.isArray(r.citations) ? r.citations : [],
        messageId: r.messageId,
        guildId: typeof r.guildId === 'string' ? r.guildId : null,
        userHash: r.userHash,
      });
    } catch {
      skipped++;
    }
  }
  return { records, skipped };
}

function readOptional(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The salt the old file's hashes were made with, when it kept one beside itself. */
function legacySalt(file: string): string | null {
  const path = `${file}.salt`;
  const raw = readOptional(path);
  if (raw === null) return null;
  const salt = raw.trim();
  if (!salt) {
    throw new StoreError(
      path,
      'corrupt',
      `${path} is empty: delete it to create a new salt (earlier votes will no longer group by person), or set USER_HASH_SALT.`,
    );
  }
  return salt;
}

export function importFeedbackFile(
  db: Database.Database,
  writer: Writer,
  file: string,
  opts: { envSalt: string | null; log: (msg: string) => void },
): ImportMark | null {
  const raw = readOptional(file);
  const salt = opts.envSalt ? null : legacySalt(file);
  if (salt) keepSalt(db, writer, salt);
  if (raw === null) return null;
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const markOf = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const done = markOf.get(IMPORT_MARK) as string | undefined;
  if (done) {
    const mark = JSON.parse(done) as ImportMark;
    if (mark.sha256 !== sha256) opts.log(`store: ${file} changed since it was imported on ${mark.at}; it is not imported again.`);
    return null;
  }
  const insert = insertFeedback(db);
  const mark = writer.run('import', () => {
    // Another process may have imported it between the look above and this transaction's lock.
    if (markOf.get(IMPORT_MARK)) return null;
    const { records, skipped } = parseFeedbackLines(raw);
    for (const r of records) insert(r);
    const made: ImportMark = { file, sha256, imported: records.length, skipped, at: new Date().toISOString() };
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(IMPORT_MARK, JSON.stringify(made));
    return made;
  });
  if (mark) {
    const skippedNote = mark.skipped ? `; ${mark.skipped} incomplete or unreadable line(s) skipped` : '';
    opts.log(`store: imported ${mark.imported} vote(s) from ${file}${skippedNote}. The file is no longer read; it may be deleted.`);
  }
  return mark;
}
