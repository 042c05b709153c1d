/**
 * The parts of a question that retrieval cannot see: words no query term accounts for (the corpus does
 * not contain them in any form) and the specifics a question pins down (numbers, years, ordinals).
 */
import { escapeRegExp } from '../escape-regexp.js';
import { ENGLISH_STOPWORDS, englishOrdinal, englishTokens } from '../bridge/english.js';
import { normalizeText, queryWords, termWords } from '../tokenize.js';
import type { QueryAnalysis } from '../types.js';

/**
 * Verbs questions are built with, on top of the bridge's stopwords: a content word the bridge could not
 * map into the corpus is evidence that the question is about something else; these are not.
 */
const EN_QUESTION_VERBS = new Set(
  'happen happens happened make makes take takes get gets got do done list explain show shows address addresses sit sits'.split(' '),
);
/** Chinese interrogatives (哪国, 几种, 多少人, 什么): they ask, they do not name a topic. */
const ZH_INTERROGATIVE = /[哪几谁]|什么|多少|怎/;
/** A Chinese ordinal (第十二届, 第9次): a specific the evidence must match. */
const ZH_ORDINAL = /^第[\d〇零一二三四五六七八九十百]+[届次]?/;

function mentions(phrase: string, word: string): boolean {
  return new RegExp(`(?:^|[^a-z0-9])${escapeRegExp(word)}(?:[^a-z0-9]|$)`).test(phrase);
}

/** Question words that no query term accounts for: words the corpus does not contain in any form. */
export function unexplainedWords(question: string, analysis: QueryAnalysis): string[] {
  const terms = new Set(analysis.terms.map((t) => normalizeText(t.term)));
  if (analysis.lang === 'zh') {
    return queryWords(question).filter(
      (w) => !/^\d+$/.test(w) && !ZH_INTERROGATIVE.test(w) && !termWords(w).some((sub) => sub.length >= 2 && terms.has(sub)),
    );
  }
  const sources = analysis.terms.map((t) => normalizeText(t.from ?? t.term));
  const explained = (w: string) => terms.has(w) || sources.some((s) => mentions(s, w));
  const content = (w: string) => !ENGLISH_STOPWORDS.has(w) && !EN_QUESTION_VERBS.has(w) && !/\d/.test(w);
  // A hyphenated word the bridge split (inter-agency → inter, agency) is explained by its parts.
  return englishTokens(question).filter((w) => content(w) && !explained(w) && !w.split('-').filter(content).some(explained));
}

/** Ordinals among the unexplained words: a session or meeting the corpus never mentions. */
export function unknownOrdinals(unexplained: readonly string[]): string[] {
  return unexplained.filter((w) => englishOrdinal(w) !== null || ZH_ORDINAL.test(w));
}

/** Numbers a question names (years, resolution numbers such as 72/179), normalized as the index does. */
export function questionNumbers(question: string): string[] {
  return [...new Set(normalizeText(question).match(/\d+(?:[./]\d+)*/g) ?? [])];
}

/**
 * Questions whose answer has a recognisable form, and that form: a count (a number with a measure word:
 * 62所, 1,200多名, 三种 — not an item number such as 项目 2, nor a year) or a date.
 */
const ANSWER_TYPES = [
  {
    type: 'quantity',
    asks: /\bhow (?:many|much)\b|\bnumber of\b|多少|几[个名人次项种所家国份场]/i,
    form: /(?:\d[\d,.]*|[一二两三四五六七八九十百千万]+)\s*(?:多|余)?\s*[个名人次项种所家国份起届位倍场万亿%]/,
  },
  {
    type: 'date',
    asks: /\bwhen\b|\bwhat year\b|\bwhich year\b|哪一?年|什么时候|何时|哪天|几月/i,
    form: /(?:19|20)\d{2}|\d+\s*[年月日]|[〇零一二三四五六七八九十]+\s*[年月日]/,
  },
] as const;

export type AnswerType = (typeof ANSWER_TYPES)[number]['type'];

/** The kind of answer the question asks for, when the evidence holds nothing of that kind. */
export function missingAnswerType(question: string, evidence: string): AnswerType | null {
  for (const t of ANSWER_TYPES) if (t.asks.test(question) && !t.form.test(evidence)) return t.type;
  return null;
}
