/**
 * The quote an answer takes from one unit: the run of up to three consecutive spans that best covers the
 * question and carries the asked kind of fact. A neighbour joins when it holds what the best sentence lacks —
 * the number after the sentence that repeats the question, the content after "X介绍了…的经验。", the cause
 * before "因此" — and costs a little otherwise. Enumerations are whole spans already (spans.ts). The quote is
 * always one contiguous, verbatim piece of the unit.
 */
import { englishStems, englishTerm } from '../query/english-stems.js';
import type { Lang, QueryAnalysis, Unit } from '../types.js';
import { type AnswerContext, matchText } from './context.js';
import { type Evidence, LOCAL_TYPES, NAME_TAGS, typeEvidence } from './evidence.js';
import { everywhere } from './evidence-common.js';
import { answerSpans } from './spans.js';
import type { Sentence } from './split-sentences.js';
import { termCoverage } from './term-coverage.js';

/** How much the asked kind of fact counts against term coverage when choosing what to quote. */
export const EVIDENCE_WEIGHT = 0.3;
/** A quote is at most this many consecutive spans… */
const MAX_SPANS = 3;
/** …and, when it is more than one, at most this long. */
const MAX_CHARS = 400;
/**
 * A unit this short (two or three sentences) is quoted whole, as far as it speaks of the same subject: the sentence
 * after the one that matches the question is as often where its fact goes on ("…举行了会议。这次会议由立陶宛政府…
 * 联合组办"), and the paragraph is read at a glance; the next country's report in it ("…。波兰成立了…") is not.
 */
const GLANCE_CHARS = 200;
/** What each further span costs: a neighbour is quoted only when it covers the question better. */
const SPAN_PENALTY = 0.05;
/** What speaking of the asked thing ("取得的成果是…" for "what was the outcome") is worth. */
const ASKED_WEIGHT = 0.25;
/**
 * What naming a yes/no question's own names, numbers and specific words is worth, as the share of those the unit
 * has: as much as all other coverage, since they are what is asked. "…已被翻译成阿拉伯语、英语、法语和葡萄牙语"
 * answers "有没有翻成葡萄牙语", and the sentence repeating the campaign's name does not. For other kinds the
 * asked fact has a form of its own (a number, a date), and weighing names more quoted worse.
 */
const SALIENT_WEIGHT = 1;
/** What the sentence speaking most of the yes/no question's names adds (its coverage, where they are). */
const NAMED_AT_WEIGHT = 0.5;

export interface Composed {
  unit: Unit;
  quote: string;
  /** The run of spans chosen for how it answers the question; the quote goes on past it for a statement. */
  matched: string;
  /** Term coverage of the matched run (0..1), fixed domain phrases the question did not ask about masked. */
  coverage: number;
  evidence: Evidence;
  /** Whether the quote speaks of what the question asks about (analysis.asked). */
  speaksOfAsked: boolean;
}

/**
 * What `DomainPhrases.maskUnasked` reads a question by: its terms, and the question as matched with them appended
 * (a phrase the question writes or a term spells is asked, not masked).
 */
export function maskingTerms(analysis: QueryAnalysis, ctx: AnswerContext): { question: string; members: string[]; asked: string } {
  const question = matchText(analysis.question, ctx.lang);
  const members = analysis.groups.flatMap((g) => g.members.map((m) => m.term));
  return { question, members, asked: [question, ...members].join(' ') };
}

/** Coverage as the answer layer measures it: 人口 inside 贩运人口 is part of a name, not a match. */
export function maskedCoverage(text: string, analysis: QueryAnalysis, ctx: AnswerContext): number {
  const { members, asked } = maskingTerms(analysis, ctx);
  return termCoverage(ctx.phrases.maskUnasked(matchText(text, ctx.lang), members, asked), analysis.groups);
}

/**
 * A sentence carries on from the one before when it opens with a pointer back (该会议, 这项运动, 她; "This
 * campaign", "She"), opens with a word of it, or points back to a thing it named ("…散发这些传单" after "…使用…传单").
 */
const POINTS_BACK: Record<Lang, RegExp> = {
  // A bare 会议 opening a sentence is the meeting just named: nothing else says which.
  // So does one acting on it: 根据该举措, 为此, 随后.
  zh: /^(?:该|这|此|其|她|他|它|上述|会上|会议(?![文室厅])|(?:根据|按照|依据|基于)(?:该|这|此|上述)|据此|为此|随后|在此基础上)/,
  en: /^(?:this|these|that|those|such|it|its|they|their|she|he|her|his|the (?:meeting|event|campaign|workshop|programme|project|initiative|group))\b/i,
};
// A measure word may come between the pointer and the noun: 此次会议, 这次讲习班.
const POINTER = /(?:这些|这一|这项|这种|这类|上述|(?:这|此|本|该)(?:次|届|个|场|份)|该|此)([\u4e00-\u9fff]{2})/g;
/** What a carried-on sentence keeps of the topic of the one before. */
const CARRIED = 0.8;
/** A sentence as on-topic as this share of the whole quote carries its facts in full. */
const ON_TOPIC = 0.5;

/** Whether a text opens by pointing back to what came before it (该会议…, 会议由…, She…). */
export const pointsBack = (text: string, lang: Lang) => POINTS_BACK[lang].test(text.trimStart());

function carriesOn(prev: string, next: string, ctx: AnswerContext): boolean {
  if (pointsBack(next, ctx.lang)) return true;
  const before = matchText(prev, ctx.lang);
  if (ctx.lang === 'en') {
    const first = englishStems(next).slice(0, 1).map(englishTerm)[0];
    return first !== undefined && before.includes(first);
  }
  if ([...next.matchAll(POINTER)].some((m) => before.includes(m[1]!))) return true;
  const first = ctx.tokenizer.queryWords(next.slice(0, 12))[0];
  return first !== undefined && first.length >= 2 && before.includes(first);
}

/**
 * How much each span is about the question: its own coverage, or a little less than that of the span it
 * carries on from ("…三边专题会议。会议由…于2017年11月在埃及卢克索举行。").
 */
function topicality(spans: Sentence[], coverage: number[], ctx: AnswerContext): number[] {
  const out: number[] = [];
  spans.forEach((s, i) => {
    const carried = i > 0 && carriesOn(spans[i - 1]!.text, s.text, ctx) ? CARRIED * out[i - 1]! : 0;
    out.push(Math.max(coverage[i]!, carried));
  });
  return out;
}

/**
 * Evidence of a run of spans for a number, a date, a place or a name: each span's, weighed by how on-topic that
 * span is — the date of another event in the sentence before does not date the asked one.
 */
function localEvidence(evidence: Evidence[], topical: number[], lo: number, hi: number, coverage: number): Evidence {
  let strength = 0;
  const facts: string[] = [];
  for (let i = lo; i <= hi; i++) {
    const weight = coverage > 0 ? Math.min(1, topical[i]! / (ON_TOPIC * coverage)) : 1;
    strength = Math.max(strength, evidence[i]!.strength * weight);
    if (weight >= ON_TOPIC) facts.push(...evidence[i]!.facts);
  }
  return { strength, facts: [...new Set(facts)] };
}

/** The question's names, numbers and specific words that the unit has. */
function salientIn(unit: Unit, analysis: QueryAnalysis, ctx: AnswerContext) {
  const text = matchText(unit.text, ctx.lang);
  return analysis.salient.filter((e) => e.inCorpus && e.forms.some((f) => text.includes(f)));
}

/**
 * Quotes composed for a question, by context and unit: ranking reads a unit several times (as a result, as what
 * continues another, as a candidate), and composing is most of an answer's time.
 */
const composed = new WeakMap<AnswerContext, WeakMap<QueryAnalysis, WeakMap<Unit, Composed>>>();

export function composeQuote(unit: Unit, analysis: QueryAnalysis, ctx: AnswerContext): Composed {
  const byAnalysis = composed.get(ctx) ?? composed.set(ctx, new WeakMap()).get(ctx)!;
  const byUnit = byAnalysis.get(analysis) ?? byAnalysis.set(analysis, new WeakMap()).get(analysis)!;
  const made = byUnit.get(unit) ?? compose(unit, analysis, ctx);
  byUnit.set(unit, made);
  return made;
}

function compose(unit: Unit, analysis: QueryAnalysis, ctx: AnswerContext): Composed {
  const spans = answerSpans(unit.text, unit.lang);
  if (spans.length === 0) {
    const evidence = typeEvidence(unit.text, analysis, ctx);
    const speaksOfAsked = analysis.asked.some((a) => matchText(unit.text, ctx.lang).includes(a));
    return { unit, quote: unit.text, matched: unit.text, coverage: maskedCoverage(unit.text, analysis, ctx), evidence, speaksOfAsked };
  }
  const local = LOCAL_TYPES.has(analysis.answerType);
  const spanCoverage = spans.map((s) => maskedCoverage(s.text, analysis, ctx));
  const topical = topicality(spans, spanCoverage, ctx);
  const spanEvidence = local ? spans.map((s) => typeEvidence(s.text, analysis, ctx)) : [];
  // Only for kinds without a form of their own: a count already looks for the counted thing next to the number.
  const askedIn = spans.map((sp) => !local && analysis.asked.some((a) => matchText(sp.text, ctx.lang).includes(a)));
  const spanAsked = (lo: number, hi: number) => (askedIn.slice(lo, hi + 1).some(Boolean) ? 1 : 0);
  const salient = analysis.answerType === 'yesno' ? salientIn(unit, analysis, ctx) : [];
  const salientShare = (text: string) => {
    if (salient.length === 0) return 0;
    const t = matchText(text, ctx.lang);
    return salient.filter((e) => e.forms.some((f) => t.includes(f))).length / salient.length;
  };
  // A yes/no is answered where its names are spoken of most: "在拉脱维亚，如果…便可以…", not the list naming 拉脱维亚 among others.
  const spanSalient = spans.map((s, i) => salientShare(s.text) * spanCoverage[i]!);
  const namedAt = (lo: number, hi: number) => Math.max(...spanSalient.slice(lo, hi + 1));
  let best = { lo: 0, hi: 0, score: -Infinity, coverage: 0, evidence: { strength: 0, facts: [] } as Evidence };
  for (let lo = 0; lo < spans.length; lo++) {
    for (let hi = lo; hi < Math.min(spans.length, lo + MAX_SPANS); hi++) {
      const text = unit.text.slice(spans[lo]!.start, spans[hi]!.end);
      if (hi > lo && text.length > MAX_CHARS) break;
      const coverage = hi === lo ? spanCoverage[lo]! : maskedCoverage(text, analysis, ctx);
      const evidence = local ? localEvidence(spanEvidence, topical, lo, hi, coverage) : typeEvidence(text, analysis, ctx);
      const score =
        coverage +
        EVIDENCE_WEIGHT * evidence.strength +
        ASKED_WEIGHT * spanAsked(lo, hi) +
        SALIENT_WEIGHT * salientShare(text) +
        NAMED_AT_WEIGHT * namedAt(lo, hi) -
        SPAN_PENALTY * (hi - lo);
      if (score > best.score + 1e-9) best = { lo, hi, score, coverage, evidence };
    }
  }
  const glance = unit.text.length <= GLANCE_CHARS;
  const lo = glance ? glanceStart(spans, best.lo, ctx) : best.lo;
  const hi = glance || analysis.narrative ? narrativeEnd(spans, best.lo, best.hi, unit, analysis, ctx) : best.hi;
  const quote = unit.text.slice(spans[lo]!.start, spans[hi]!.end);
  const matched = unit.text.slice(spans[best.lo]!.start, spans[best.hi]!.end);
  return { unit, quote, matched, coverage: best.coverage, evidence: best.evidence, speaksOfAsked: spanAsked(best.lo, best.hi) === 1 };
}

/** What someone said or did is quoted up to this long: a panellist's paragraph is often one statement throughout. */
const NARRATIVE_CHARS = 700;
/** A sentence whose subject is the one before's: "她强调…", "然后，她描述了…", "该系统…". */
const SAME_SUBJECT: Record<Lang, RegExp> = {
  zh: /^(?:(?:然后|接着|随后|最后|同时|另外)[，,]?)?(?:她|他|其|该|这|上述)/,
  en: /^(?:(?:then|finally|also|further),?\s+)?(?:she|he|they|it|this|these|the (?:same|latter))\b/i,
};
/** What may lead a sentence before its subject: a connective ("此外，", "又如", "更具体地说，"), a date ("2018 年，"). */
const LEAD =
  /^(?:(?:此外|另外|同样|同时|与此同时|例如|又如|比如|再如|更具体地说|具体而言|In addition|Similarly|Moreover|For example)[，,]?\s*|(?:\d{4}\s*年(?:\s*\d{1,2}\s*月)?|同年|In \d{4})[，,]?\s*)*/i;
/** A sentence's opening clause, after its lead: where a new subject is named. */
const OPENING = /^[^，,：:；;。.]*/;

/**
 * "What did X say / do": the telling goes on after the sentence introducing it ("X介绍了…。她强调…。然后，她描述了…"),
 * so the quote does too, up to the length bound, and stops at a sentence whose opening names someone or somewhere
 * not yet spoken of ("波兰成立了…", "此外，在哥伦比亚，…"): the next country's report.
 */
function narrativeEnd(spans: Sentence[], lo: number, hi: number, unit: Unit, analysis: QueryAnalysis, ctx: AnswerContext): number {
  const question = matchText(analysis.question, ctx.lang);
  let end = hi;
  for (let i = hi + 1; i < spans.length; i++) {
    if (spans[i]!.end - spans[lo]!.start > NARRATIVE_CHARS) break;
    const next = spans[i]!.text;
    const sofar = `${question} ${unit.text.slice(spans[lo]!.start, spans[end]!.end)}`;
    if (opensAnew(next, sofar, ctx)) break;
    end = i;
  }
  return end;
}

/** Back from the matched sentence to the first sentence of its subject: not into another country's report. */
function glanceStart(spans: Sentence[], lo: number, ctx: AnswerContext): number {
  let start = lo;
  while (start > 0 && !opensAnew(spans[start]!.text, spans[start - 1]!.text, ctx)) start--;
  return start;
}

/** A sentence that neither carries on its subject (她…, 该…) nor is about someone already named: another report begins. */
const opensAnew = (text: string, sofar: string, ctx: AnswerContext) => !SAME_SUBJECT[ctx.lang].test(text) && namesNewSubject(text, sofar, ctx);

function namesNewSubject(text: string, sofar: string, ctx: AnswerContext): boolean {
  const opening = OPENING.exec(text.replace(LEAD, ''))?.[0] ?? '';
  // The sentence's first word starts it, capitalised or not; a name is a capitalised word after it.
  const latin = (opening.match(/(?<=\S\s+)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*/g) ?? []).filter((n) => !sofar.includes(n));
  if (ctx.lang === 'en') return latin.length > 0;
  // The subject is the clause's first noun before its first verb, the office named everywhere (毒品和犯罪问题办公室)
  // aside: "波兰成立了…", "在哥伦比亚，…", "毒品和犯罪问题办公室在X支持…" name someone new; "公安部与阿里巴巴集团合作…" goes
  // on about 公安部, and "与会者商定将…布达佩斯进程…" about the participants.
  const words = ctx.tokenizer.tag(opening);
  const verb = words.findIndex((t) => t.tag.startsWith('v'));
  const subject = words.slice(0, verb === -1 ? words.length : verb).find((t) => t.tag.startsWith('n') && t.word.length >= 2 && !everywhere(t.word, ctx.stats));
  return latin.length > 0 || (subject !== undefined && NAME_TAGS.has(subject.tag) && !sofar.includes(subject.word));
}
