/**
 * Masks the domain's fixed phrases (the glossary's Chinese terms) that contain a query term but that the
 * question did not ask about: 人口 (population, people) inside 贩运人口 (trafficking in persons), which
 * holds most 人口 of these documents. Such a match is part of a name, not evidence about the question.
 */
import { normalizeText } from '../query/tokenize.js';
import type { CorpusStats } from '../types.js';

const MASK = '□';

export class DomainPhrases {
  /** Normalized, longest first, so a phrase inside a longer one is masked with it. */
  private readonly phrases: string[];

  constructor(phrases: Iterable<string>) {
    this.phrases = [...new Set([...phrases].map(normalizeText))].sort((a, b) => b.length - a.length);
  }

  /**
   * `text` (normalized) with every occurrence of a fixed phrase that contains one of `terms` without being
   * asked replaced by as many □, so lengths stay as they were. `asked` is the normalized question plus its
   * terms.
   */
  /**
   * The fixed phrases that hold every occurrence of `term` in the corpus (毒品 is only ever in
   * 毒品和犯罪问题办公室, 武装 in 武装冲突), or null when the term also stands on its own. Judged from document
   * frequencies: the term is in no more units than its most frequent phrase. Most frequent first.
   */
  enclosing(term: string, stats: CorpusStats): string[] | null {
    const df = stats.df(term);
    if (df === 0) return null;
    const holders = this.phrases
      .filter((p) => p !== term && p.includes(term))
      .map((p) => ({ p, df: stats.df(p) }))
      .sort((a, b) => b.df - a.df);
    return holders.length && holders[0]!.df >= df ? holders.map((h) => h.p) : null;
  }

  maskUnasked(text: string, terms: readonly string[], asked: string): string {
    let out = text;
    for (const phrase of this.phrases) {
      if (asked.includes(phrase) || !terms.some((t) => t !== phrase && phrase.includes(t))) continue;
      out = out.split(phrase).join(MASK.repeat(phrase.length));
    }
    return out;
  }
}
