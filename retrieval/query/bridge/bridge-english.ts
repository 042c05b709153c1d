import type { CorpusStats, QueryTerm } from '../../types.js';
import { escapeRegExp } from '../../util/escape-regexp.js';
import { type DictionaryEntry, ReverseDictionary, readCedict } from './cedict.js';
import { chineseNumeral, ENGLISH_STOPWORDS, englishMonth, englishOrdinal, englishTokens, lemmaCandidates } from './english.js';
import { canonicalPhrase, canonicalWord, expandAcronyms, type Glossary } from './glossary.js';
import { soundsLike } from './transliterations.js';

/**
 * English → Chinese query bridge for keyword search over Chinese documents, with no model: the curated
 * glossary first (greedy longest phrase), then CC-CEDICT for the remaining words, plus numbers, dates and
 * ordinals rewritten the way the documents write them. Every candidate must occur in the corpus.
 */

/** A term the glossary gives is the domain's own translation: full weight. */
export const GLOSSARY_WEIGHT = 1;
/** Dictionary translations are often right but not always the documents' wording: worth less than the glossary. */
export const DICTIONARY_WEIGHT = 0.7;
/** Numbers, dates, symbols and Latin words found verbatim in the documents are as precise as it gets. */
export const LITERAL_WEIGHT = 1;
/** An inflected form's other base forms (cooperation → cooperate) are plausible but less certain. */
const DERIVED_FORM_QUALITY = 0.8;
/**
 * At most this many dictionary translations per English word: beyond that they are mostly rare senses
 * ("meeting" → 会晤, 面谈, 年会 …) whose only effect is noise.
 */
const MAX_DICTIONARY_CANDIDATES = 4;
/** Headwords this long may be matched as substrings (公设辩护人 has 辩护人 inside); shorter ones only as words. */
const MIN_SUBSTRING_HEADWORD = 3;

export interface BridgeResult {
  terms: QueryTerm[];
  /** Content words (and numbers) of the question for which nothing in the corpus was found. */
  unmatched: string[];
}

interface Candidate {
  zh: string;
  quality: number;
}

/** The CC-CEDICT reverse dictionary restricted to headwords the corpus contains (~0.4 s to build, most of it reading CC-CEDICT). */
export function corpusDictionary(index: CorpusStats, entries: Iterable<DictionaryEntry> = readCedict()): ReverseDictionary {
  return ReverseDictionary.build(entries, (zh) => index.hasWord(zh) || (zh.length >= MIN_SUBSTRING_HEADWORD && index.df(zh) > 0));
}

type Found = { origin: 'glossary' | 'dictionary'; cands: Candidate[] };

function glossaryCandidates(zh: string[]): Found {
  return { origin: 'glossary', cands: zh.map((z) => ({ zh: z, quality: 1 })) };
}

/**
 * The most likely translations first (quality, then corpus frequency: among a word's senses the one these
 * documents use most is most likely meant), capped.
 */
function topCandidates(cands: Candidate[], index: CorpusStats): Candidate[] {
  return cands.sort((a, b) => b.quality - a.quality || index.df(b.zh) - index.df(a.zh)).slice(0, MAX_DICTIONARY_CANDIDATES);
}

/** Glossary or dictionary translations of a multi-word phrase (plural or inflected last word allowed). */
function phraseCandidates(words: string[], glossary: Glossary, dict: ReverseDictionary, index: CorpusStats): Found | null {
  const zh = glossary.byPhrase.get(canonicalPhrase(words));
  if (zh) return glossaryCandidates(zh);
  const head = words.slice(0, -1).join(' ');
  for (const last of lemmaCandidates(words[words.length - 1])) {
    const found = dict.lookup(`${head} ${last}`).filter((c) => c.quality === 1);
    if (found.length) return { origin: 'dictionary', cands: topCandidates(found, index) };
  }
  return null;
}

/** Translations of one word: the glossary's for its first known base form, else the dictionary's over all forms. */
function wordCandidates(word: string, glossary: Glossary, dict: ReverseDictionary, index: CorpusStats): Found {
  const forms = lemmaCandidates(word);
  for (const form of forms) {
    const zh = glossary.byPhrase.get(canonicalWord(form));
    if (zh) return glossaryCandidates(zh);
  }
  const best = new Map<string, number>();
  forms.forEach((form, i) => {
    for (const c of dict.lookup(form)) {
      const q = c.quality * (i === 0 ? 1 : DERIVED_FORM_QUALITY);
      if (q > (best.get(c.zh) ?? 0)) best.set(c.zh, q);
    }
  });
  return {
    origin: 'dictionary',
    cands: topCandidates(
      [...best].map(([zh, quality]) => ({ zh, quality })),
      index,
    ),
  };
}

function originWeight(origin: Found['origin']): number {
  return origin === 'glossary' ? GLOSSARY_WEIGHT : DICTIONARY_WEIGHT;
}

/**
 * Turns alternatives for one English phrase into query terms that share `weight` (the keyword index scores
 * terms with the same `from` as one synonym set). The split is a translation prior: quality times a
 * dampened corpus frequency, because among a word's senses the one these documents use often is the likely
 * one (meeting → 会议, not 相遇). How informative the set is, is then BM25's idf over the set. Candidates
 * absent from the corpus are dropped.
 */
function shareWeight(cands: Candidate[], weight: number, origin: QueryTerm['origin'], from: string, index: CorpusStats): QueryTerm[] {
  const scored = cands.map((c) => ({ ...c, score: c.quality * Math.log1p(index.df(c.zh)) })).filter((c) => c.score > 0);
  const total = scored.reduce((s, c) => s + c.score, 0);
  return scored.map((c) => ({ term: c.zh, weight: (weight * c.score) / total, origin, from }));
}

/** `November 2016` → 2016年11月, when the documents have that month. */
function dateTerm(tokens: string[], i: number, index: CorpusStats): { term: string; used: number } | null {
  const month = englishMonth(tokens[i]);
  const year = tokens[i + 1];
  if (month === null || !/^(?:19|20)\d\d$/.test(year ?? '')) return null;
  const term = `${year}年${month}月`;
  return index.df(term) > 0 ? { term, used: 2 } : null;
}

/** `seventy-first session` → 第七十一届, `ninth meeting` → 第九次会议, `twenty-sixth` → 第二十六. */
function ordinalTerm(tokens: string[], i: number, index: CorpusStats): { term: string; used: number } | null {
  const n = englishOrdinal(tokens[i]);
  if (n === null || n > 99) return null;
  const next = canonicalWord(tokens[i + 1] ?? '');
  const session = `第${chineseNumeral(n)}届`;
  if (next === 'session') return { term: session, used: 2 };
  // A body that meets in sessions is numbered by them: "the eighth COP" is its eighth session, when there is one.
  if ((next === 'cop' || next === 'conference') && index.df(session) > 0) return { term: session, used: 1 };
  if (next === 'meeting') return { term: `第${chineseNumeral(n)}次会议`, used: 2 };
  // "first", "second"… alone are ordinary words (首次, 第二); only larger ordinals are reliably numbering.
  return n >= 10 || /^\d/.test(tokens[i]) ? { term: `第${chineseNumeral(n)}`, used: 1 } : null;
}

/** The glossary's or dictionary's translation of the longest phrase (2+ words) starting at `i`, if any. */
function longestPhrase(
  tokens: string[],
  i: number,
  maxWords: number,
  glossary: Glossary,
  dict: ReverseDictionary,
  index: CorpusStats,
): { terms: QueryTerm[]; used: number } | null {
  for (let len = Math.min(maxWords, tokens.length - i); len >= 2; len--) {
    const words = tokens.slice(i, i + len);
    // "of the" or "Group do" are not phrases; inner stopwords are ("Conference of the Parties").
    if (ENGLISH_STOPWORDS.has(words[0]) || ENGLISH_STOPWORDS.has(words[len - 1])) continue;
    const found = phraseCandidates(words, glossary, dict, index);
    if (!found) continue;
    const terms = shareWeight(found.cands, originWeight(found.origin), found.origin, words.join(' '), index);
    if (terms.length) return { terms, used: len };
  }
  return null;
}

/** Whether the question writes the word capitalised, as a name, somewhere other than at its start. */
function writtenAsName(question: string, word: string): boolean {
  return [...question.matchAll(new RegExp(`(?<!\\p{L})${escapeRegExp(word)}(?!\\p{L})`, 'giu'))].some((m) => m.index > 0 && /^\p{Lu}/u.test(m[0]));
}

/**
 * Bridges an English question to weighted Chinese terms, left to right: dates and ordinals, then the longest
 * glossary or dictionary phrase, then single words (stopwords skipped; numbers and Latin words the documents
 * contain kept verbatim). Words that found nothing in the corpus are listed in `unmatched`.
 */
export function bridgeEnglish(question: string, index: CorpusStats, glossary: Glossary, dict: ReverseDictionary): BridgeResult {
  const tokens = englishTokens(expandAcronyms(question, glossary));
  const terms: QueryTerm[] = [];
  const unmatched: string[] = [];
  const maxWords = Math.max(glossary.maxWords, dict.maxPhraseWords);

  for (let i = 0; i < tokens.length; ) {
    const literal = dateTerm(tokens, i, index) ?? ordinalTerm(tokens, i, index);
    if (literal) {
      const from = tokens.slice(i, i + literal.used).join(' ');
      if (index.df(literal.term) > 0) terms.push({ term: literal.term, weight: LITERAL_WEIGHT, origin: 'text', from });
      else unmatched.push(from);
      i += literal.used;
      continue;
    }
    const phrase = longestPhrase(tokens, i, maxWords, glossary, dict, index);
    if (phrase) {
      terms.push(...phrase.terms);
      i += phrase.used;
      continue;
    }
    const word = tokens[i++];
    if (ENGLISH_STOPWORDS.has(word)) continue;
    const before = terms.length;
    // Numbers, symbols and the odd Latin word (DNA, GLO.ACT) appear verbatim in the documents.
    if (index.hasWord(word)) terms.push({ term: word, weight: LITERAL_WEIGHT, origin: 'text', from: word });
    if (!/\d/.test(word)) {
      const found = wordCandidates(word, glossary, dict, index);
      terms.push(...shareWeight(found.cands, originWeight(found.origin), found.origin, word, index));
    }
    // A name no dictionary has may be one the texts write by its sound (Basso, 巴索); one it translates (Cairo,
    // 开罗) is a name the texts lack, not one to guess.
    const unknown = terms.length === before && !lemmaCandidates(word).some((w) => dict.knows(w)) && writtenAsName(question, word);
    const sounded = unknown ? soundsLike(word, glossary.sounds) : null;
    if (sounded && index.df(sounded) > 0) terms.push({ term: sounded, weight: GLOSSARY_WEIGHT, origin: 'glossary', from: word });
    if (terms.length === before) unmatched.push(word);
  }
  return { terms, unmatched };
}
