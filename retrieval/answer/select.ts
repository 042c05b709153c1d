/**
 * Which passages an answer shows, in what order. Candidates are the best retrieved units, the
 * recommendations held inside a retrieved paragraph (cited rather than the paragraph), and the unit after a
 * lead-in ("收到了下列国家的答复：", a meeting named in one paragraph and its outcome in the next). They are
 * ordered by how well they answer — coverage of the question, the asked kind of fact, the named things,
 * the document the question names — not by retrieval rank alone. A further passage is shown only when it
 * adds a fact of the asked kind that the earlier ones do not have, or when the score cannot tell it from the
 * first (two recommendations on the asked topic); the look-alike paragraph of a report on another topic is not
 * shown when the question names its own.
 */
import { asLanguage } from '../query/countries.js';
import type { AnswerType, Lang, QueryAnalysis, SalientElement, ScoredUnit, Unit } from '../types.js';
import { type Composed, composeQuote, maskedCoverage, maskingTerms, pointsBack } from './compose.js';
import { type AnswerContext, type AnswerView, matchText, viewFor } from './context.js';
import { itemsNamed } from './evidence.js';
import { COUNTRY_ASKED, YEAR, YEARS } from './evidence-common.js';

/** Retrieved units considered: beyond these the ranking is too uncertain to quote… */
const CANDIDATE_UNITS = 5;
/**
 * …unless none of those names everything the question names and a unit further down does (南非 and 蓝心运动,
 * ranked seventh under the report's own words "2019 working group"): considered down to this rank.
 */
const NAMING_UNITS = 10;
/** …and scores at least this share of the first result's score: a passing mention further down is no answer. */
const NAMING_SCORE = 0.6;
export const MAX_PASSAGES = 3;
/** Kinds of fact that only a passage stating them answers: a number, a date, a place, a name. */
export const STRICT_TYPES: ReadonlySet<AnswerType> = new Set<AnswerType>(['count', 'date', 'place', 'name', 'person_body']);
/**
 * What the answer score weighs, each 0..1: retrieval rank (1/rank), coverage of the question by the quote in
 * its context, the asked kind of fact (for numbers, dates, places, names, definitions and statements, where
 * only the passage stating it answers; and for the other kinds), the named things, the document the question
 * names, speaking of the asked thing, and being a summary (a paragraph saying the same is the more exact
 * citation).
 */
export interface CandidateFeatures {
  rank: number;
  coverage: number;
  strictEvidence: number;
  evidence: number;
  salient: number;
  title: number;
  asked: number;
  summary: number;
}

/** Weights of the answer score over the features (searched on all the tuning sets, scripts/dev/fit-ranker.mts; see README "Evaluation"). */
export const WEIGHTS: CandidateFeatures = { rank: 0.3, coverage: 1.3, strictEvidence: 1, evidence: 0.5, salient: 0.35, title: 0.6, asked: 0.3, summary: -0.3 };

/**
 * Kinds whose evidence weighs as a number's: what a definition is, is told by the passage that explains it, and
 * who sits on a committee by the one that enumerates them, not the one that says what the committee does.
 */
const STRICT_EVIDENCE: ReadonlySet<AnswerType> = new Set<AnswerType>([...STRICT_TYPES, 'definition', 'statement', 'list']);

export const answerScore = (f: CandidateFeatures, w: CandidateFeatures = WEIGHTS): number =>
  (Object.keys(w) as (keyof CandidateFeatures)[]).reduce((s, k) => s + w[k] * f[k], 0);
/** A further passage must cover the question nearly as well as the first. */
const RELATIVE_COVERAGE = 0.75;
/**
 * Candidates scoring this close to the first answer equally well as far as the score can tell (two
 * recommendations on the same topic): both are shown rather than one picked at random.
 */
const TIE = 0.05;
/** Bound on all quotes together, so an answer stays readable in a chat message. */
const MAX_TOTAL_CHARS = 1200;

export interface Candidate extends Composed {
  /** The question as read for this unit (its language's reading) and the context it was read in. */
  view: AnswerView;
  result: ScoredUnit;
  /** 1-based retrieval rank of the unit (or of the unit it was reached from). */
  rank: number;
  /** The answer score the order follows. */
  score: number;
  /** Share of the question's salient elements (that the corpus has) found in the unit or its document. */
  salient: number;
  /** Term coverage of the quote read with its headings (and a recommendation's lead, or the unit it continues). */
  contextCoverage: number;
  /** For a unit reached as the continuation of another: that unit. */
  after?: Unit;
  /** What the score weighed. */
  features: CandidateFeatures;
}

const LEAD_IN = /[：:]\s*$/;
/** Retrieved units whose next unit is considered when they lack the asked kind of fact. */
const FOLLOWED_UNITS = 3;

/**
 * Text a salient element may be found in: the unit, its headings and its document's titles; numbers may also
 * be the document's own date, session or symbol ("in the 2018 report"). A place or body named only in the
 * document's particulars (where its session met) is not evidence about the unit.
 */
function context(unit: Unit, kind: SalientElement['kind'], ctx: AnswerContext): string {
  const m = ctx.units.meta(unit.source);
  const own = [unit.text, ...unit.section, m.symbol, m.title.zh, m.title.en, m.shortTitle.zh, m.shortTitle.en];
  return matchText([...own, ...(kind === 'number' || kind === 'ordinal' ? [m.body, m.session, m.date] : [])].join(' '), ctx.lang);
}

/** What a question calls the document it asks of: a report, a session, the working group that met. */
const DOCUMENT = '(?:报告|文件|届会|reports?|documents?|sessions?|wg|working group|conference of the parties)';
/** A year the question gives to the document ("the 2008 Secretary-General report", 2018年的报告, "report of 2008"). */
const yearOfReport = (question: string, year: string) =>
  new RegExp(
    String.raw`${year}\s*年?[^，。？！,.?!]{0,8}?${DOCUMENT}|\b${year}(?:\s+[a-z.'-]+){0,4}\s+${DOCUMENT}\b|${DOCUMENT}\s+(?:of|from|in|for)\s+${year}`,
    'i',
  ).test(question);

/**
 * A year asked is not found in the document's date by a unit that dates its own facts by other years (2005,
 * 2006, 2007: what happened in 2008 is not what the 2008 report says of 2007), nor by one about none of the
 * question's names. A year the question gives to the report is.
 */
function yearNotTheDocuments(unit: Unit, element: SalientElement, analysis: QueryAnalysis, ctx: AnswerContext): boolean {
  if (element.kind !== 'number' || !YEAR.test(element.text)) return false;
  const years: string[] = unit.text.match(YEARS) ?? [];
  if (years.includes(element.text) || yearOfReport(analysis.question, element.text)) return false;
  const names = analysis.salient.filter((e) => e.kind === 'name' && e.inCorpus);
  return years.length > 0 || (names.length > 0 && !names.some((e) => mentions(unit, e, analysis, ctx)));
}

/** What a fixed phrase names after a place's name in it: a meeting, a declaration, a treaty held or signed there. */
const NAMED_AFTER_PLACE = /(?:论坛|会议|宣言|进程|公约|议定书|协定|声明|原则|议程|行动计划)$/;

/**
 * Whether a salient element is found in the unit or its document (see `context`). A name found only in the name
 * of a meeting or an instrument the question does not ask about is not evidence about it: Vienna of 维也纳论坛 is
 * not where something was launched.
 */
export function mentions(unit: Unit, element: SalientElement, analysis: QueryAnalysis, ctx: AnswerContext): boolean {
  if (yearNotTheDocuments(unit, element, analysis, ctx)) return false;
  const text = context(unit, element.kind, ctx);
  const { question, asked } = maskingTerms(analysis, ctx);
  // A question naming that kind of thing after the place ("拉巴特和喀土穆进程") asks about the phrase itself.
  const namedAfter = (phrase: string) =>
    element.forms.some((f) => phrase.startsWith(f) && NAMED_AFTER_PLACE.test(phrase) && !question.includes(phrase.slice(f.length)));
  const seen = element.kind === 'name' ? ctx.phrases.maskUnasked(text, element.forms, asked, namedAfter) : text;
  // Nor is a country's language (越南语 in a list of the languages a course is in) the country.
  const standsAlone = (f: string) => {
    for (let at = seen.indexOf(f); at !== -1; at = seen.indexOf(f, at + 1)) if (!asLanguage(seen, at, f)) return true;
    return false;
  };
  return element.forms.some(standsAlone);
}

/**
 * A continuation that points back to the unit it continues (根据该举措…) speaks of what that unit names; one that only
 * adds to it (此外, "in addition") speaks of something else.
 */
const inheritsFrom = (unit: Unit, after: Unit | undefined): Unit | undefined =>
  after && pointsBack(unit.text, unit.lang) && !ADDS_TO.test(unit.text.trimStart()) ? after : undefined;
const ADDS_TO = /^(?:此外|另外|in addition|furthermore|moreover)/i;

/** Whether a candidate's unit, or the unit it points back to, mentions a salient element. */
export function candidateMentions(c: Pick<Candidate, 'unit' | 'after'>, element: SalientElement, analysis: QueryAnalysis, ctx: AnswerContext): boolean {
  const from = inheritsFrom(c.unit, c.after);
  return mentions(c.unit, element, analysis, ctx) || (from !== undefined && mentions(from, element, analysis, ctx));
}

export function salientShare(unit: Unit, analysis: QueryAnalysis, ctx: AnswerContext): number {
  const known = analysis.salient.filter((s) => s.inCorpus);
  if (known.length === 0) return 1;
  return known.filter((s) => mentions(unit, s, analysis, ctx)).length / known.length;
}

/** A document's title in the language the context reads. */
const titleOf = (unit: Unit, ctx: AnswerContext) => {
  const m = ctx.units.meta(unit.source);
  return matchText(`${m.title[ctx.lang]} ${m.shortTitle[ctx.lang]}`, ctx.lang);
};

/**
 * How much the question favours each document by words that some candidates' titles have and others' lack
 * ("in the smuggling of migrants report", "the trafficking protocol"): the share of those words in its title.
 */
function titleMatches(units: Unit[], analysis: QueryAnalysis, ctx: AnswerContext): Map<string, number> {
  const sources = [...new Set(units.map((u) => u.source))];
  const titles = new Map(sources.map((s) => [s, titleOf(units.find((u) => u.source === s)!, ctx)]));
  const inTitle = (g: QueryAnalysis['groups'][number], title: string) => g.members.some((m) => title.includes(m.term));
  const telling = analysis.groups.filter((g) => {
    const n = [...titles.values()].filter((t) => inTitle(g, t)).length;
    return n > 0 && n < titles.size;
  });
  return new Map(sources.map((s) => [s, telling.length ? telling.filter((g) => inTitle(g, titles.get(s)!)).length / telling.length : 0]));
}

/** A continuation counts a little less than the unit it continues. */
const CONTINUATION_DISCOUNT = 0.9;

/**
 * Coverage of a quote read with its headings, the lead of the paragraph holding a recommendation, and the unit
 * a continuation continues (its coverage discounted a little).
 */
function coverageInContext(c: Composed, after: Unit | undefined, analysis: QueryAnalysis, ctx: AnswerContext): number {
  const holder =
    c.unit.kind === 'recommendation'
      ? ctx.units.documentUnits(c.unit.source, c.unit.lang).find((u) => u.kind === 'paragraph' && u.paragraph === c.unit.paragraph)
      : undefined;
  const lead = holder?.text.split('\n')[0] ?? '';
  const own = maskedCoverage([c.matched, ...c.unit.section, lead].join(' '), analysis, ctx);
  return after ? Math.max(own, CONTINUATION_DISCOUNT * maskedCoverage(`${after.text} ${c.matched}`, analysis, ctx)) : own;
}

/** The units an answer may quote from, with what each was reached from. */
interface Reached {
  unit: Unit;
  result: ScoredUnit;
  rank: number;
  /** For a unit reached as the continuation of another: that unit, whose words it is read with. */
  after?: Unit;
}

/**
 * The agenda items a unit speaks of (议程项目 3, 项目 3 下的讨论; agenda item 3): a report introduces an item in one
 * paragraph and gives its panellists or outcome in a later one that names the item only by its number.
 */
const AGENDA_ITEM =
  /(?:议程)?项目\s*(\d+(?:\s*(?:和|、|及|至)\s*\d+)*)(?!\s*(?:年|期|个|月|\d))|\bagenda items? (\d+(?:\s*(?:and|,|to)\s*\d+)*)\b|\bitem (\d+)\b/gi;
/** Paragraphs on the same item read further, at most: the item's panellists, its outcome. */
const ITEM_PARAGRAPHS = 5;

/** A paragraph of the same report referred to for what this one leaves out: "（见上文第 3 段）", "(see para. 3 above)". */
const SEE_PARAGRAPH = /见[上下]文第\s*(\d+)\s*段|\bsee (?:also )?(?:para(?:graph)?s?\.?)\s*(\d+)/gi;

function referredParagraphs(unit: Unit, units: readonly Unit[]): Unit[] {
  const numbers = new Set([...unit.text.matchAll(SEE_PARAGRAPH)].map((m) => Number(m[1] ?? m[2])));
  return units.filter((u) => u.kind === 'paragraph' && u !== unit && u.paragraph !== null && numbers.has(u.paragraph));
}

function agendaItems(text: string): Set<string> {
  return new Set([...text.matchAll(AGENDA_ITEM)].flatMap((m) => (m[1] ?? m[2] ?? m[3]!).match(/\d+/g)!));
}

/** Whether two units speak of different agenda items (each of some, none in common). */
function otherItem(a: Unit, b: Unit): boolean {
  const x = agendaItems(a.text);
  const y = agendaItems(b.text);
  return x.size > 0 && y.size > 0 && ![...y].some((n) => x.has(n));
}

/** "Which countries…" lists: answered only by the countries a paragraph names. */
const asksCountries = (analysis: QueryAnalysis) => analysis.answerType === 'list' && COUNTRY_ASKED.test(analysis.question);

const COUNTRY_WORD = /^(?:国家|国|政府|countries|country|states?|governments?)$/;

/** Whether a unit has a term of the question besides the asked kind's own word (国家). */
function speaksOf(unit: Unit, analysis: QueryAnalysis, ctx: AnswerContext): boolean {
  const text = matchText(unit.text, ctx.lang);
  return analysis.groups.some((g) => !g.members.some((m) => COUNTRY_WORD.test(m.term)) && g.members.some((m) => text.includes(m.term)));
}

/**
 * Evidence that a unit holds the asked kind of fact: in full, or in a sentence a little off the quote's topic
 * (whose evidence compose weighs down, to 0.8 at most).
 */
const holdsAsked = (evidence: Composed['evidence']) => evidence.strength >= HOLDS_ASKED;
const HOLDS_ASKED = 0.75;

function reachable(results: ScoredUnit[], ctx: AnswerContext, analysis: QueryAnalysis): Reached[] {
  const out: Reached[] = [];
  const add = (unit: Unit, result: ScoredUnit, rank: number, after?: Unit) => {
    if (!out.some((c) => c.unit === unit)) out.push({ unit, result, rank, after });
  };
  const namesAll = (unit: Unit) => {
    const read = viewFor(unit, analysis, ctx);
    return salientShare(unit, read.analysis, read.ctx) === 1;
  };
  const deeper = !results.slice(0, CANDIDATE_UNITS).some((r) => namesAll(r.unit));
  results.slice(0, deeper ? NAMING_UNITS : CANDIDATE_UNITS).forEach((result, i) => {
    if (i >= CANDIDATE_UNITS && (!namesAll(result.unit) || result.score < NAMING_SCORE * results[0]!.score)) return;
    const units = ctx.units.documentUnits(result.unit.source, result.unit.lang);
    const nested = result.unit.kind === 'paragraph' ? units.filter((u) => u.kind === 'recommendation' && u.paragraph === result.unit.paragraph) : [];
    // A paragraph holding recommendations is cited by the recommendation that answers, never twice.
    for (const u of nested.length ? nested : [result.unit]) add(u, result, i + 1);
    const at = units.indexOf(result.unit);
    const next = units[at + 1];
    if (!next || next.kind === 'summary') return;
    // A lead-in ("收到了下列国家的答复：") is continued by the next unit of its section, and a paragraph that names
    // the topic but not the asked number, date, place or name by the next one (a meeting here, its outcome there;
    // the request in an introduction, the replies at the head of the next section). That continuation is worth
    // reading only when it holds what its predecessor lacked.
    const view = viewFor(result.unit, analysis, ctx);
    const composed = composeQuote(result.unit, view.analysis, view.ctx);
    const sameSection = next.section.join('|') === result.unit.section.join('|');
    const countries = asksCountries(analysis);
    // A list named short of the items asked for ("the 13 countries", two named) lacks the rest.
    const short = () => analysis.listSize !== null && (itemsNamed(composed.quote, view.analysis, view.ctx) ?? Infinity) < analysis.listSize;
    const lacking = i < FOLLOWED_UNITS && (((STRICT_TYPES.has(analysis.answerType) || countries) && composed.evidence.strength < 1) || short());
    // Countries named next are the answer only in a paragraph that speaks of what was asked (the replies after
    // the request), not of something else.
    // Nor is a paragraph that drops a thing the question names which this one has (the next meeting's countries),
    // unless it opens by pointing back to this one ("会议由工作组主席…宣布开幕" after the meeting named).
    const named = salientShare(result.unit, view.analysis, view.ctx);
    const continues = (u: Unit) =>
      holdsAsked(composeQuote(u, view.analysis, view.ctx).evidence) &&
      (!countries || speaksOf(u, view.analysis, view.ctx)) &&
      (salientShare(u, view.analysis, view.ctx) >= named || pointsBack(u.text, u.lang));
    if ((sameSection && LEAD_IN.test(composed.quote)) || (lacking && continues(next))) {
      add(next, result, i + 1, result.unit);
    } else if (lacking) {
      // Or by the paragraph it refers to for it, or a later paragraph on the same agenda item that gives it.
      const items = agendaItems(result.unit.text);
      const onItem = items.size
        ? units
            .slice(at + 2)
            .filter((u) => u.kind === 'paragraph' && [...agendaItems(u.text)].some((n) => items.has(n)))
            .slice(0, ITEM_PARAGRAPHS)
        : [];
      const later = [...referredParagraphs(result.unit, units), ...onItem].find(continues);
      if (later) add(later, result, i + 1, result.unit);
    }
  });
  return out;
}

export function rankCandidates(results: ScoredUnit[], analysis: QueryAnalysis, ctx: AnswerContext, weights: CandidateFeatures = WEIGHTS): Candidate[] {
  const strict = STRICT_EVIDENCE.has(analysis.answerType);
  const found = reachable(results, ctx, analysis);
  // Title words are compared in each reading's language, over every candidate document's title in it.
  const titlesIn = new Map<Lang, Map<string, number>>();
  const titles = (view: AnswerView) => {
    const known = titlesIn.get(view.ctx.lang);
    if (known) return known;
    const made = titleMatches(
      found.map((f) => f.unit),
      view.analysis,
      view.ctx,
    );
    titlesIn.set(view.ctx.lang, made);
    return made;
  };
  return found
    .map(({ unit, result, rank, after }) => {
      const view = viewFor(unit, analysis, ctx);
      const composed = composeQuote(unit, view.analysis, view.ctx);
      const from = inheritsFrom(unit, after);
      const salient = Math.max(salientShare(unit, view.analysis, view.ctx), from ? salientShare(from, view.analysis, view.ctx) : 0);
      const coverage = coverageInContext(composed, after, view.analysis, view.ctx);
      const features: CandidateFeatures = {
        rank: 1 / rank,
        coverage,
        strictEvidence: strict ? composed.evidence.strength : 0,
        evidence: strict ? 0 : composed.evidence.strength,
        salient,
        title: titles(view).get(unit.source)!,
        asked: composed.speaksOfAsked ? 1 : 0,
        summary: unit.kind === 'summary' ? 1 : 0,
      };
      return { ...composed, view, result, rank, after, score: answerScore(features, weights), salient, contextCoverage: coverage, features };
    })
    .sort((a, b) => b.score - a.score || a.rank - b.rank);
}

/** Facts of the asked kind in `c` that none of `shown` has (in its language: facts are compared as written). */
function addsFacts(c: Candidate, shown: Candidate[]): boolean {
  if (c.evidence.facts.length === 0) return false;
  const same = shown.filter((s) => s.view.ctx.lang === c.view.ctx.lang);
  const known = new Set(same.flatMap((s) => s.evidence.facts));
  const quotes = same.map((s) => matchText(s.quote, c.view.ctx.lang));
  return c.evidence.facts.some((f) => !known.has(f) && !quotes.some((q) => q.includes(f)));
}

/**
 * A unit whose document's title lacks a question word that the first passage's title has: a report on another
 * topic. Both titles are read in the candidate's language, with its reading.
 */
function otherTopic(c: Candidate, first: Candidate): boolean {
  // The panellists of another agenda item of the same meeting answer nothing about this one.
  if (c.unit.source === first.unit.source) return otherItem(c.unit, first.unit);
  const { analysis, ctx } = c.view;
  const quote = matchText(c.quote, ctx.lang);
  return analysis.groups.some((g) => {
    const inFirst = g.members.some((m) => titleOf(first.unit, ctx).includes(m.term));
    const inThis = g.members.some((m) => titleOf(c.unit, ctx).includes(m.term) || quote.includes(m.term));
    return inFirst && !inThis;
  });
}

export function choosePassages(ranked: Candidate[]): Candidate[] {
  const first = ranked[0];
  if (!first) return [];
  const chosen = [first];
  let total = first.quote.length;
  for (const c of ranked.slice(1)) {
    if (chosen.length >= MAX_PASSAGES) break;
    if (c.coverage < RELATIVE_COVERAGE * first.coverage) continue;
    if (total + c.quote.length > MAX_TOTAL_CHARS || otherTopic(c, first)) continue;
    const tied = first.score - c.score <= TIE;
    if (!tied && (c.evidence.strength < 1 || !addsFacts(c, chosen))) continue;
    chosen.push(c);
    total += c.quote.length;
  }
  return chosen;
}
