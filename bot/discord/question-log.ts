/**
 * What the question log keeps of an answered question: read from the answer as data (outcome, confidence, the
 * cited units, the words the documents lack), the asker only as the store's salted hash, and the time from
 * the question's arrival to the answer's delivery.
 */
import type { Answer } from '../../retrieval/index.js';
import type { QuestionEntry, QuestionVia } from '../store/index.js';
import type { BotContext } from './context.js';

export interface AskedQuestion {
  via: QuestionVia;
  question: string;
  guildId: string | null;
  userId: string;
  /** `Date.now()` when the question arrived. */
  receivedAt: number;
}

export function questionEntry(asked: AskedQuestion, answer: Answer, userHash: string, messageId: string | null, now: number): QuestionEntry {
  const quoted = answer.outcome === 'not-found' ? [] : answer.passages;
  return {
    time: asked.receivedAt,
    guildId: asked.guildId,
    userHash,
    via: asked.via,
    lang: answer.lang,
    outcome: answer.outcome,
    confidence: answer.confidence,
    cited: [...new Set(quoted.flatMap((p) => p.citations.map((c) => c.unitKey)))],
    gapTerms: answer.notes.flatMap((n) => (n.code === 'not-mentioned' || n.code === 'not-matched' ? n.terms : [])),
    question: asked.question,
    latencyMs: now - asked.receivedAt,
    messageId,
  };
}

/** Best effort: a full disk costs the log entry (counted by the store), never the answer already delivered. */
export function logQuestion(ctx: BotContext, asked: AskedQuestion, answer: Answer, messageId: string | null): void {
  const entry = questionEntry(asked, answer, ctx.store.userHash(asked.userId), messageId, Date.now());
  ctx.metrics.answered(entry.via, entry.outcome, entry.latencyMs);
  ctx.store.questions.add(entry);
}
