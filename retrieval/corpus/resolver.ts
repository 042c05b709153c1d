/**
 * Documents named as people name them: not only by stem, symbol or exact title, but "the smuggling of
 * migrants report", "偷运移民报告", "UN.GIFT", "the 2006/27 report", "the Working Group report". A reference's
 * words are looked for in each document's name profile (symbol, titles and short titles in both languages,
 * body, session, year, and any `aliases` of the metadata), each word weighted by how few documents it names
 * ("report" names them all and counts for nothing). One clear winner resolves; otherwise the candidates are
 * returned for the user to choose from — guessing would cite the wrong report.
 */
import { ENGLISH_STOPWORDS, englishTokens } from '../query/bridge/english.js';
import { normalizeText, type Tokenizer } from '../query/tokenize.js';
import type { DocumentMeta } from '../types.js';
import { fold } from '../util/fold.js';
import { countCjk } from '../util/lang.js';
import { type DocumentMatch, documentNames } from './documents.js';

/** Share of the reference's weight a document must have, and by how much it must lead the next one. */
const MIN_SCORE = 0.6;
const MIN_LEAD = 0.25;

function profile(m: DocumentMeta): string {
  return normalizeText([...documentNames(m), m.body, m.session, m.date?.slice(0, 4), ...(m.aliases ?? [])].filter(Boolean).join(' | '));
}

export class DocumentResolver {
  private readonly profiles: { meta: DocumentMeta; text: string }[];

  constructor(
    metas: readonly DocumentMeta[],
    private readonly tokenizer: Tokenizer,
  ) {
    this.profiles = metas.map((meta) => ({ meta, text: profile(meta) }));
  }

  /** The words of a reference that could name a document. */
  private words(ref: string): string[] {
    if (countCjk(ref) > 0) return this.tokenizer.queryWords(ref);
    return englishTokens(ref).filter((w) => !ENGLISH_STOPWORDS.has(w));
  }

  /** Exact names and stem prefixes first, then the words of the reference. */
  resolve(ref: string): DocumentMatch {
    const r = fold(ref);
    if (!r) return { meta: null, candidates: [] };
    const metas = this.profiles.map((p) => p.meta);
    const exact = metas.filter((m) => [...documentNames(m), ...(m.aliases ?? [])].some((name) => fold(name) === r));
    if (exact.length === 1) return { meta: exact[0]! };
    if (exact.length > 1) return { meta: null, candidates: exact };
    const prefixed = metas.filter((m) => fold(m.source).startsWith(r));
    if (prefixed.length === 1) return { meta: prefixed[0]! };
    if (prefixed.length > 1) return { meta: null, candidates: prefixed };
    return this.byWords(ref);
  }

  /** The document a stretch of free text names by its words, or the candidates when no single one stands out. */
  byWords(ref: string): DocumentMatch {
    const words = [...new Set(this.words(ref))];
    const n = this.profiles.length;
    const weights = words.map((w) => {
      const df = this.profiles.filter((p) => p.text.includes(w)).length;
      // A word no document is named by still counts against every document: the reference names something else.
      return { w, df, weight: df === 0 ? 1 : Math.log(n / df) };
    });
    const total = weights.reduce((s, x) => s + x.weight, 0);
    if (total === 0) return { meta: null, candidates: [] };
    const scored = this.profiles
      .map((p) => ({ meta: p.meta, score: weights.filter((x) => x.df > 0 && p.text.includes(x.w)).reduce((s, x) => s + x.weight, 0) / total }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score);
    const [first, second] = scored;
    if (first && first.score >= MIN_SCORE && (!second || first.score - second.score >= MIN_LEAD)) return { meta: first.meta };
    return { meta: null, candidates: scored.map((s) => s.meta) };
  }
}
