/**
 * Fault injection for the fake Discord: a route answers 5xx or 429 for a while, drops the connection without an
 * answer, or applies a request and then answers 500 (so the caller cannot tell whether it took effect). Faults
 * last a duration on a clock (real time by default; the delivery tests share a virtual clock with the bot) or a
 * number of requests.
 */

export type FaultKind =
  /** Answer with this status (a 5xx, or 429 with `retryAfterMs`). */
  | { status: number; retryAfterMs?: number }
  /** Close the socket without an answer: the client sees a network error. */
  | { reset: true }
  /** Do what was asked, then answer 500 as if it had failed. */
  | { appliedThen: number };

export interface FaultSpec {
  method?: string;
  /** Matched against the decoded path after `/api/v10`, e.g. `/webhooks/…/messages/@original`. */
  path: RegExp;
  kind: FaultKind;
  /** How long the fault lasts on the fault's clock; without it (and without `times`) until cleared. */
  forMs?: number;
  /** Count `forMs` from the first request it answers rather than from now: an outage the bot surely runs into. */
  fromFirstHit?: boolean;
  /** How many matching requests it hits before it ends. */
  times?: number;
  clock?: { now(): number };
}

export class Fault {
  /** Requests this fault answered. */
  hits = 0;
  private until: number;
  private cleared = false;

  constructor(readonly spec: FaultSpec) {
    this.until = spec.forMs === undefined || spec.fromFirstHit ? Number.POSITIVE_INFINITY : this.now() + spec.forMs;
  }

  /** Counts a request it answers. */
  hit(): void {
    if (this.hits++ === 0 && this.spec.fromFirstHit && this.spec.forMs !== undefined) this.until = this.now() + this.spec.forMs;
  }

  private now(): number {
    return (this.spec.clock ?? Date).now();
  }

  get active(): boolean {
    return !this.cleared && this.now() < this.until && (this.spec.times === undefined || this.hits < this.spec.times);
  }

  matches(method: string, path: string): boolean {
    return this.active && (this.spec.method === undefined || this.spec.method === method) && this.spec.path.test(path);
  }

  clear(): void {
    this.cleared = true;
  }
}

/** The faults injected into one fake, checked in order for each request. */
export class Faults {
  private readonly list: Fault[] = [];

  inject(spec: FaultSpec): Fault {
    const fault = new Fault(spec);
    this.list.push(fault);
    return fault;
  }

  /** The fault that answers this request, counted as hit; null when the request goes through. */
  take(method: string, path: string): Fault | null {
    const fault = this.list.find((f) => f.matches(method, path)) ?? null;
    fault?.hit();
    return fault;
  }

  clear(): void {
    for (const f of this.list) f.clear();
    this.list.length = 0;
  }
}

/** Route patterns the tests fault most. */
export const ROUTES = {
  callback: /^\/interactions\/\d+\/[^/]+\/callback$/,
  webhookEdit: /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/,
  followUp: /^\/webhooks\/\d+\/[^/]+$/,
  webhooks: /^\/webhooks\//,
  channelMessages: /^\/channels\/\d+\/messages$/,
  threads: /^\/channels\/\d+\/messages\/\d+\/threads$/,
} as const;
