/**
 * The last gate before an answer is shown: every citation of every passage (and of every "possibly related"
 * entry) must name a unit that holds the passage's quote verbatim, under that unit's own label. A citation
 * that fails is removed and logged, a passage left citing nothing goes with it, and an answer left with no
 * passage becomes "not found". Runs on every answer, extractive or LLM, so a bug or a model's invention
 * can never reach a user as a citation.
 */
import type { Answer, Citation, Passage } from '../types.js';
import { citationKey, unitKey } from '../types.js';
import type { UnitDirectory } from './context.js';
import { notFound } from './extractive-answer.js';

/** A quote shorter than this proves nothing: `的` is a substring of every paragraph. */
export const MIN_QUOTE_CHARS = 4;

/** Why a citation of `quote` does not hold, or null when it does. */
export function citationProblem(c: Citation, quote: string, units: UnitDirectory): string | null {
  const unit = units.unit(c.unitKey);
  if (!unit) return 'no such unit in the corpus';
  if (unitKey(c) !== c.unitKey || c.kind !== unit.kind) return `its numbers do not name unit ${c.unitKey}`;
  if (c.paragraph !== unit.paragraph) return `${c.kind} ${c.recommendation ?? ''} is in paragraph ${unit.paragraph}, not ${c.paragraph}`.replace('  ', ' ');
  if (quote.replace(/\s/g, '').length < MIN_QUOTE_CHARS) return 'quote too short to support anything';
  if (!unit.text.includes(quote)) return 'quote is not verbatim in the cited unit';
  if (c.label !== units.label(unit, 'zh') && c.label !== units.label(unit, 'en')) {
    return `label does not name the cited unit (expected “${units.label(unit, 'en')}”)`;
  }
  // A link is the document's own, in one of its languages, or there is none: never one made up elsewhere.
  if (c.url !== units.url(unit.source, 'zh') && c.url !== units.url(unit.source, 'en')) return `link ${c.url} is not the cited document's`;
  if (c.lang !== unit.lang) return `the quoted unit is in ${unit.lang}, not ${c.lang}`;
  // An offered version is the same paragraph in another language of the same document, linked in that language.
  for (const v of c.versions) {
    const other = units.unit(v.unitKey);
    if (!other || citationKey(other) !== citationKey(unit) || other.lang !== v.lang || other === unit)
      return `version ${v.unitKey} is not ${c.unitKey} in ${v.lang}`;
    if (v.url !== units.url(unit.source, v.lang)) return `link ${v.url} is not the ${v.lang} version's`;
  }
  return null;
}

function describe(c: Citation, quote: string): string {
  return `“${c.label}” (${c.unitKey}) quoting “${quote.slice(0, 40)}${quote.length > 40 ? '…' : ''}”`;
}

function checkPassages(passages: Passage[], units: UnitDirectory, log: (msg: string) => void): { kept: Passage[]; removed: number } {
  let removed = 0;
  const kept = passages.flatMap((p) => {
    const citations = p.citations.filter((c) => {
      const problem = citationProblem(c, p.quote, units);
      if (problem !== null) {
        removed++;
        log(`${describe(c, p.quote)}: ${problem}`);
      }
      return problem === null;
    });
    return citations.length ? [{ ...p, citations }] : [];
  });
  return { kept, removed };
}

export function verifyCitations(answer: Answer, units: UnitDirectory, log: (msg: string) => void = () => {}): Answer {
  const related = checkPassages(answer.related, units, log).kept;
  if (answer.outcome === 'not-found') return { ...answer, related };
  const { kept, removed } = checkPassages(answer.passages, units, log);
  if (!kept.some((p) => p.role === 'answer')) return notFound(answer.lang, 0, related, [...answer.notes, { code: 'citations-withdrawn' }]);
  if (removed === 0) return { ...answer, related };
  return { ...answer, passages: kept, related, notes: [...answer.notes, { code: 'citations-removed', count: removed }] };
}
