import { InputError, LookupError } from '../../retrieval/index.js';
import type { Strings } from '../shared/strings.js';
import { escapeText } from './quote-format.js';
import { QueueFullError } from './work-queue.js';

/**
 * What to tell the user about a failed request. The engine's lookup and input problems are worded in the
 * user's language; anything else is a bug, so the user gets a generic apology and the log gets the details.
 */
export function describeFailure(err: unknown, s: Strings): { text: string; isBug: boolean } {
  // The problem may repeat what the user typed (an unknown document name): escaped like every echo.
  if (err instanceof LookupError || err instanceof InputError) return { text: escapeText(s.problem(err.problem)), isBug: false };
  if (err instanceof QueueFullError) return { text: s.busy, isBug: false };
  return { text: s.failed, isBug: true };
}
