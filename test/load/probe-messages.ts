import type { LoopDelay } from '../../bench/event-loop.js';

/** The load driver asks the bot process for its event-loop delay since the last request. */
export const LOOP_DELAY_REQUEST = { loopDelaySince: 'last request' } as const;

export interface LoopDelayReply {
  loopDelay: LoopDelay;
}

export function isLoopDelayRequest(message: unknown): boolean {
  return (message as { loopDelaySince?: unknown } | null)?.loopDelaySince === LOOP_DELAY_REQUEST.loopDelaySince;
}

export function isLoopDelayReply(message: unknown): message is LoopDelayReply {
  return typeof (message as LoopDelayReply | null)?.loopDelay?.p99 === 'number';
}
