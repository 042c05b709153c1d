/**
 * The key-term line under a quote of an English answer: the names, bodies, programmes, people, numbers and
 * dates the quote mentions, with their English (`斐济 Fiji · 2016年11月 November 2016`). Chinese answers go
 * without it: their readers read the quote itself.
 */
import type { Lang, Passage } from '../../retrieval/index.js';
import { strings } from './strings.js';

/** Between one term and the next. */
export const TERM_SEPARATOR = ' · ';

/** The terms of a passage as shown, or an empty list when the answer is in Chinese or the quote has none. */
export function keyTerms(p: Passage, lang: Lang): string[] {
  return lang === 'en' ? (p.glosses ?? []).map((g) => `${g.zh} ${g.en}`) : [];
}

/** The labelled line, or null when there is nothing to show. */
export function keyTermsLine(p: Passage, lang: Lang): string | null {
  const terms = keyTerms(p, lang);
  return terms.length ? `${strings(lang).keyTerms} ${terms.join(TERM_SEPARATOR)}` : null;
}
