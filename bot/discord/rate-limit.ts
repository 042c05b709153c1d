export type RateDecision =
  | { allowed: true }
  /** `warned` is true when this user was already told in the current window, so chat replies are not spammed. */
  | { allowed: false; retryAfterMs: number; warned: boolean };

const WINDOW_MS = 60_000;

/** Sliding one-minute window per user: at most `perMinute` accepted requests in any 60 s. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly warnedUntil = new Map<string, number>();
  private takes = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `perMinute`: a server's own limit, when it set one. */
  take(userId: string, perMinute = this.perMinute): RateDecision {
    const t = this.now();
    if (++this.takes % 1000 === 0) this.sweep(t);
    const recent = (this.hits.get(userId) ?? []).filter((at) => t - at < WINDOW_MS);
    if (recent.length < perMinute) {
      recent.push(t);
      this.hits.set(userId, recent);
      this.warnedUntil.delete(userId);
      return { allowed: true };
    }
    this.hits.set(userId, recent);
    const retryAfterMs = WINDOW_MS - (t - recent[0]);
    const warned = (this.warnedUntil.get(userId) ?? 0) > t;
    this.warnedUntil.set(userId, t + retryAfterMs);
    return { allowed: false, retryAfterMs, warned };
  }

  /** Forget idle users so the maps do not grow with every member who ever asked. */
  private sweep(t: number): void {
    for (const [user, times] of this.hits) {
      if (times.every((at) => t - at >= WINDOW_MS)) {
        this.hits.delete(user);
        this.warnedUntil.delete(user);
      }
    }
  }
}
