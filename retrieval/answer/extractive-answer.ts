/**
 * Extractive answers: the sentences of the top paragraphs that cover the question best, quoted verbatim,
 * each with the units it cites. The engine returns these passages as data; every word around them is the
 * front end's.
 */
import type { Answer, Lang, Passage, QueryAnalysis, ScoredUnit, TermGroup, Unit } from '../types.js';
import { assessConfidence } from './confidence.js';
import type { AnswerContext } from './context.js';
import { splitSentences } from './split-sentences.js';
import { termCoverage } from './term-coverage.js';

export interface AnswerInput {
  analysis: QueryAnalysis;
  /** Retrieval results, best first. */
  results: ScoredUnit[];
  /**
   * Units the question names explicitly (`建议 6`, `CTOC/COP/2018/2, para. 44`): they are quoted from their
   * beginning, with full confidence, whatever their wording has in common with the question.
   */
  referenced?: Unit[];
  /**
   * Language to answer in when it differs from the analysed question's: a follow-up asked in Chinese after
   * an English turn is resolved into a mixed question, but the user asked in Chinese.
   */
  replyLang?: Lang;
}

/** Units quoted at most: more would bury the best paragraph under look-alikes from parallel reports. */
const MAX_UNITS = 3;
/** Only the first few results are candidates; beyond them the ranking is too uncertain to quote. */
const CANDIDATE_UNITS = 5;
/** A further unit is quoted only if its best sentence covers the question nearly as well as the first's. */
const RELATIVE_FLOOR = 0.6;
/** Two sentences of one unit are quoted together only while the quote stays readable. */
const MAX_QUOTE_CHARS = 240;
/** Bound on all quotes together, so an answer fits a chat message. */
const MAX_TOTAL_CHARS = 700;
/** How many nearest units an abstention offers as "possibly related". */
const RELATED_UNITS = 3;

interface Candidate {
  result: ScoredUnit;
  quote: string;
  coverage: number;
}

/**
 * The best sentence of a unit, joined with a neighbour that also covers the question, as one contiguous
 * verbatim quote.
 */
export function bestQuote(unit: Unit, groups: readonly TermGroup[]): { quote: string; coverage: number } {
  const sentences = splitSentences(unit.text);
  if (sentences.length === 0) return { quote: unit.text, coverage: termCoverage(unit.text, groups) };
  const scores = sentences.map((s) => termCoverage(s.text, groups));
  let best = 0;
  scores.forEach((s, i) => {
    if (s > scores[best]!) best = i;
  });
  let start = sentences[best]!.start;
  let end = sentences[best]!.end;
  const neighbours = [best - 1, best + 1].filter((i) => i >= 0 && i < sentences.length);
  neighbours.sort((a, b) => scores[b]! - scores[a]!);
  const partner = neighbours[0];
  if (partner !== undefined && scores[partner]! > 0 && scores[partner]! >= scores[best]! / 2) {
    const s = Math.min(start, sentences[partner]!.start);
    const e = Math.max(end, sentences[partner]!.end);
    // A quote stays on one line: list items are separate lines of the unit, and of the answer.
    if (e - s <= MAX_QUOTE_CHARS && !unit.text.slice(s, e).includes('\n')) [start, end] = [s, e];
  }
  const quote = unit.text.slice(start, end);
  return { quote, coverage: Math.max(scores[best]!, termCoverage(quote, groups)) };
}

/** The opening sentences of a unit's first line that fit in `budget` characters (at least one sentence). */
function openingQuote(unit: Unit, budget: number): string {
  const sentences = splitSentences(unit.text);
  if (sentences.length === 0) return unit.text;
  const start = sentences[0]!.start;
  let end = sentences[0]!.end;
  for (const s of sentences.slice(1)) {
    if (s.end - start > budget || unit.text.slice(start, s.end).includes('\n')) break;
    end = s.end;
  }
  return unit.text.slice(start, end);
}

/** Whether one unit is the recommendation held inside the other (paragraph 4 holds 建议 1-8). */
function nested(a: Unit, b: Unit): boolean {
  return a.source === b.source && a.paragraph === b.paragraph && a.paragraph !== null && (a.kind === 'recommendation') !== (b.kind === 'recommendation');
}

function choosePassages(results: ScoredUnit[], groups: readonly TermGroup[]): Candidate[] {
  const candidates = results.slice(0, CANDIDATE_UNITS).map((result) => ({ result, ...bestQuote(result.unit, groups) }));
  const first = candidates[0];
  if (!first) return [];
  // The first result leads: fusion ranked it first on the whole unit, not just on one sentence.
  const chosen: Candidate[] = [first];
  for (const c of candidates.slice(1)) {
    if (chosen.length >= MAX_UNITS) break;
    if (c.coverage <= 0 || c.coverage < RELATIVE_FLOOR * first.coverage) continue;
    // A recommendation and the paragraph holding it would quote the same words twice: keep the
    // recommendation, the more precise citation.
    const outer = chosen.findIndex((p) => nested(p.result.unit, c.result.unit));
    if (outer >= 0) {
      if (c.result.unit.kind === 'recommendation') chosen[outer] = c;
      continue;
    }
    const total = chosen.reduce((n, p) => n + p.quote.length, 0);
    if (total + c.quote.length > MAX_TOTAL_CHARS) continue;
    chosen.push(c);
  }
  return chosen;
}

/** The nearest units, each with its best sentence, offered when the answer is "not found". */
export function relatedPassages(results: ScoredUnit[], groups: readonly TermGroup[], lang: Lang, ctx: AnswerContext): Passage[] {
  return results.slice(0, RELATED_UNITS).map((r) => ({
    quote: bestQuote(r.unit, groups).quote,
    citations: [ctx.units.citation(r.unit, lang)],
    role: 'context',
    score: r.score,
  }));
}

/** Candidates as passages; identical sentences of parallel reports become one passage citing both. */
function toPassages(chosen: Candidate[], lang: Lang, ctx: AnswerContext): Passage[] {
  const passages: Passage[] = [];
  for (const c of chosen) {
    const citation = ctx.units.citation(c.result.unit, lang);
    const same = passages.find((p) => p.quote === c.quote);
    if (same) same.citations.push(citation);
    else passages.push({ quote: c.quote, citations: [citation], role: 'answer', score: c.result.score });
  }
  return passages;
}

export function notFound(lang: Lang, confidence: number, related: Passage[], notes: Answer['notes'] = []): Answer {
  return { outcome: 'not-found', confidence, lang, passages: [], related, notes };
}

export function extractiveAnswer(input: AnswerInput, ctx: AnswerContext): Answer {
  const { analysis, results } = input;
  const lang = input.replyLang ?? analysis.lang;
  const { groups } = analysis;
  const referenced = (input.referenced ?? []).filter((u) => ctx.units.hasDocument(u.source)).slice(0, MAX_UNITS);
  const usable = results.filter((r) => ctx.units.hasDocument(r.unit.source));
  if (referenced.length > 0) {
    const budget = Math.floor(MAX_TOTAL_CHARS / referenced.length);
    const chosen = referenced.map((unit) => ({ result: { unit, score: 1 }, quote: openingQuote(unit, budget), coverage: 1 }));
    return { outcome: 'answered', confidence: 1, lang, passages: toPassages(chosen, lang, ctx), related: [], notes: [] };
  }
  const assessed = assessConfidence({ analysis, results: usable }, ctx);
  if (assessed.abstain) return notFound(lang, assessed.confidence, relatedPassages(usable, groups, lang, ctx));
  const passages = toPassages(choosePassages(usable, groups), lang, ctx);
  return { outcome: 'answered', confidence: assessed.confidence, lang, passages, related: [], notes: [] };
}
