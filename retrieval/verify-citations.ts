/**
 * The last gate before an answer is shown: every citation (and every "possibly related" entry) must quote
 * its unit verbatim. A citation that fails is removed and logged, the answer lines that relied on it go
 * with it, and an answer left with no valid citation becomes an abstention. Runs on every answer,
 * extractive or LLM, so a bug or a model's invention can never reach a user as a citation.
 */
import { abstainedAnswer } from './confidence.js';
import { mentionsLabel, unitLabel } from './labels.js';
import type { Answer, Citation, DocumentMeta, Unit } from './types.js';
import { unitKey } from './types.js';

/** A quote shorter than this proves nothing: `的` is a substring of every paragraph. */
export const MIN_QUOTE_CHARS = 4;

/** The key of the unit a citation points to. */
export function citedUnitKey(c: Pick<Citation, 'source' | 'paragraph' | 'recommendation'>): string {
  if (c.recommendation !== null) return unitKey({ source: c.source, kind: 'recommendation', paragraph: c.paragraph, recommendation: c.recommendation });
  if (c.paragraph !== null) return unitKey({ source: c.source, kind: 'paragraph', paragraph: c.paragraph, recommendation: null });
  return unitKey({ source: c.source, kind: 'summary', paragraph: null, recommendation: null });
}

/** Why a citation does not hold, or null when it does. */
export function citationProblem(c: Citation, unitsByKey: Map<string, Unit>, metas?: Map<string, DocumentMeta>): string | null {
  const unit = unitsByKey.get(citedUnitKey(c));
  if (!unit) return 'no such unit in the corpus';
  if (unit.kind === 'recommendation' && c.paragraph !== null && c.paragraph !== unit.paragraph) {
    return `recommendation ${unit.recommendation} is in paragraph ${unit.paragraph}, not ${c.paragraph}`;
  }
  if (c.quote.replace(/\s/g, '').length < MIN_QUOTE_CHARS) return 'quote too short to support anything';
  if (!unit.text.includes(c.quote)) return 'quote is not verbatim in the cited unit';
  const meta = metas?.get(c.source);
  if (meta && c.label !== unitLabel(meta, unit, 'zh') && c.label !== unitLabel(meta, unit, 'en')) {
    return `label does not name the cited unit (expected “${unitLabel(meta, unit, 'en')}”)`;
  }
  return null;
}

function describe(c: Citation): string {
  return `“${c.label}” (${citedUnitKey(c)}) quoting “${c.quote.slice(0, 40)}${c.quote.length > 40 ? '…' : ''}”`;
}

/** Removes the answer lines that rest on a rejected citation. */
function dropLinesOf(text: string, rejected: Citation[], kept: Citation[]): string {
  const keptLabels = new Set(kept.map((c) => c.label));
  const relies = (line: string, c: Citation) =>
    mentionsLabel(line, c.label) && (!keptLabels.has(c.label) || (c.quote !== '' && line.includes(c.quote)));
  return text
    .split('\n')
    .filter((line) => !rejected.some((c) => relies(line, c)))
    .join('\n');
}

export function verifyCitations(
  answer: Answer,
  unitsByKey: Map<string, Unit>,
  log: (msg: string) => void = () => {},
  metas?: Map<string, DocumentMeta>,
): Answer {
  const check = (list: Citation[]) => {
    const kept: Citation[] = [];
    const rejected: Citation[] = [];
    for (const c of list) {
      const problem = citationProblem(c, unitsByKey, metas);
      if (problem === null) kept.push(c);
      else {
        rejected.push(c);
        log(`${describe(c)}: ${problem}`);
      }
    }
    return { kept, rejected };
  };
  const cited = check(answer.citations);
  const related = check(answer.related);

  if (answer.abstained) return { ...answer, related: related.kept };
  if (cited.kept.length === 0) {
    const note = answer.lang === 'zh' ? '答案的引用与文件原文核对不一致，已撤回。' : 'The answer’s citations did not match the documents and were withdrawn.';
    return abstainedAnswer(answer.lang, 0, related.kept, [...answer.notes, note]);
  }
  if (cited.rejected.length === 0) return { ...answer, related: related.kept };
  const n = cited.rejected.length;
  const note =
    answer.lang === 'zh' ? `已删除 ${n} 条与文件原文不符的引用。` : `Removed ${n} citation${n > 1 ? 's' : ''} that the documents do not support.`;
  return {
    ...answer,
    answer: dropLinesOf(answer.answer, cited.rejected, cited.kept),
    citations: cited.kept,
    related: related.kept,
    notes: [...answer.notes, note],
  };
}
