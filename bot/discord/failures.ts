import { InputError, LookupError } from '../../retrieval/index.js';
import type { Strings } from '../shared/strings.js';
import { StoreWriteError } from '../store/index.js';
import { escapeText } from './quote-format.js';
import { QueueFullError } from './work-queue.js';

/**
 * What to tell the user about a failed request, and whether the log gets the details. The engine's lookup and
 * input problems are worded in the user's language; a write the database refused (full disk, read-only file)
 * is said to be unsaved and logged for the operator; anything else is a bug, so the user gets a generic
 * apology and the log gets the details.
 */
export function describeFailure(err: unknown, s: Strings): { text: string; logged: boolean } {
  // The problem may repeat what the user typed (an unknown document name): escaped like every echo.
  if (err instanceof LookupError || err instanceof InputError) return { text: escapeText(s.problem(err.problem)), logged: false };
  if (err instanceof QueueFullError) return { text: s.busy, logged: false };
  if (err instanceof StoreWriteError) return { text: s.notSaved, logged: true };
  return { text: s.failed, logged: true };
}
