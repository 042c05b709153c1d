import { InputError, LookupError } from '../../retrieval/engine-api.js';
import type { Strings } from './strings.js';
import { QueueFullError } from './work-queue.js';

/**
 * What to tell the user about a failed request. The engine's LookupError/InputError messages are written for
 * users and shown as they are; anything else is a bug, so the user gets a generic apology and the log gets
 * the details.
 */
export function describeFailure(err: unknown, s: Strings): { text: string; isBug: boolean } {
  if (err instanceof LookupError || err instanceof InputError) return { text: err.message, isBug: false };
  if (err instanceof QueueFullError) return { text: s.busy, isBug: false };
  return { text: s.failed, isBug: true };
}

export function errorDetails(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
