/** Reading answers in tests: flat citations with their quotes, the outcome, the plain text a user reads. */
import { answerText } from '../../bot/shared/render-answer.js';
import { strings } from '../../bot/shared/strings.js';
import { type Answer, type DocumentMeta, InputError, LookupError, type Passage } from '../../retrieval/index.js';

export interface QuotedCitation {
  unitKey: string;
  source: string;
  paragraph: number | null;
  recommendation: number | null;
  label: string;
  url: string | null;
  status: 'draft' | 'final';
  quote: string;
  score: number;
}

const flat = (passages: Passage[]): QuotedCitation[] =>
  passages.flatMap((p) =>
    p.citations.map((c) => ({
      unitKey: c.unitKey,
      source: c.source,
      paragraph: c.paragraph,
      recommendation: c.recommendation,
      label: c.label,
      url: c.url,
      status: c.status,
      quote: p.quote,
      score: p.score,
    })),
  );

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
