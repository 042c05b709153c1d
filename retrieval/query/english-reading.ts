/**
 * A question read in English words, for units written in English (documents' English language versions): the
 * stems of its content words instead of bridged Chinese terms, and the names, numbers, counted and asked things
 * as English stems. It is a QueryAnalysis like the Chinese reading, so the keyword index and the answer layer read
 * English units with it by the same rules.
 */
import type { CorpusStats, QueryAnalysis, QueryTerm, SalientElement } from '../types.js';
import { questionKind } from './answer-type.js';
import { ENGLISH_STOPWORDS } from './bridge/english.js';
import { englishMatchText, englishStems, englishTerm } from './english-stems.js';
import { termGroups } from './term-groups.js';
import { normalizeText } from './tokenize.js';

/** Verbs questions are built with: they ask, they do not name what a paragraph is about. */
const QUESTION_VERBS = new Set(englishStems('happen make take get do list explain show address sit mean stand call name'));
const COUNTED = /\bhow many ([a-z][a-z-]*(?: [a-z][a-z-]*)?)/i;
const MONEY = /\b(?:money|funds?|funding|donat\w*|contribut\w*|budget|cost\w*)\b/i;
const CURRENCIES = ['dollar', 'usd', 'us$', 'euro', 'eur'].map(englishTerm);
const ASKED =
  /\b(?:what|which)(?: (?:was|were|is|are))?(?: the)?(?: (?:main|key|principal|chief|primary|most important))?(?: (?:kinds?|types?|sorts?|forms?) of)? ([a-z][a-z-]{2,})\b/i;
/** Nouns that only stand for the kind of answer ("which year" is "when"). */
const PLACEHOLDERS = new Set(englishStems('city country place year date time day month person people name one way state thing'));

export interface EnglishReadingDeps {
  stats: CorpusStats;
  /** The question without its framing ("According to the documents, …"): the words it is about. */
  content: string;
  /** Names of the question (capitalised phrases that are not ordinary words), as found for the Chinese reading. */
  names: string[];
  /** Whether a word is a real English word (a question about something the documents lack), not a typo. */
  isWord(word: string): boolean;
  numbers: string[];
}

/** `text` and `forms` in the matchable form (stems between spaces), known to the corpus when it holds the phrase. */
function element(text: string, kind: SalientElement['kind'], stats: CorpusStats): SalientElement {
  const form = englishMatchText(text);
  return { text, kind, forms: form.trim() ? [form] : [], inCorpus: stats.df(normalizeText(text)) > 0 || (form.trim() !== '' && stats.df(form) > 0) };
}

export function englishReading(question: string, deps: EnglishReadingDeps): QueryAnalysis {
  const { stats } = deps;
  const stems = [...new Set(englishStems(deps.content))].filter((s) => !QUESTION_VERBS.has(s));
  const terms: QueryTerm[] = stems.filter((s) => stats.df(s) > 0).map((s) => ({ term: englishTerm(s), weight: 1, origin: 'text' }));
  const words = deps.content.toLowerCase().match(/[a-z][a-z'-]*/g) ?? [];
  // Content words whose stem no unit has: what the question is about, in words the documents do not use.
  const unexplained = [...new Set(words)].filter((w) => !ENGLISH_STOPWORDS.has(w) && englishStems(w).some((s) => !QUESTION_VERBS.has(s) && stats.df(s) === 0));
  const counted = MONEY.test(question) ? CURRENCIES : englishStems(COUNTED.exec(question)?.[1] ?? '').map(englishTerm);
  const askedNoun = englishStems(ASKED.exec(question)?.[1] ?? '')[0];
  const salient = [
    ...deps.names.map((n) => element(n, 'name', stats)),
    ...deps.numbers.map((n) => ({ text: n, kind: 'number' as const, forms: [englishTerm(n)], inCorpus: stats.df(n) > 0 })),
    ...unexplained.filter(deps.isWord).map((w) => ({ text: w, kind: 'word' as const, forms: [englishMatchText(w)], inCorpus: false })),
  ];
  return {
    question,
    corrections: [],
    lang: 'en',
    terms,
    groups: termGroups(terms),
    unexplained,
    numbers: deps.numbers,
    ordinals: [],
    ...questionKind(question),
    counted,
    asked: askedNoun && !PLACEHOLDERS.has(askedNoun) ? [englishTerm(askedNoun)] : [],
    dated: [],
    datedThing: [],
    salient,
  };
}
