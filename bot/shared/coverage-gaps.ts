/**
 * The coverage gaps of the report: not-found questions grouped by their key terms. A question's key terms are
 * the words the engine found in no document (its `not-mentioned` and `not-matched` notes) or, when it named none, the question's
 * own words without the stop words of English and Chinese (stopword's lists). Each question joins the group
 * of its key term that most not-found questions share, so "What about forced marriage in Peru?" and
 * "forced marriage statistics" land in one group, named by the terms most of its questions have.
 */
import { eng, removeStopwords, zho } from 'stopword';

export interface GapQuestion {
  question: string;
  gapTerms: string[];
}

export interface CoverageGap {
  /** The shared term first, then the others more than half of the group's questions have. */
  terms: string[];
  questions: number;
  /** Up to three of its questions, distinct, newest first (as given). */
  examples: string[];
}

const EXAMPLES = 3;
const MAX_TERMS = 3;
const segmenter = new Intl.Segmenter(['zh', 'en'], { granularity: 'word' });
const STOP = [...eng, ...zho];

/** A single letter or character says nothing about the topic. */
const isTerm = (w: string) => [...w].length >= 2;

export function keyTermsOf({ question, gapTerms }: GapQuestion): string[] {
  const named = gapTerms.map((t) => t.toLowerCase()).filter(isTerm);
  if (named.length) return [...new Set(named)];
  const words = [...segmenter.segment(question.toLowerCase())].filter((s) => s.isWordLike).map((s) => s.segment);
  return [...new Set(removeStopwords(words, STOP).filter(isTerm))];
}

export function coverageGaps(questions: GapQuestion[], top: number): CoverageGap[] {
  const termsOf = questions.map(keyTermsOf);
  const shared = new Map<string, number>();
  for (const terms of termsOf) for (const t of terms) shared.set(t, (shared.get(t) ?? 0) + 1);
  const rank = (a: string, b: string) => shared.get(b)! - shared.get(a)! || a.localeCompare(b);
  const groups = new Map<string, number[]>();
  termsOf.forEach((terms, i) => {
    const lead = [...terms].sort(rank)[0] ?? '';
    groups.set(lead, [...(groups.get(lead) ?? []), i]);
  });
  return [...groups.entries()]
    .filter(([lead]) => lead !== '')
    .map(([lead, members]) => {
      const within = new Map<string, number>();
      for (const i of members) for (const t of termsOf[i]!) if (t !== lead) within.set(t, (within.get(t) ?? 0) + 1);
      const others = [...within.entries()]
        .filter(([, n]) => n * 2 > members.length)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([t]) => t);
      return {
        terms: [lead, ...others].slice(0, MAX_TERMS),
        questions: members.length,
        examples: [...new Set(members.map((i) => questions[i]!.question))].slice(0, EXAMPLES),
      };
    })
    .sort((a, b) => b.questions - a.questions || a.terms[0]!.localeCompare(b.terms[0]!))
    .slice(0, top);
}
