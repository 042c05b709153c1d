/**
 * The answer/abstain decision. A question is answered when its best passage covers it, carries the asked
 * kind of fact, and speaks of the things the question names; it is not when the question names things the
 * corpus never mentions (a country, a body, a year, a later session), is about something else (words the
 * corpus has in no form, or only as part of a name: 毒品 inside 毒品和犯罪问题办公室), or matches only words
 * that are no more frequent here than in general Chinese. The signals are combined by a logistic model
 * whose weights were fitted on the project's tuning questions (scripts/dev/fit-gate.mts); the figures on
 * questions it was not fitted on are in the README.
 */
import { isVerbForm } from '../query/bridge/english.js';
import { isVerb } from '../query/proper-names.js';
import type { QueryAnalysis, SalientElement, TermGroup } from '../types.js';
import { maskedCoverage } from './compose.js';
import { type AnswerContext, matchText } from './context.js';
import type { Candidate } from './select.js';
import type { Topicality } from './topicality.js';

export interface GateSignals {
  /** Term coverage of the best passage's whole unit (0..1). */
  unitCoverage: number;
  /** Share of the question's informative weight the corpus knows at all (0..1). */
  explained: number;
  /** Question words no query term accounts for. */
  unexplained: string[];
  /** Named things, numbers and ordinals of the question the corpus never mentions. */
  absentNames: string[];
  absentSpecifics: string[];
  /** Real words (Chinese nouns, dictionary English) of the question the corpus has in no form: 枪支, wildlife. */
  absentWords: string[];
  /**
   * Question words the corpus has only inside fixed phrases the question does not ask about (毒品 only in
   * 毒品和犯罪问题办公室): "drug trafficking" is not this corpus's business however often 毒品 occurs.
   */
  boundWords: { term: string; name: string }[];
  /** Whether those are English words: the bridge misses more of those than the corpus does (prevalence, alert). */
  english: boolean;
  /** Share of the question's salient elements that the corpus has and the best unit (or its document) mentions. */
  salientInEvidence: number;
  /** How clearly the best passage carries the asked kind of fact (0..1). */
  evidence: number;
  /** How characteristic of the corpus the most topical matched term is; null without statistics. */
  topicality: number | null;
  /**
   * Coverage × explained share × topicality, all 0..1: high only when the question is this corpus's business
   * and the best unit speaks to most of it ("the capital of France" matches 法国 and 资金, ordinary words).
   */
  support: number;
}

export interface ConfidenceAssessment {
  confidence: number;
  abstain: boolean;
  signals: GateSignals;
}

/**
 * Below this confidence the answer is "not found" (chosen on the tuning questions: ≤ 3% of answerable refused).
 * Above it, a question naming something the documents or the quoted units lack gets a partial answer that says so.
 */
export const ABSTAIN_BELOW = 0.3;

/** Support below this is "not found" (on the tuning questions: no answerable question is that low). */
export const MIN_SUPPORT = 0.2;

/** Logistic weights over the signals (fitted, see the module comment). */
export const GATE = {
  bias: -8.03,
  unitCoverage: -1.61,
  absentName: -1.74,
  absentSpecific: -4.3,
  absentWord: -0.87,
  absentWordEn: -0.41,
  salientInEvidence: 2.73,
  evidence: 2.9,
  topicality: 1.09,
  support: 2.97,
  explained: 2.77,
} as const;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function mostTopical(text: string, groups: readonly TermGroup[], topicality: Topicality): number {
  let best = -Infinity;
  for (const g of groups) for (const m of g.members) if (text.includes(m.term)) best = Math.max(best, topicality.of(m.term));
  return best;
}

/** Topicality at or below 1.5 (no more frequent here than in general Chinese) gives 0, at or above 5 gives 1. */
function topicalFactor(topicality: number | null): number {
  return topicality === null ? 1 : clamp((topicality - 1.5) / 3.5, 0, 1);
}

/**
 * An English word that may name what is asked about (cocaine, wildlife, ransomware), rather than say how (came, put,
 * kicked off, roughly, brought): worth telling the asker that it matched nothing. Short words and inflected verbs
 * or adverbs are mostly phrasing.
 */
export const namesAThing = (word: string) => word.length >= NAMING_LENGTH && !saysHow(word);
/** An inflected verb or an adverb (intercepted, singled, roughly): how something was done, said otherwise here. */
const saysHow = (word: string) => word.endsWith('ly') || isVerbForm(word);
const NAMING_LENGTH = 5;
/** Words of the question the documents have, at least, for a word that matched nothing to be only noted. */
const NOTED_AMONG = 3;

function explainedShare(analysis: QueryAnalysis, ctx: AnswerContext): number {
  const known = analysis.groups.reduce((s, g) => s + g.weight, 0);
  // A word the corpus lacks entirely weighs as much as an average word it has. An English one that may name
  // the topic is said in a note instead (the answer is partial), and one that says how is phrasing: the bridge
  // misses too many to refuse on them, unless the question says little else ("the weather in Vienna").
  const noted = analysis.lang === 'en' && analysis.groups.length >= NOTED_AMONG;
  const unexplained = analysis.unexplained.filter((w) => !(noted && (namesAThing(w) || saysHow(w))));
  const phrasing = (w: string) => analysis.lang === 'zh' && !ASKS_HOW.test(analysis.question) && ctx.tokenizer.tag(w).every((t) => !t.tag.startsWith('n'));
  const missed = unexplained.reduce((n, w) => n + (phrasing(w) ? PHRASING_WEIGHT : 1), 0);
  const perWord = analysis.groups.length > 0 ? known / analysis.groups.length : 1;
  return known > 0 ? known / (known + missed * perWord) : 0;
}
/**
 * A Chinese word the corpus lacks that is no noun (搞, 冲着, 用过) is mostly the asker's phrasing, missed at half
 * weight; not in a "how" question, which asks about its verb (怎么选出来的).
 */
const PHRASING_WEIGHT = 0.5;
const ASKS_HOW = /怎么|怎样|如何/;

const absent = (salient: SalientElement[], kinds: SalientElement['kind'][]) => salient.filter((s) => kinds.includes(s.kind) && !s.inCorpus).map((s) => s.text);

export function gateSignals(analysis: QueryAnalysis, best: Candidate | undefined, ctx: AnswerContext): GateSignals {
  // A continuation ("会议由工作组主席…宣布开幕") is as much this corpus's business as the unit it continues.
  const unitText = best ? matchText([best.after?.text ?? '', best.unit.text].join(' '), ctx.lang) : '';
  const topical = ctx.topicality && best ? mostTopical(unitText, analysis.groups, ctx.topicality) : null;
  return {
    unitCoverage: best ? maskedCoverage(best.unit.text, analysis, ctx) : 0,
    explained: explainedShare(analysis, ctx),
    unexplained: analysis.unexplained,
    absentNames: absent(analysis.salient, ['name']),
    absentSpecifics: absent(analysis.salient, ['number', 'ordinal']),
    absentWords: absent(analysis.salient, ['word']),
    boundWords: boundWords(analysis, ctx),
    english: analysis.lang === 'en',
    salientInEvidence: best ? best.salient : 0,
    evidence: best?.evidence.strength ?? 0,
    topicality: topical,
    support: best ? ((best.contextCoverage + maskedCoverage(best.unit.text, analysis, ctx)) / 2) * explainedShare(analysis, ctx) * topicalFactor(topical) : 0,
  };
}

/**
 * Question words the corpus has only inside a fixed phrase the question does not otherwise name: not the
 * question's other words in it (无人 and 陪伴 together name 无人陪伴的未成年人), not a name (伊朗 in
 * 伊朗伊斯兰共和国 is still Iran).
 */
function boundWords(analysis: QueryAnalysis, ctx: AnswerContext): { term: string; name: string }[] {
  const question = matchText(analysis.question, ctx.lang);
  const names = analysis.salient.filter((e) => e.kind === 'name').flatMap((e) => e.forms);
  const out: { term: string; name: string }[] = [];
  for (const g of analysis.groups) {
    // An abbreviation (欧盟, jieba's tag j) stands for a name the documents may write out (欧洲联盟); an English
    // verb's translation ("wrote" → 撰写, found only in 司法协助请求书撰写工具) is how something was done, not what
    // the question is about.
    const verbOnly = (m: { term: string }) => analysis.lang === 'en' && isVerb(m.term, ctx.tokenizer);
    const abbreviation = (m: { term: string }) => ctx.tokenizer.tag(m.term).some((t) => t.tag === 'j');
    if (g.members.some((m) => names.includes(m.term) || abbreviation(m)) || g.members.every(verbOnly)) continue;
    const others = analysis.groups.filter((o) => o !== g).flatMap((o) => o.members.map((m) => m.term));
    const holders = g.members.map((m) => ctx.phrases.enclosing(m.term, ctx.stats));
    // A phrase that is a kind of the word (自愿信托基金 is a 信托基金), or of the kind another word of the question
    // names ("the Rabat and Khartoum processes": 拉巴特进程 beside 喀土穆进程), is what the question speaks of.
    const named = (p: string, term: string) =>
      question.includes(p) || p.endsWith(term) || others.some((o) => p.includes(o) || (o.length > 2 && o.slice(-2) === p.slice(-2)));
    const bound = holders.every((phrases, i) => phrases !== null && !phrases.some((p) => named(p, g.members[i]!.term)));
    if (bound) out.push({ term: g.members[0]!.term, name: holders[0]![0]! });
  }
  return out;
}

export function confidenceOf(s: GateSignals): number {
  const g = GATE;
  const topical = s.topicality === null ? 0 : clamp(s.topicality, -2, 8) / 8;
  const z =
    g.bias +
    g.unitCoverage * s.unitCoverage +
    g.absentName * s.absentNames.length +
    g.absentSpecific * s.absentSpecifics.length +
    (s.english ? g.absentWordEn : g.absentWord) * (s.absentWords.length + s.boundWords.length) +
    g.salientInEvidence * s.salientInEvidence +
    g.evidence * s.evidence +
    g.topicality * topical +
    g.support * s.support +
    g.explained * s.explained;
  return Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
}

export function assessConfidence(analysis: QueryAnalysis, best: Candidate | undefined, ctx: AnswerContext): ConfidenceAssessment {
  const signals = gateSignals(analysis, best, ctx);
  const p = best ? confidenceOf(signals) : 0;
  // Support below the minimum caps the confidence under the threshold, in proportion.
  const confidence = signals.support < MIN_SUPPORT ? Math.min(p, Math.round(ABSTAIN_BELOW * (signals.support / MIN_SUPPORT) * 1000) / 1000) : p;
  // Matching only words no more frequent here than anywhere ("the capital of France"), or little of the
  // question: nothing to answer from, whatever the other signals.
  return { confidence, abstain: confidence < ABSTAIN_BELOW, signals };
}
