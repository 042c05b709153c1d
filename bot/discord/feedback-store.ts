import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { atomicWrite } from '../../retrieval/index.js';
import type { UnitRef } from './custom-ids.js';

export interface FeedbackCitation extends UnitRef {
  label: string;
}

export interface FeedbackInput {
  vote: 'up' | 'down';
  question: string;
  citations: FeedbackCitation[];
  userId: string;
  messageId: string;
  guildId: string | null;
}

/** One JSON line per vote. The user is kept only as a salted hash: votes can be grouped, people not identified. */
export interface FeedbackRecord extends Omit<FeedbackInput, 'userId'> {
  time: string;
  userHash: string;
}

export interface FeedbackStore {
  record(input: FeedbackInput): Promise<FeedbackRecord>;
}

/** Without a configured salt, one random salt is created once and kept beside the feedback file. */
async function loadOrCreateSalt(feedbackFile: string): Promise<string> {
  const path = `${feedbackFile}.salt`;
  try {
    const salt = (await readFile(path, 'utf8')).trim();
    if (salt) return salt;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const salt = randomBytes(32).toString('hex');
  await atomicWrite(path, `${salt}\n`);
  return salt;
}

export function hashUserId(salt: string, userId: string): string {
  return createHash('sha256').update(`${salt}:${userId}`).digest('hex');
}

export function createFeedbackStore(file: string, salt: string | null, now: () => Date = () => new Date()): FeedbackStore {
  let saltReady: Promise<string> | null = null;
  // Appends are chained so concurrent votes never interleave inside a line.
  let tail: Promise<unknown> = Promise.resolve();
  return {
    async record({ userId, ...rest }) {
      saltReady ??= (salt ? Promise.resolve(salt) : loadOrCreateSalt(file)).catch((err: unknown) => {
        saltReady = null;
        throw err;
      });
      const key = await saltReady;
      const entry: FeedbackRecord = { time: now().toISOString(), ...rest, userHash: hashUserId(key, userId) };
      const write = tail.then(async () => {
        await mkdir(dirname(file), { recursive: true });
        await appendFile(file, `${JSON.stringify(entry)}\n`, 'utf8');
      });
      tail = write.catch(() => undefined);
      await write;
      return entry;
    },
  };
}
