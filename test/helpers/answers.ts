/** Reading answers in tests: flat citations with their quotes, the outcome, the plain text a user reads. */
import { answerText } from '../../bot/shared/render-answer.js';
import { strings } from '../../bot/shared/strings.js';
import { type Answer, type Citation, type DocumentMeta, InputError, LookupError, type Passage } from '../../retrieval/index.js';

/** A citation with the quote and score of the passage that carries it. */
export type QuotedCitation = Citation & { quote: string; score: number };

const flat = (passages: Passage[]): QuotedCitation[] => passages.flatMap((p) => p.citations.map((c) => ({ ...c, quote: p.quote, score: p.score })));

export const citationsOf = (a: Answer): QuotedCitation[] => flat(a.passages);
export const relatedOf = (a: Answer): QuotedCitation[] => flat(a.related);
export const isNotFound = (a: Answer): boolean => a.outcome === 'not-found';
export const textOf = (a: Answer, metas: Map<string, DocumentMeta>): string => answerText(a, (s) => metas.get(s));

/** What a failing engine call says to a user in `lang`: its problem worded by the front ends' strings. */
export function problemText(call: () => unknown, lang: 'en' | 'zh' = 'en'): string {
  try {
    call();
  } catch (err) {
    if (err instanceof LookupError || err instanceof InputError) return strings(lang).problem(err.problem);
    throw err;
  }
  throw new Error('expected the call to fail');
}
