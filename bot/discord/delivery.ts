/**
 * Durable delivery: every request the bot makes to Discord's REST API passes through `sendDurably`, installed on
 * the client's REST manager (see client.ts), so the acknowledgement, every reply, edit, follow-up, channel message
 * and thread follows one rule. A 5xx answer or a network error is retried with exponential backoff until the
 * request's deadline: the acknowledgement within Discord's 3-second window, interaction edits and follow-ups within
 * the interaction token's 15-minute life, channel messages and threads within a configurable budget. 429s are
 * waited out by discord.js as before (its own retries are turned off, so this is the only retry loop). Whatever
 * still fails is a DeliveryError, which the handlers log with the question: an answer is delivered or reported,
 * never silently dropped.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { DiscordAPIError, HTTPError, type InternalRequest, type ResponseLike, SnowflakeUtil } from 'discord.js';

/** Time as the retry loop sees it; tests substitute a virtual clock to replay a long outage in milliseconds. */
export interface Clock {
  now(): number;
  /** Rejects when `signal` aborts (shutdown). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
};

/** Discord's deadline for the first response to an interaction. */
export const ACK_WINDOW_MS = 3_000;
/** How long an interaction token accepts edits and follow-ups. */
export const TOKEN_LIFE_MS = 15 * 60_000;
/** Requests nobody waits on for long (a channel lookup, the gateway URL at login). */
const LOOKUP_BUDGET_MS = 10_000;
/** An attempt started closer than this to a deadline would reach Discord too late to count. */
const ACK_MARGIN_MS = 200;
const TOKEN_MARGIN_MS = 5_000;

export type RouteKind =
  /** POST /interactions/{id}/{token}/callback: the acknowledgement (defer, reply, update, autocomplete). */
  | 'ack'
  /** /webhooks/{application}/{token}…: edits, follow-ups and deletions of interaction responses. */
  | 'interaction'
  /** Channel messages and threads: a mention's answer. */
  | 'channel'
  /** The typing indicator: stale a few seconds later, never worth a retry. */
  | 'cosmetic'
  | 'lookup';

export interface Backoff {
  firstMs: number;
  maxMs: number;
}

/** Attempts follow each other at first, then twice as far apart each time, up to `maxMs` (each with ±20% jitter). */
const BACKOFF: Record<'ack' | 'other', Backoff> = {
  ack: { firstMs: 100, maxMs: 800 },
  other: { firstMs: 250, maxMs: 15_000 },
};

export function routeKind(method: string, route: string): RouteKind {
  if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(route)) return 'ack';
  if (route.startsWith('/webhooks/')) return 'interaction';
  if (/^\/channels\/\d+\/typing$/.test(route)) return 'cosmetic';
  if (method !== 'GET' && /^\/channels\/\d+\/(?:messages|threads)(?:\/|$)/.test(route)) return 'channel';
  return 'lookup';
}

/** The route without the interaction token in it: the token is a credential and never reaches a log. */
export function redactRoute(route: string): string {
  return route.replace(/^\/(interactions\/\d+|webhooks\/\d+)\/[^/]+/, '/$1/:token');
}

/** The delay before retry number `retry` (0 for the first retry). */
export function backoffDelay(retry: number, backoff: Backoff, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxMs, backoff.firstMs * 2 ** retry);
  return Math.round(base * (0.8 + 0.4 * random()));
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A failure that may pass if tried again: Discord's 5xx, or the network between here and Discord. */
export function isTransient(err: unknown): boolean {
  if (err instanceof HTTPError) return err.status >= 500;
  if (err instanceof DiscordAPIError) return err.status >= 500;
  if (!(err instanceof Error)) return false;
  // discord.js aborts a request after its timeout; undici's socket errors carry UND_ERR_* codes.
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return true;
  return [errorCode(err), errorCode(err.cause)].some((code) => code !== undefined && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR_')));
}

function describeError(err: unknown): string {
  if (err instanceof HTTPError || err instanceof DiscordAPIError) return `${err.status} ${err.message}`;
  if (err instanceof Error) return [err.message, errorCode(err) ?? errorCode(err.cause)].filter(Boolean).join(' ');
  return String(err);
}

/** A request Discord never accepted, after every attempt its deadline allowed (or cut short by shutdown). */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    readonly route: string,
    readonly attempts: number,
    readonly elapsedMs: number,
    readonly reason: 'deadline' | 'shutdown',
    readonly last: unknown,
  ) {
    super(
      `${route}: ${reason === 'shutdown' ? 'given up at shutdown' : 'not accepted'} after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${(elapsedMs / 1000).toFixed(1)} s (last: ${describeError(last)})`,
    );
  }
}

/** DELIVERY_BUDGET_SECONDS's default: a mention's answer gets as long as an interaction's. */
export const DEFAULT_CHANNEL_BUDGET_MS = TOKEN_LIFE_MS;

export interface DeliveryOptions {
  /** Channel messages and threads: how long to keep trying (default DEFAULT_CHANNEL_BUDGET_MS). */
  channelBudgetMs?: number;
  clock?: Clock;
  random?: () => number;
  log?: (msg: string) => void;
  /** Called for every retry, for the metrics. */
  onRetry?: () => void;
}

/** Retries of an earlier attempt that reached Discord though its answer did not reach us. */
function alreadyDone(kind: RouteKind, request: InternalRequest, err: unknown): boolean {
  if (!(err instanceof DiscordAPIError)) return false;
  // 40060 "Interaction has already been acknowledged"; a body was asked for (with_response) cannot be made up.
  if (kind === 'ack') return err.code === 40060 && request.query?.get('with_response') !== 'true';
  // 10008 "Unknown Message": what was to be deleted is gone.
  return request.method === 'DELETE' && err.code === 10008;
}

/**
 * The retry loop around discord.js's REST queue. One instance per client: it remembers when each interaction
 * arrived (from its acknowledgement) to know when the interaction's token expires.
 */
export class DurableDelivery {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly log: (msg: string) => void;
  private readonly onRetry: () => void;
  private readonly aborter = new AbortController();
  /** Interaction token → when the interaction was created, oldest first; expired tokens are dropped as new ones come. */
  private readonly tokens = new Map<string, number>();

  private readonly channelBudgetMs: number;

  constructor(options: DeliveryOptions = {}) {
    this.channelBudgetMs = options.channelBudgetMs ?? DEFAULT_CHANNEL_BUDGET_MS;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => {});
    this.onRetry = options.onRetry ?? (() => {});
  }

  /** Stops every waiting retry: each rejects with a DeliveryError (reason "shutdown") that its handler logs. */
  abortRetries(): void {
    this.aborter.abort();
  }

  async send(request: InternalRequest, attempt: (request: InternalRequest) => Promise<ResponseLike>): Promise<ResponseLike> {
    const kind = routeKind(request.method, request.fullRoute);
    const started = this.clock.now();
    const deadline = this.deadline(kind, request.fullRoute, started);
    const backoff = kind === 'ack' ? BACKOFF.ack : BACKOFF.other;
    const route = `${request.method} ${redactRoute(request.fullRoute)}`;
    for (let tries = 1; ; tries++) {
      try {
        const response = await attempt(request);
        if (tries > 1) this.log(`${route}: delivered on attempt ${tries}, ${((this.clock.now() - started) / 1000).toFixed(1)} s after the first`);
        return response;
      } catch (err) {
        if (tries > 1 && alreadyDone(kind, request, err)) return new Response(null, { status: 204 }) as ResponseLike;
        if (!isTransient(err)) throw err;
        const wait = backoffDelay(tries - 1, backoff, this.random);
        const elapsed = () => this.clock.now() - started;
        if (this.clock.now() + wait > deadline) throw new DeliveryError(route, tries, elapsed(), 'deadline', err);
        if (tries === 1) this.log(`${route}: ${describeError(err)}; retrying for up to ${Math.round((deadline - this.clock.now()) / 1000)} s`);
        this.onRetry();
        try {
          await this.clock.sleep(wait, this.aborter.signal);
        } catch {
          throw new DeliveryError(route, tries, elapsed(), 'shutdown', err);
        }
      }
    }
  }

  private deadline(kind: RouteKind, route: string, now: number): number {
    switch (kind) {
      case 'ack': {
        const [, id, token] = /^\/interactions\/(\d+)\/([^/]+)/.exec(route)!;
        const created = Math.min(now, SnowflakeUtil.timestampFrom(id));
        this.remember(token, created, now);
        return created + ACK_WINDOW_MS - ACK_MARGIN_MS;
      }
      case 'interaction': {
        const token = route.split('/')[3];
        return (this.tokens.get(token) ?? now) + TOKEN_LIFE_MS - TOKEN_MARGIN_MS;
      }
      case 'channel':
        return now + this.channelBudgetMs;
      case 'cosmetic':
        return now;
      case 'lookup':
        return now + LOOKUP_BUDGET_MS;
    }
  }

  private remember(token: string, created: number, now: number): void {
    this.tokens.delete(token);
    this.tokens.set(token, created);
    for (const [old, at] of this.tokens) {
      if (now - at < TOKEN_LIFE_MS) break;
      this.tokens.delete(old);
    }
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Every string in a JSON body as valid UTF-16, a lone surrogate (half of a character, e.g. pasted from a broken
 * source) replaced by U+FFFD: Discord refuses the whole message with a 400 otherwise. Lengths do not change.
 */
export function wellFormed<T>(value: T): T {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(wellFormed) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wellFormed(v)])) as T;
  }
  return value;
}
