/**
 * Extractive answers: the passages that answer the question, quoted verbatim, each with the units it cites,
 * and the outcome — answered; partial (what is supported is quoted, what is not is named); or not found, with
 * the nearest units as "possibly related". The engine returns these as data; every word around them is the
 * front end's.
 */
import { isMarkedVerb, isVerb } from '../query/proper-names.js';
import type { Answer, AnswerNote, Lang, Passage, QueryAnalysis, ScoredUnit, Unit } from '../types.js';
import { composeQuote } from './compose.js';
import { ABSTAIN_BELOW, assessConfidence, type GateSignals, namesAThing } from './confidence.js';
import { type AnswerContext, viewFor } from './context.js';
import { itemsNamed } from './evidence.js';
import { type Candidate, candidateMentions, choosePassages, rankCandidates, STRICT_TYPES } from './select.js';
import { splitSentences } from './split-sentences.js';

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
  /** Quote referenced units whole ("more" after an answer), not only their opening sentences. */
  whole?: boolean;
}

/** Referenced units quoted at most. */
const MAX_REFERENCED = 3;
/** Bound on the quotes of referenced units together. */
const MAX_REFERENCED_CHARS = 700;
/** How many nearest units a "not found" answer offers as "possibly related". */
const RELATED_UNITS = 3;

/** The opening sentences of a unit's first line that fit in `budget` characters (at least one sentence). */
function openingQuote(unit: Unit, budget: number): string {
  const sentences = splitSentences(unit.text, { lang: unit.lang });
  if (sentences.length === 0) return unit.text;
  const start = sentences[0]!.start;
  let end = sentences[0]!.end;
  for (const s of sentences.slice(1)) {
    if (s.end - start > budget || unit.text.slice(start, s.end).includes('\n')) break;
    end = s.end;
  }
  return unit.text.slice(start, end);
}

/** The nearest units, each with its best quote, offered when the answer is "not found". */
export function relatedPassages(results: ScoredUnit[], analysis: QueryAnalysis, lang: Lang, ctx: AnswerContext): Passage[] {
  return results.slice(0, RELATED_UNITS).map((r) => {
    const view = viewFor(r.unit, analysis, ctx);
    return { quote: composeQuote(r.unit, view.analysis, view.ctx).quote, citations: [ctx.units.citation(r.unit, lang)], role: 'context', score: r.score };
  });
}

/** Chosen quotes as passages; identical quotes of parallel reports become one passage citing both. */
function toPassages(chosen: { unit: Unit; quote: string; score: number }[], lang: Lang, ctx: AnswerContext): Passage[] {
  const passages: Passage[] = [];
  for (const c of chosen) {
    const citation = ctx.units.citation(c.unit, lang);
    const same = passages.find((p) => p.quote === c.quote);
    if (same) same.citations.push(citation);
    else passages.push({ quote: c.quote, citations: [citation], role: 'answer', score: c.score });
  }
  return passages;
}

export function notFound(lang: Lang, confidence: number, related: Passage[], notes: AnswerNote[] = []): Answer {
  return { outcome: 'not-found', confidence, lang, passages: [], related, notes };
}

/** Below this confidence, an answer that does not state the asked kind of fact is "not found", not partial. */
const STATED_CONFIDENCE = 0.5;
/** Evidence weaker than this does not state the asked kind of fact. */
const STATED = 0.5;

/** Kinds stated only by full evidence: a cause, and a number that counts the asked thing (not 350 起 for victims). */
const WHOLLY_STATED: ReadonlySet<string> = new Set(['reason', 'count']);
/**
 * A "why" is answered only by a passage that gives a cause: "为什么退出了议定书" asked of a paragraph saying the
 * country became a party is a premise the documents do not bear out, and the nearest passage says so by
 * giving no reason.
 */
const asksStatedFact = (analysis: QueryAnalysis) =>
  STRICT_TYPES.has(analysis.answerType) || analysis.answerType === 'reason' || analysis.answerType === 'statement' || asksListInDetail(analysis);
/**
 * "具体有哪些", "what exactly were the…", "names pls", 请全部列出: the items themselves, which a paragraph saying
 * there were some does not give.
 */
const IN_DETAIL = /具体|详细|到底|究竟|名单|名字|名称|全部列出|一一列出|\b(?:specifically|exactly|precisely|concretely|in detail|names?|list (?:them|all))\b/i;
const asksListInDetail = (analysis: QueryAnalysis) => analysis.answerType === 'list' && IN_DETAIL.test(analysis.question);
/** A passage states the asked fact of the things the question names: Croatia's 65 victims are not Ukraine's. */
const states = (c: Candidate, analysis: QueryAnalysis) =>
  c.evidence.strength >= (WHOLLY_STATED.has(analysis.answerType) || asksListInDetail(analysis) ? 1 : STATED) &&
  analysis.salient.every((e) => e.kind !== 'name' || !e.inCorpus || candidateMentions(c, e, c.view.analysis, c.view.ctx));

/** What an event came to, as a question asks it (什么成果, "what conclusions"), and as a text states one. */
const OUTCOME_ASKED = new Set(['成果', '结论', '结果', '成效']);
const OUTCOME_STATED = /成果|结论|结果|成效|达成|商定|通过了|起草了|产生了/;
/** The outcome of an event asked of passages that state none: the workshop's preparations are not what it achieved. */
const outcomeUnstated = (analysis: QueryAnalysis, chosen: Candidate[]) =>
  analysis.asked.some((a) => OUTCOME_ASKED.has(a)) && !chosen.some((c) => OUTCOME_STATED.test(c.unit.text));

/**
 * What an answer cannot support, as notes: things the question names that the documents never mention (Chinese
 * nouns included; English words the bridge could not map are too often its own gap to be claimed absent),
 * named things the quoted units do not mention, an asked number, date, place, name or reason they do not give,
 * and fewer items than a list question asks for. Read with the first passage's reading; a passage in another
 * language is not searched for its names.
 */
function gaps(signals: GateSignals, chosen: Candidate[]): AnswerNote[] {
  const notes: AnswerNote[] = [];
  const { analysis, ctx } = chosen[0]!.view;
  const absent = [...signals.absentNames, ...signals.absentSpecifics, ...(signals.english ? [] : signals.absentWords)];
  if (absent.length) notes.push({ code: 'not-mentioned', terms: [...new Set(absent)] });
  const unmatched = unmatchedWords(signals, analysis, ctx);
  if (unmatched.length) notes.push({ code: 'not-matched', terms: [...new Set(unmatched)] });
  if (signals.boundWords.length) notes.push({ code: 'only-in-names', terms: signals.boundWords });
  const same = chosen.filter((c) => c.view.ctx.lang === ctx.lang);
  const missing = analysis.salient.filter((e) => e.inCorpus && !same.some((c) => candidateMentions(c, e, analysis, ctx))).map((e) => e.text);
  if (missing.length) notes.push({ code: 'not-in-passages', terms: missing });
  if (asksStatedFact(analysis) && !chosen.some((c) => states(c, analysis))) {
    notes.push({ code: 'not-stated', answerType: analysis.answerType });
  }
  if (outcomeUnstated(analysis, same)) notes.push({ code: 'outcome-not-stated' });
  const given = analysis.answerType !== 'list' || analysis.listSize === null ? null : listed(same);
  if (given !== null && given < analysis.listSize!) notes.push({ code: 'list-incomplete', asked: analysis.listSize! });
  return notes;
}

/**
 * Words of the question worth saying matched nothing: English ones that may name what is asked about (cocaine), and
 * in a "why" every word of what is said to have happened, since the cause is asked of it ("pull out", 退出): the
 * documents may not say it happened.
 */
function unmatchedWords(signals: GateSignals, analysis: QueryAnalysis, ctx: AnswerContext): string[] {
  const why = analysis.answerType === 'reason';
  if (signals.english) return signals.absentWords.filter((w) => namesAThing(w) || why);
  if (!why) return [];
  // A verb with its aspect marker is phrasing elsewhere, but here it says what happened (为什么…退过…).
  const marked = ctx.tokenizer.queryWords(analysis.question).filter((w) => isMarkedVerb(w, ctx.tokenizer) && ctx.stats.df(w) === 0);
  return [...signals.unexplained.filter((w) => isVerb(w, ctx.tokenizer)), ...marked];
}

/** The confidence, without the words that matched nothing, at which a refused question is answered in part. */
const RESCUED_CONFIDENCE = 0.5;
/** Words of the question the documents have, at least, for a question refused for the others to be answered in part. */
const SAYS_MORE = 3;

/** The words that matched nothing, when nothing else the question names is missing from the documents. */
function unmatchedOnly(analysis: QueryAnalysis, signals: GateSignals): string[] {
  if (signals.absentNames.length || signals.absentSpecifics.length || signals.boundWords.length) return [];
  // A Chinese noun the corpus lacks (枪支) is a topic the documents do not cover; only the English bridge misses
  // words the documents have.
  if (!signals.english && signals.absentWords.length) return [];
  // Only in a question that says more than it misses ("the weather in Vienna" says too little).
  const said = analysis.groups.length;
  return said >= SAYS_MORE && analysis.unexplained.length * 2 <= said ? analysis.unexplained : [];
}

/** The question's reading with these words left out, as if it had not said them. */
const withoutWords = (analysis: QueryAnalysis, words: string[]): QueryAnalysis => ({
  ...analysis,
  unexplained: analysis.unexplained.filter((w) => !words.includes(w)),
  salient: analysis.salient.filter((e) => e.inCorpus || !words.includes(e.text)),
});

/** How many items the quotes name, at most; null when a quote's language is not read for items. */
function listed(chosen: Candidate[]): number | null {
  const counts = chosen.map((c) => itemsNamed(c.quote, c.view.analysis, c.view.ctx));
  return counts.some((n) => n === null) ? null : counts.reduce<number>((sum, n) => sum + n!, 0);
}

function answered(chosen: Candidate[], confidence: number, lang: Lang, notes: AnswerNote[], ctx: AnswerContext): Answer {
  const passages = toPassages(
    chosen.map((c) => ({ unit: c.unit, quote: c.quote, score: c.result.score })),
    lang,
    ctx,
  );
  return { outcome: notes.length ? 'partial' : 'answered', confidence, lang, passages, related: [], notes };
}

export function extractiveAnswer(input: AnswerInput, ctx: AnswerContext): Answer {
  const answer = answerFor(input, ctx);
  // What was searched for instead of what was typed, when a misspelt word was corrected.
  if (input.analysis.corrections.length === 0) return answer;
  return { ...answer, notes: [{ code: 'searched-for', text: input.analysis.question }, ...answer.notes] };
}

function answerFor(input: AnswerInput, ctx: AnswerContext): Answer {
  const { analysis, results } = input;
  const lang = input.replyLang ?? analysis.lang;
  const referenced = (input.referenced ?? []).filter((u) => ctx.units.hasDocument(u.source)).slice(0, MAX_REFERENCED);
  const usable = results.filter((r) => ctx.units.hasDocument(r.unit.source));
  if (referenced.length > 0) {
    const budget = Math.floor(MAX_REFERENCED_CHARS / referenced.length);
    const passages = toPassages(
      referenced.map((unit) => ({ unit, quote: input.whole ? unit.text : openingQuote(unit, budget), score: 1 })),
      lang,
      ctx,
    );
    return { outcome: 'answered', confidence: 1, lang, passages, related: [], notes: [] };
  }
  const ranked = rankCandidates(usable, analysis, ctx);
  // The gate reads the best candidate with the reading of its own language.
  const best = ranked[0]?.view ?? { analysis, ctx };
  const assessed = assessConfidence(best.analysis, ranked[0], best.ctx);
  const { signals } = assessed;
  const unmatched = assessed.abstain ? unmatchedOnly(best.analysis, signals) : [];
  // Refused only for words that matched nothing, a question the rest of which the documents answer is answered
  // in part, naming those words: the bridge misses more words than the documents lack.
  const rescued = unmatched.length ? assessConfidence(withoutWords(best.analysis, unmatched), ranked[0], best.ctx) : null;
  const rescue = rescued !== null && rescued.confidence >= RESCUED_CONFIDENCE;
  // Reported at the threshold: answered in part, with no more confidence than the gate had.
  const { confidence, abstain } = rescue ? { confidence: Math.max(assessed.confidence, ABSTAIN_BELOW), abstain: false } : assessed;
  if (abstain) {
    const absent = [...signals.absentNames, ...signals.absentSpecifics];
    return notFound(lang, confidence, relatedPassages(usable, analysis, lang, ctx), absent.length ? [{ code: 'not-mentioned', terms: absent }] : []);
  }
  const chosen = choosePassages(ranked);
  const notes = gaps(signals, chosen);
  const said = notes.flatMap((n) => (n.code === 'not-mentioned' || n.code === 'not-matched' ? n.terms : []));
  const unsaid = unmatched.filter((w) => !said.includes(w));
  if (rescue && unsaid.length) notes.push({ code: 'not-matched', terms: unsaid });
  // An asked number, date, place or name that nothing quoted gives, on top of weak support: nothing to answer with.
  // A reason is not held to that: causes are written in more ways than the cause words looked for.
  // The kind of fact given of something else, or numbers that count something else, are still an answer to quote,
  // with the note that the asked fact is not stated.
  const givesOther = chosen.some((c) => c.evidence.strength >= STATED);
  if (STRICT_TYPES.has(analysis.answerType) && notes.some((n) => n.code === 'not-stated') && confidence < STATED_CONFIDENCE && !givesOther) {
    // Reported on the not-found side of the threshold, in proportion.
    const reported = Math.round(((confidence * ABSTAIN_BELOW) / STATED_CONFIDENCE) * 1000) / 1000;
    return notFound(
      lang,
      reported,
      relatedPassages(usable, analysis, lang, ctx),
      notes.filter((n) => n.code === 'not-mentioned'),
    );
  }
  return answered(chosen, confidence, lang, notes, ctx);
}
