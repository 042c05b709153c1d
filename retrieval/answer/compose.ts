/**
 * The quote an answer takes from one unit: the run of up to three consecutive spans that best covers the
 * question and carries the asked kind of fact. A neighbour joins when it holds what the best sentence lacks —
 * the number after the sentence that repeats the question, the content after "X介绍了…的经验。", the cause
 * before "因此" — and costs a little otherwise. Enumerations are whole spans already (spans.ts). The quote is
 * always one contiguous, verbatim piece of the unit.
 */
import { normalizeText } from '../query/tokenize.js';
import type { QueryAnalysis, Unit } from '../types.js';
import type { AnswerContext } from './context.js';
import { type Evidence, typeEvidence } from './evidence.js';
import { answerSpans } from './spans.js';
import { termCoverage } from './term-coverage.js';

/** How much the asked kind of fact counts against term coverage when choosing what to quote. */
export const EVIDENCE_WEIGHT = 0.3;
/** A quote is at most this many consecutive spans… */
const MAX_SPANS = 3;
/** …and, when it is more than one, at most this long. */
const MAX_CHARS = 400;
/** What each further span costs: a neighbour is quoted only when it covers the question better. */
const SPAN_PENALTY = 0.05;

export interface Composed {
  unit: Unit;
  quote: string;
  /** Term coverage of the quote (0..1), fixed domain phrases the question did not ask about masked. */
  coverage: number;
  evidence: Evidence;
}

/** Coverage as the answer layer measures it: 人口 inside 贩运人口 is part of a name, not a match. */
export function maskedCoverage(text: string, analysis: QueryAnalysis, ctx: AnswerContext): number {
  const members = analysis.groups.flatMap((g) => g.members.map((m) => m.term));
  const asked = [normalizeText(analysis.question), ...members].join(' ');
  return termCoverage(ctx.phrases.maskUnasked(normalizeText(text), members, asked), analysis.groups);
}

export function composeQuote(unit: Unit, analysis: QueryAnalysis, ctx: AnswerContext): Composed {
  const spans = answerSpans(unit.text);
  if (spans.length === 0) {
    return { unit, quote: unit.text, coverage: maskedCoverage(unit.text, analysis, ctx), evidence: typeEvidence(unit.text, analysis, ctx.tokenizer) };
  }
  let best = { lo: 0, hi: 0, score: -Infinity, coverage: 0, evidence: typeEvidence(spans[0]!.text, analysis, ctx.tokenizer) };
  for (let lo = 0; lo < spans.length; lo++) {
    for (let hi = lo; hi < Math.min(spans.length, lo + MAX_SPANS); hi++) {
      const text = unit.text.slice(spans[lo]!.start, spans[hi]!.end);
      if (hi > lo && text.length > MAX_CHARS) break;
      const coverage = maskedCoverage(text, analysis, ctx);
      const evidence = typeEvidence(text, analysis, ctx.tokenizer);
      const score = coverage + EVIDENCE_WEIGHT * evidence.strength - SPAN_PENALTY * (hi - lo);
      if (score > best.score + 1e-9) best = { lo, hi, score, coverage, evidence };
    }
  }
  const quote = unit.text.slice(spans[best.lo]!.start, spans[best.hi]!.end);
  return { unit, quote, coverage: best.coverage, evidence: best.evidence };
}
