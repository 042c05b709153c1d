/**
 * The asked kind of fact in English text (documents' English versions), by the same measure as in Chinese: a
 * number with what it counts, a date, a place where something happened, a name, a cause. Facts are given in the
 * text's match form (stems between spaces) so they compare with the question's and with other quotes'.
 */
import { englishTerm } from '../query/english-stems.js';
import { normalizeText } from '../query/tokenize.js';
import type { CorpusStats, QueryAnalysis } from '../types.js';
import { escapeRegExp } from '../util/escape-regexp.js';
import { matchText } from './context.js';
import { askedText, COUNTRY_ASKED, type Evidence, everywhere, newOnes, YEAR } from './evidence-common.js';

const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|dozens?|hundreds?|thousands?|millions?';
/** A count: a number that is not part of a symbol or a decimal, with up to four words after it. */
const COUNT = new RegExp(`(?<![\\w/.,-])(\\d[\\d,]*(?:\\.\\d+)?|${NUMBER_WORDS})(?![\\w/-])((?:\\s+[A-Za-z-]+){0,4})`, 'gi');
/** What a number after these is: a paragraph, a resolution, an item, a year, not an amount. */
const REFERENCE_BEFORE =
  /(?:para|paras|paragraph|paragraphs|resolution|decision|article|item|annex|chapter|section|rule|page|no|in|since|from|until|by|of|to)\.?\s*$/i;
/** "one" is mostly the article of a sentence, not the asked count, unless something says it counts. */
const COUNTS_ONE = /(?:only|just|a single|a total of)\s*$/i;
const NONE = /\b(?:no|none|not any|nil|zero)\b/i;
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DATE = new RegExp(`\\b(?:\\d{1,2}(?:\\s*(?:-|–|and|to)\\s*\\d{1,2})?\\s+)?(?:${MONTHS})(?:\\s+(?:19|20)\\d{2})?\\b|\\b(?:19|20)\\d{2}\\b`, 'g');
/** Where something happened: "held in Vienna", "in the Republic of Moldova", "at the airport". */
const PLACE = /\b(?:in|at|held in|took place in|hosted in|hosted by|to)\s+((?:the\s+)?[A-Z][\w'’-]+(?:\s+(?:of\s+(?:the\s+)?|and\s+)?[A-Z][\w'’-]+)*)/g;
const SITE =
  /\b(?:at|in)\s+(?:the\s+|an?\s+)?(?:[a-z]+\s+)?(?:airports?|ports?|borders?|border crossings?|schools?|hospitals?|embass(?:y|ies)|consulates?|offices?|headquarters|camps?|centres?|centers?)\b/gi;
const LATIN_NAME = /[A-Z][a-zà-ÿ]+(?:\s+(?:of\s+(?:the\s+)?|and\s+)?[A-Z][a-zà-ÿ]+)+/g;
const QUOTED = /[“"][^”"]{2,60}[”"]/g;
const INSTRUMENT = /\b(?:resolution|decision)\s+\d+\/\d+/gi;
const PERSON_MARK = /\b(?:Mr|Ms|Mrs|Dr|Professor|Ambassador|H\.E)\b\.?/;
const LIST_SEPARATORS = /[,;]|\([a-z]{1,3}\)/g;
const DEFINES =
  /\b(?:is an?|is the|are the|aims? to|aimed at|means|refers to|is intended to|seeks? to|is designed to|(?:its|the) (?:purpose|goal|objective) (?:is|was)|responsible for|dedicated to)\b/i;
const CAUSE =
  /\b(?:because|due to|owing to|in order to|so as to|so that|with a view to|to ensure|to help|to strengthen|as a result of|given that|in view of)\b/i;
const CONSEQUENCE = /(?<=.)\b(?:therefore|thus|hence|consequently|as a result|accordingly)\b/is;
const OPENS_WITH_CONSEQUENCE = /^(?:therefore|thus|hence|consequently|as a result|accordingly)\b/i;
const SAID =
  '(?:said|stated|noted|stressed|highlighted|emphasi[sz]ed|described|presented|reported|explained|mentioned|recommended|proposed|suggested|underlined|outlined|spoke)';

const forms = (found: Iterable<string>) => [...found].map((f) => matchText(f, 'en'));

function countEvidence(raw: string, analysis: QueryAnalysis, question: string): Evidence {
  const facts: string[] = [];
  let counted = false;
  let articles = 0;
  for (const m of raw.matchAll(COUNT)) {
    const [, number, after] = m as unknown as [string, string, string];
    const before = raw.slice(Math.max(0, m.index - 12), m.index);
    if (YEAR.test(number) || REFERENCE_BEFORE.test(before)) continue;
    const fact = englishTerm(normalizeText(number).replace(/,/g, ''));
    if (question.includes(fact)) continue;
    if (/^one$/i.test(number) && !COUNTS_ONE.test(before)) {
      articles++;
      continue;
    }
    facts.push(fact);
    const near = matchText(after, 'en');
    if (analysis.counted.some((c) => near.includes(c) || matchText(raw.slice(Math.max(0, m.index - 40), m.index), 'en').includes(c))) counted = true;
  }
  if (NONE.test(raw)) facts.push(englishTerm('none'));
  if (facts.length === 0) return { strength: articles ? 0.35 : 0, facts };
  return { strength: counted || analysis.counted.length === 0 ? 1 : 0.7, facts: [...new Set(facts)] };
}

export function englishEvidence(raw: string, analysis: QueryAnalysis, stats: CorpusStats): Evidence {
  const question = askedText(analysis, 'en');
  const found = (facts: string[], otherwise = 0): Evidence => {
    const fresh = newOnes(facts, question);
    return { strength: fresh.length ? 1 : otherwise, facts: fresh };
  };
  switch (analysis.answerType) {
    case 'count':
      return countEvidence(raw, analysis, question);
    case 'date':
      return found(forms(raw.match(DATE) ?? []));
    case 'place':
      return found(forms([...[...raw.matchAll(PLACE)].map((m) => m[1]!), ...(raw.match(SITE) ?? [])]));
    case 'name':
      return found(forms([...(raw.match(LATIN_NAME) ?? []), ...(raw.match(QUOTED) ?? []), ...(raw.match(INSTRUMENT) ?? [])]));
    case 'person_body': {
      const names = (
        COUNTRY_ASKED.test(analysis.question) ? [...raw.matchAll(PLACE)].map((m) => m[1]!) : [...(raw.match(LATIN_NAME) ?? []), ...(raw.match(QUOTED) ?? [])]
      ).filter((n) => !everywhere(normalizeText(n), stats));
      return found(forms(names), PERSON_MARK.test(raw) ? 0.7 : 0);
    }
    case 'list': {
      const separators = raw.match(LIST_SEPARATORS)?.length ?? 0;
      return {
        strength: separators >= 2 ? 1 : separators === 1 ? 0.75 : 0.5,
        facts: newOnes(forms(raw.split(LIST_SEPARATORS).filter((s) => s.trim().length >= 2)), question),
      };
    }
    case 'definition': {
      const text = matchText(raw, 'en');
      const mentions = Math.max(0, ...analysis.groups.map((g) => Math.max(...g.members.map((m) => text.split(m.term).length - 1))));
      return { strength: DEFINES.test(raw) ? 1 : mentions >= 2 ? 0.8 : 0.5, facts: [] };
    }
    case 'statement': {
      const speakers = analysis.salient.filter((e) => e.kind === 'name' && e.inCorpus).map((e) => e.text);
      if (speakers.length === 0) return { strength: 0.5, facts: [] };
      const pattern = new RegExp(`(?:${[...speakers.map(escapeRegExp), 'she', 'he', 'they'].join('|')})\\b[^.;]{0,40}?\\b${SAID}`, 'i');
      return { strength: pattern.test(raw) ? 1 : 0.3, facts: [] };
    }
    case 'reason':
      if (OPENS_WITH_CONSEQUENCE.test(raw.trim()) && !CONSEQUENCE.test(raw)) return { strength: 0.5, facts: [] };
      return { strength: CAUSE.test(raw) || CONSEQUENCE.test(raw) ? 1 : 0.5, facts: [] };
    default:
      return { strength: 0.5, facts: [] };
  }
}
