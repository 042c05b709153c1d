import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from './percentiles.js';

export interface LoopDelay {
  /** Milliseconds a timer fired late: 0 means the loop was free, 100 means something held it for 100 ms. */
  p50: number;
  p99: number;
  max: number;
}

/** Timer period of the monitors. monitorEventLoopDelay records whole intervals, so this much is subtracted. */
const RESOLUTION_MS = 5;

type Histogram = ReturnType<typeof monitorEventLoopDelay>;

function readHistogram(h: Histogram): LoopDelay {
  if (h.count === 0) return { p50: 0, p99: 0, max: 0 };
  const late = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  return { p50: late(h.percentile(50)), p99: late(h.percentile(99)), max: late(h.max) };
}

function summarizeLateness(samples: number[]): LoopDelay {
  if (samples.length === 0) return { p50: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
}

export interface LoopDelayMonitor {
  /** Ends the current phase under `name` and starts the next. Synchronous: callable from any callback. */
  mark(name: string): void;
  /** Stops sampling; the time since the last mark becomes phase `last`. */
  stop(last: string): Promise<{ whole: LoopDelay; phases: Record<string, LoopDelay> }>;
}

/**
 * Watches event-loop delay: how late a timer due now fires because something holds the thread. A Discord
 * gateway heartbeat waits the same way. The whole span is measured with perf_hooks.monitorEventLoopDelay.
 * Phases need their own sampler: that histogram cannot be split, and after a reset() it drops the interval
 * in which the next stall happens (observed), so a timer here records when each sample was due and how
 * late it fired, and a stall counts in the phase holding most of it (its midpoint).
 */
export async function startLoopDelayMonitor(): Promise<LoopDelayMonitor> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const midpoints: number[] = [];
  const lateness: number[] = [];
  let last = performance.now();
  const sampler = setInterval(() => {
    const now = performance.now();
    const late = Math.max(0, now - last - RESOLUTION_MS);
    midpoints.push(now - late / 2);
    lateness.push(late);
    last = now;
  }, RESOLUTION_MS);
  // The histogram ignores its first interval (it has no start point yet): let it pass before any work.
  await sleep(2 * RESOLUTION_MS);

  const marks: { name: string; at: number }[] = [];
  return {
    mark(name) {
      marks.push({ name, at: performance.now() });
    },
    async stop(lastPhase) {
      // Work that ended in a long synchronous stretch has not let the late timer fire yet: give it two periods.
      await sleep(2 * RESOLUTION_MS);
      clearInterval(sampler);
      histogram.disable();
      const bounds = [...marks, { name: lastPhase, at: Infinity }];
      const phases: Record<string, LoopDelay> = {};
      let from = -Infinity;
      for (const { name, at } of bounds) {
        phases[name] = summarizeLateness(lateness.filter((_, i) => midpoints[i] >= from && midpoints[i] < at));
        from = at;
      }
      return { whole: readHistogram(histogram), phases };
    },
  };
}

/** Event-loop delay while `work` runs (errors from `work` propagate once sampling has stopped). */
export async function measureLoopDelay<T>(work: () => Promise<T>): Promise<{ value: T; delay: LoopDelay }> {
  const monitor = await startLoopDelayMonitor();
  const outcome = await work().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const { whole } = await monitor.stop('all');
  if (!outcome.ok) throw outcome.error;
  return { value: outcome.value, delay: whole };
}
