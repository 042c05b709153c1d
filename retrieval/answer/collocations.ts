/**
 * Masks the domain's fixed phrases (the glossary's Chinese terms) that contain a query term but that the
 * question did not ask about: 人口 (population, people) inside 贩运人口 (trafficking in persons), which
 * holds most 人口 of these documents. Such a match is part of a name, not evidence about the question.
 */
import { normalizeText } from '../query/tokenize.js';
import type { CorpusStats } from '../types.js';

const MASK = '□';
/** Sets of terms whose phrases to mask are kept: an answer reads its Chinese and its English terms, and names'. */
const RECENT_QUESTIONS = 32;

export class DomainPhrases {
  /** Normalized, longest first, so a phrase inside a longer one is masked with it. */
  private readonly phrases: string[];
  /** The corpus's texts, normalized: where a term may be seen standing outside its phrases. */
  private readonly texts: string[];
  /** Terms already judged: the answer depends on the term and the corpus only, and scanning the texts is slow. */
  private readonly judged = new Map<string, string[] | null>();
  /** Phrases to mask for the last few sets of terms (see `unasked`), oldest first. */
  private readonly recent = new Map<string, string[]>();

  constructor(phrases: Iterable<string>, texts: Iterable<string> = []) {
    this.phrases = [...new Set([...phrases].map(normalizeText))].sort((a, b) => b.length - a.length);
    this.texts = [...texts].map(normalizeText);
  }

  /**
   * The fixed phrases that hold every occurrence of `term` in the corpus (毒品 is only ever in
   * 毒品和犯罪问题办公室, 武装 in 武装冲突), or null when the term also stands on its own. Judged first from
   * document frequencies (the term is in no more units than its most frequent phrase), then in the texts: 主讲 is
   * in every unit with 专题主讲人, but "由专题主讲人主讲" has it on its own too. Most frequent first.
   */
  enclosing(term: string, stats: CorpusStats): string[] | null {
    if (!this.judged.has(term)) this.judged.set(term, this.judge(term, stats));
    return this.judged.get(term)!;
  }

  private judge(term: string, stats: CorpusStats): string[] | null {
    const df = stats.df(term);
    if (df === 0) return null;
    const holders = this.phrases
      .filter((p) => p !== term && p.includes(term))
      .map((p) => ({ p, df: stats.df(p) }))
      .sort((a, b) => b.df - a.df);
    if (!holders.length || holders[0]!.df < df) return null;
    const phrases = holders.map((h) => h.p);
    const longestFirst = [...phrases].sort((a, b) => b.length - a.length);
    const outside = (text: string) => longestFirst.reduce((t, p) => t.split(p).join(MASK), text).includes(term);
    return this.texts.some((t) => t.includes(term) && outside(t)) ? null : phrases;
  }

  /**
   * `text` (normalized) with every occurrence of a fixed phrase that contains one of `terms` without being
   * asked replaced by as many □, so lengths stay as they were. `asked` is the normalized question plus its
   * terms; `which` narrows the phrases masked.
   */
  maskUnasked(text: string, terms: readonly string[], asked: string, which: (phrase: string) => boolean = () => true): string {
    let out = text;
    for (const phrase of this.unasked(terms, asked)) {
      if (!out.includes(phrase) || !which(phrase)) continue;
      out = out.split(phrase).join(MASK.repeat(phrase.length));
    }
    return out;
  }

  /**
   * The phrases a question's terms are inside of and it does not ask about, longest first. One answer masks many
   * texts with the same terms, so the last few questions' lists are kept.
   */
  private unasked(terms: readonly string[], asked: string): string[] {
    const key = `${asked}\u0000${terms.join('\u0001')}`;
    let found = this.recent.get(key);
    if (!found) {
      found = this.phrases.filter((phrase) => !asked.includes(phrase) && terms.some((t) => t !== phrase && phrase.includes(t)));
      if (this.recent.size >= RECENT_QUESTIONS) this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(key, found);
    }
    return found;
  }
}
