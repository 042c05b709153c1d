/**
 * The store's one write path: every write is an IMMEDIATE transaction (it takes the write lock before reading,
 * so a decision such as "is this a second click?" sees what other shards committed), timed, and reported to
 * the observer whether it committed or failed. A failure (full disk, read-only file, lock held too long) is
 * rethrown as a StoreWriteError: the caller decides whether the person must hear of it (a vote, a setting,
 * an erasure) or not (the question log, a conversation turn, which never hold up an answer).
 */
import type Database from 'better-sqlite3';
import { messageOf } from './errors.js';

export type WriteKind = 'feedback' | 'turn' | 'settings' | 'question' | 'forget' | 'retention' | 'import' | 'probe';

export interface StoreObserver {
  write(kind: WriteKind, seconds: number, ok: boolean): void;
}

export class StoreWriteError extends Error {
  override name = 'StoreWriteError';
  constructor(
    readonly kind: WriteKind,
    readonly cause: unknown,
  ) {
    super(`writing ${kind} failed: ${messageOf(cause)}`);
  }
}

/** Failures of best-effort writes are logged at most this often; the metrics count every one. */
const LOG_EVERY_MS = 60_000;

export class Writer {
  private lastFailure: { at: number; message: string } | null = null;
  private lastSuccessAt = 0;
  private failures = 0;
  private loggedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Database.Database,
    private readonly observer: StoreObserver,
    private readonly log: (msg: string) => void,
  ) {}

  run<T>(kind: WriteKind, work: () => T): T {
    const started = performance.now();
    try {
      const result = this.db.transaction(work).immediate();
      this.observer.write(kind, (performance.now() - started) / 1000, true);
      if (kind !== 'probe') this.lastSuccessAt = Date.now();
      return result;
    } catch (err) {
      this.observer.write(kind, (performance.now() - started) / 1000, false);
      this.failures++;
      this.lastFailure = { at: Date.now(), message: messageOf(err) };
      throw new StoreWriteError(kind, err);
    }
  }

  /** A write nobody waits for: on failure it is logged (rate-limited) and counted, and the caller carries on. */
  bestEffort(kind: WriteKind, work: () => void): boolean {
    try {
      this.run(kind, work);
      return true;
    } catch (err) {
      const now = Date.now();
      if (now - this.loggedAt >= LOG_EVERY_MS) {
        this.loggedAt = now;
        this.log(`store: ${messageOf(err)}; carrying on without it (${this.failures} failed writes so far)`);
      }
      return false;
    }
  }

  /** Writable now: a probe write commits and no real write has failed since the last one that succeeded. */
  health(): { writable: boolean; problem: string | null } {
    try {
      this.run('probe', () => this.db.prepare("UPDATE meta SET value = ? WHERE key = 'opened_at'").run(new Date().toISOString()));
    } catch (err) {
      return { writable: false, problem: messageOf((err as StoreWriteError).cause) };
    }
    const failing = this.lastFailure && this.lastFailure.at >= this.lastSuccessAt;
    return failing ? { writable: false, problem: this.lastFailure!.message } : { writable: true, problem: null };
  }
}
