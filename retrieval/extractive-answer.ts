/**
 * Extractive answers: the sentences of the top paragraphs that cover the question best, quoted verbatim,
 * each with its citation label, then the list of sources. The only words not taken from the documents
 * are the framing (`According to …:`, `来源：`) in the language of the question.
 */
import { type TermGroup, termCoverage, termGroups } from './answer/term-coverage.js';
import type { TermStats } from './answer/topicality.js';
import { abstainedAnswer, assessConfidence } from './confidence.js';
import { citationMarker, unitLabel } from './labels.js';
import { splitSentences } from './split-sentences.js';
import type { Answer, Citation, DocumentMeta, Lang, QueryAnalysis, ScoredUnit, Unit } from './types.js';

export interface AnswerInput {
  question: string;
  analysis: QueryAnalysis;
  /** Retrieval results, best first. */
  results: ScoredUnit[];
  metas: Map<string, DocumentMeta>;
  /** The keyword index, for the confidence's topicality signal (see confidence.ts). */
  termStats?: TermStats;
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

interface Passage {
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

function choosePassages(results: ScoredUnit[], groups: readonly TermGroup[]): Passage[] {
  const candidates = results.slice(0, CANDIDATE_UNITS).map((result) => ({ result, ...bestQuote(result.unit, groups) }));
  const first = candidates[0];
  if (!first) return [];
  // The first result leads: fusion ranked it first on the whole unit, not just on one sentence.
  const chosen: Passage[] = [first];
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

export function citationOf(unit: Unit, meta: DocumentMeta, lang: Lang, quote: string, score: number): Citation {
  return {
    source: unit.source,
    paragraph: unit.paragraph,
    recommendation: unit.recommendation,
    label: unitLabel(meta, unit, lang),
    quote,
    score,
  };
}

/** The nearest units, each with its best sentence, offered when the answer abstains. */
export function relatedCitations(results: ScoredUnit[], metas: Map<string, DocumentMeta>, lang: Lang, groups: readonly TermGroup[]): Citation[] {
  return results.slice(0, RELATED_UNITS).flatMap((r) => {
    const meta = metas.get(r.unit.source);
    return meta ? [citationOf(r.unit, meta, lang, bestQuote(r.unit, groups).quote, r.score)] : [];
  });
}

/** The closing list of sources, shared by every answer mode. */
export function sourcesList(sources: Citation[], metas: Map<string, DocumentMeta>, lang: Lang): string {
  const seen = new Set<string>();
  const items = sources.flatMap((c) => {
    if (seen.has(c.label)) return [];
    seen.add(c.label);
    const meta = metas.get(c.source);
    // A symbol says little to most readers: name the report beside it.
    if (!meta || meta.symbol === null) return [`- ${c.label}`];
    return [lang === 'zh' ? `- ${c.label}（${meta.shortTitle.zh}）` : `- ${c.label} (${meta.shortTitle.en})`];
  });
  return [lang === 'zh' ? '来源：' : 'Sources:', ...items].join('\n');
}

/** One answer line per distinct quote: identical sentences of parallel reports share a line. */
function render(lines: { quote: string; labels: string[] }[], sources: Citation[], metas: Map<string, DocumentMeta>, lang: Lang): string {
  const body = lines.map(({ quote, labels }) =>
    lang === 'zh'
      ? `「${quote}」${labels.map((l) => citationMarker(l, lang)).join('')}`
      : `According to ${labels.join(' and ')}: 「${quote}」`,
  );
  return [...body, '', sourcesList(sources, metas, lang)].join('\n');
}

export function extractiveAnswer(input: AnswerInput): Answer {
  const { analysis, results, metas } = input;
  const lang = input.replyLang ?? analysis.lang;
  const groups = termGroups(analysis.terms);
  const referenced = (input.referenced ?? []).filter((u) => metas.has(u.source)).slice(0, MAX_UNITS);
  const usable = results.filter((r) => metas.has(r.unit.source));
  let confidence = 1;
  let passages: Passage[];
  if (referenced.length > 0) {
    const budget = Math.floor(MAX_TOTAL_CHARS / referenced.length);
    passages = referenced.map((unit) => ({ result: { unit, score: 1 }, quote: openingQuote(unit, budget), coverage: 1 }));
  } else {
    const assessed = assessConfidence({ ...input, results: usable });
    if (assessed.abstain) return abstainedAnswer(lang, assessed.confidence, relatedCitations(usable, metas, lang, groups), []);
    confidence = assessed.confidence;
    passages = choosePassages(usable, groups);
  }

  const citations: Citation[] = [];
  const lines: { quote: string; labels: string[] }[] = [];
  for (const p of passages) {
    const c = citationOf(p.result.unit, metas.get(p.result.unit.source)!, lang, p.quote, p.result.score);
    citations.push(c);
    const same = lines.find((l) => l.quote === p.quote);
    if (same) same.labels.push(c.label);
    else lines.push({ quote: p.quote, labels: [c.label] });
  }
  return {
    answer: render(lines, citations, metas, lang),
    abstained: false,
    confidence,
    lang,
    citations,
    related: [],
    notes: [],
  };
}
