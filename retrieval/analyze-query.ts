import type { KeywordIndex } from './keyword-index.js';
import { bridgeEnglish } from './query-bridge.js';
import { countCjk, queryWords, termWords } from './tokenize.js';
import type { Lang, QueryAnalysis, QueryTerm } from './types.js';

/** Average characters per Chinese word, to weigh CJK characters against English words. */
const CJK_CHARS_PER_WORD = 1.5;

export interface AnalyzedQuery extends QueryAnalysis {
  /**
   * Content words (and numbers) of the question that nothing in the corpus matches, e.g. 首都, `bread`, `2022`.
   * Many of them, or an unmatched year, mean the documents probably do not answer: an abstention signal.
   */
  unmatched: string[];
}

/**
 * Chinese when at least half of the question's words are Chinese, counting ~1.5 characters per word:
 * "UNODC在萨尔瓦多做了什么？" is Chinese, "What does 蓝心运动 mean?" is English.
 */
export function detectLang(text: string): Lang {
  const cjkWords = countCjk(text) / CJK_CHARS_PER_WORD;
  const latinWords = text.match(/[A-Za-z]+/g)?.length ?? 0;
  return cjkWords > 0 && cjkWords >= latinWords ? 'zh' : 'en';
}

/** True when some occurrence of `part` in `word` covers position `i`. */
function coversAt(word: string, part: string, i: number): boolean {
  for (let at = word.indexOf(part); at !== -1 && at <= i; at = word.indexOf(part, at + 1)) {
    if (i < at + part.length) return true;
  }
  return false;
}

/**
 * Chinese words (and numbers) of a question: each one the corpus has, at full weight (BM25's idf already makes
 * rare words count more). A word the corpus lacks falls back to the dictionary words inside it when they
 * make up the whole word (人口贩卖 → 人口, 贩卖), sharing its weight. Alphabetic words are returned for the English bridge.
 */
function chineseWordTerms(
  words: string[],
  index: KeywordIndex,
): { terms: QueryTerm[]; unmatched: string[]; latin: string[] } {
  const terms: QueryTerm[] = [];
  const unmatched: string[] = [];
  const latin: string[] = [];
  for (const w of words) {
    if (/^[a-z]/.test(w) && !index.hasWord(w)) {
      latin.push(w);
    } else if (index.df(w) > 0) {
      terms.push({ term: w, weight: 1, origin: 'text' });
    } else {
      const parts = termWords(w).filter((p) => p !== w && index.df(p) > 0);
      // Only when the known parts spell the whole word: 世界杯 is not about 世界.
      const covered = [...w].every((_, i) => parts.some((p) => coversAt(w, p, i)));
      if (covered) for (const p of parts) terms.push({ term: p, weight: 1 / parts.length, origin: 'text' });
      else unmatched.push(w);
    }
  }
  return { terms, unmatched, latin };
}

/**
 * Turns a question in either language into weighted Chinese index terms. Mixed questions work both ways:
 * Latin names in a Chinese question go through the English bridge (UNODC在萨尔瓦多…), Chinese words in an
 * English question are used as they are (What does 蓝心运动 mean?).
 */
export function analyzeQuery(question: string, index: KeywordIndex): AnalyzedQuery {
  const lang = detectLang(question);
  const words = queryWords(question);
  if (lang === 'zh') {
    const zh = chineseWordTerms(words, index);
    const en = zh.latin.length ? bridgeEnglish(zh.latin.join(' '), index) : { terms: [], unmatched: [] };
    return { lang, terms: [...zh.terms, ...en.terms], unmatched: [...zh.unmatched, ...en.unmatched] };
  }
  const en = bridgeEnglish(question, index);
  const zh = chineseWordTerms(words.filter((w) => countCjk(w) > 0), index);
  return { lang, terms: [...en.terms, ...zh.terms], unmatched: [...en.unmatched, ...zh.unmatched] };
}
