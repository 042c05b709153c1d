import type { LoopDelay } from '../../bench/event-loop.js';
import { type Percentiles, summarize } from '../../bench/percentiles.js';
import type { InteractionRecord } from '../fake-discord/server.js';
import { isAnswer, isFailure } from './drive-asks.js';

/** Discord's deadline for the first response to an interaction. */
export const ACK_DEADLINE_MS = 3000;

export type Latency = Percentiles & { max: number };

export interface LoadFigures {
  interactions: number;
  concurrency: number;
  duration_s: number;
  answers_per_s: number;
  acknowledged_within_3s: number;
  answered: number;
  errors: number;
  /** The first few errors, to start looking from. */
  error_samples: string[];
  /** From INTERACTION_CREATE sent on the gateway to the callback arriving, as Discord sees it. */
  ack_ms: Latency;
  /** From INTERACTION_CREATE to the edit that carries the answer. */
  answer_ms: Latency;
  /** In the bot's process during the run: how late its timers (and so its gateway heartbeats) fired. */
  event_loop_delay_ms: LoopDelay;
  targets: Array<{ target: string; value: string; met: boolean }>;
}

/** Hundredths of a millisecond are already below what a loaded 2-core machine can repeat. */
const round = (v: number) => Math.round(v * 100) / 100;

function latency(samples: number[]): Latency {
  if (samples.length === 0) return { p50: NaN, p95: NaN, p99: NaN, max: NaN };
  const { p50, p95, p99 } = summarize(samples);
  return { p50: round(p50), p95: round(p95), p99: round(p99), max: round(Math.max(...samples)) };
}

/** What went wrong with one interaction, one line per problem; empty when it was acknowledged and answered. */
function problems(record: InteractionRecord, n: number): string[] {
  const refused = record.responses.filter(isFailure).map((r) => `#${n}: ${r.method} ${r.path.replace(/\/[^/]*itoken[^/]*/, '/…')} → ${r.status}`);
  const unanswered = record.responses.some(isAnswer) ? [] : [`#${n}: no answer`];
  return [...refused, ...unanswered];
}

/** Lines the bot logged that report a failure. */
export function botErrorLines(log: string): string[] {
  return log.split('\n').filter((l) => /\b(failed|error|could not|warning)\b/i.test(l));
}

export function loadFigures(run: {
  records: InteractionRecord[];
  concurrency: number;
  durationMs: number;
  loopDelay: LoopDelay;
  botErrors: string[];
}): LoadFigures {
  const { records } = run;
  const acks = records.filter((r) => r.ack).map((r) => r.ack!.at - r.sentAt);
  const answers = records.flatMap((r) =>
    r.responses
      .filter(isAnswer)
      .slice(0, 1)
      .map((a) => a.at - r.sentAt),
  );
  const errorLines = [...records.flatMap((r, i) => problems(r, i + 1)), ...run.botErrors];
  const acknowledged = acks.filter((t) => t < ACK_DEADLINE_MS).length;
  const count = records.length;
  return {
    interactions: count,
    concurrency: run.concurrency,
    duration_s: round(run.durationMs / 1000),
    answers_per_s: round(answers.length / (run.durationMs / 1000)),
    acknowledged_within_3s: acknowledged,
    answered: answers.length,
    errors: errorLines.length,
    error_samples: errorLines.slice(0, 10),
    ack_ms: latency(acks),
    answer_ms: latency(answers),
    event_loop_delay_ms: { p50: round(run.loopDelay.p50), p99: round(run.loopDelay.p99), max: round(run.loopDelay.max) },
    targets: [
      { target: `all ${count} acknowledged within ${ACK_DEADLINE_MS / 1000} s`, value: `${acknowledged}/${count}`, met: acknowledged === count },
      { target: `all ${count} answered`, value: `${answers.length}/${count}`, met: answers.length === count },
      { target: 'no errors', value: String(errorLines.length), met: errorLines.length === 0 },
    ],
  };
}

const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;

export function formatFigures(f: LoadFigures): string {
  const row = (name: string, l: Latency) => `${name.padEnd(26)} p50 ${ms(l.p50)}   p95 ${ms(l.p95)}   p99 ${ms(l.p99)}   max ${ms(l.max)}`;
  const d = f.event_loop_delay_ms;
  return [
    `${f.interactions} /ask interactions at concurrency ${f.concurrency}: ${f.duration_s.toFixed(1)} s, ${f.answers_per_s.toFixed(1)} answers/s`,
    row('acknowledgement (defer)', f.ack_ms),
    row('answer (edit)', f.answer_ms),
    `${'bot event-loop delay'.padEnd(26)} p50 ${ms(d.p50)}   p99 ${ms(d.p99)}   max ${ms(d.max)}`,
    ...f.targets.map((t) => `${t.met ? 'ok  ' : 'FAIL'} ${t.target}: ${t.value}`),
    ...f.error_samples.map((e) => `  error: ${e}`),
  ].join('\n');
}
