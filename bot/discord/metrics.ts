/**
 * The bot's Prometheus metrics (prom-client), one registry per bot so several bots in one process (tests) do
 * not share counters: questions by how they came, answers by outcome, answer latency, REST retries and
 * rate-limited requests (from the one delivery path), and the store's writes.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { StoreObserver } from '../store/index.js';

/** From a cached lookup to a slow answer under load. */
const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** SQLite writes on a local file take tens of microseconds to a few milliseconds; a held lock up to the busy timeout. */
const WRITE_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25, 1, 5];

export class BotMetrics {
  readonly registry = new Registry();
  readonly questions = new Counter({
    name: 'unbot_questions_total',
    help: 'Questions answered, by how they came',
    labelNames: ['via'],
    registers: [this.registry],
  });
  readonly outcomes = new Counter({ name: 'unbot_answers_total', help: 'Answers by outcome', labelNames: ['outcome'], registers: [this.registry] });
  readonly latency = new Histogram({
    name: 'unbot_answer_latency_seconds',
    help: 'From a question arriving to its answer delivered',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly restRetries = new Counter({
    name: 'unbot_rest_retries_total',
    help: 'Discord REST requests retried after a 5xx or network error',
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'unbot_rest_rate_limited_total',
    help: 'Discord REST requests held back by a rate limit (429 or bucket)',
    registers: [this.registry],
  });
  readonly storeWrites = new Counter({
    name: 'unbot_store_writes_total',
    help: 'Store write transactions, by kind and result',
    labelNames: ['kind', 'result'],
    registers: [this.registry],
  });
  readonly storeWriteSeconds = new Histogram({
    name: 'unbot_store_write_seconds',
    help: 'Store write transaction duration',
    labelNames: ['kind'],
    buckets: WRITE_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  readonly storeObserver: StoreObserver = {
    write: (kind, seconds, ok) => {
      this.storeWrites.inc({ kind, result: ok ? 'ok' : 'failed' });
      if (ok) this.storeWriteSeconds.observe({ kind }, seconds);
    },
  };

  answered(via: string, outcome: string, latencyMs: number): void {
    this.questions.inc({ via });
    this.outcomes.inc({ outcome });
    this.latency.observe(latencyMs / 1000);
  }
}
