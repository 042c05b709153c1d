/**
 * Preloaded into the bot's process by the load script (`node --import tsx --import ./test/load/loop-delay-probe.ts
 * bot/main.ts`): samples that process's event-loop delay and hands it over the IPC channel, so the figure is
 * the bot's own, not the load driver's or the fake Discord's.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isLoopDelayRequest, type LoopDelayReply } from './probe-messages.js';

/** Node records the whole timer interval, so this much is subtracted to get how late the timer fired. */
const RESOLUTION_MS = 10;

const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
histogram.enable();
const lateness = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);

process.on('message', (message) => {
  if (!isLoopDelayRequest(message)) return;
  const reply: LoopDelayReply = {
    loopDelay:
      histogram.count === 0
        ? { p50: 0, p99: 0, max: 0 }
        : { p50: lateness(histogram.percentile(50)), p99: lateness(histogram.percentile(99)), max: lateness(histogram.max) },
  };
  // Each answer covers the time since the previous request.
  histogram.reset();
  process.send?.(reply);
});
// The probe must not keep the bot alive once it wants to exit.
process.channel?.unref();
