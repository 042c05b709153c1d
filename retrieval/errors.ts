/**
 * What can go wrong with a user's request, as data: a code and the values a front end needs to word it in
 * the asker's language. The message is a terse English summary for logs, never shown to users as it is.
 */
import type { EvalFileProblem, EvalLineProblem } from './eval/eval-input.js';
import type { DocumentMeta } from './types.js';

export type LookupProblem =
  | { code: 'unknown-document'; ref: string; candidates: DocumentMeta[] }
  | { code: 'ambiguous-document'; ref: string; candidates: DocumentMeta[] }
  | { code: 'paragraph-out-of-range'; document: DocumentMeta; number: number; first: number; last: number }
  | { code: 'recommendation-not-found'; document: DocumentMeta | null; number: number; first: number; last: number }
  | { code: 'no-recommendations'; document: DocumentMeta | null }
  | { code: 'recommendation-ambiguous'; number: number; candidates: DocumentMeta[] }
  | { code: 'no-summary'; document: DocumentMeta }
  | { code: 'subparagraph-not-found'; document: DocumentMeta; number: number; letter: string; letters: string[] };

export type InputProblem =
  | { code: 'empty-question' }
  | { code: 'question-too-long'; length: number; max: number }
  | { code: 'bad-paragraph-ref'; text: string }
  /** An eval question set that cannot be read, is empty, or has bad lines (all of them listed). */
  | { code: 'eval-file'; problem: EvalFileProblem };

function lineSummary(p: EvalLineProblem): string {
  if (p.code === 'not-json') return `line ${p.line} is not JSON`;
  if (p.code === 'missing-field') return `line ${p.line} needs "${p.field}"`;
  return `line ${p.line}: ${p.code}`;
}

function summary(p: LookupProblem | InputProblem): string {
  switch (p.code) {
    case 'unknown-document':
    case 'ambiguous-document':
      return `${p.code}: "${p.ref}" (candidates: ${p.candidates.map((d) => d.source).join(', ') || 'none'})`;
    case 'paragraph-out-of-range':
      return `${p.code}: ${p.document.source} has paragraphs ${p.first}-${p.last}, not ${p.number}`;
    case 'recommendation-not-found':
      return `${p.code}: ${p.number} (valid ${p.first}-${p.last}${p.document ? ` in ${p.document.source}` : ''})`;
    case 'no-recommendations':
      return `${p.code}: ${p.document?.source ?? 'any document'}`;
    case 'recommendation-ambiguous':
      return `${p.code}: ${p.number} in ${p.candidates.map((d) => d.source).join(', ')}`;
    case 'no-summary':
      return `${p.code}: ${p.document.source}`;
    case 'subparagraph-not-found':
      return `${p.code}: ${p.document.source} para. ${p.number} has ${p.letters.length ? `(${p.letters.join('), (')})` : 'no subparagraphs'}, not (${p.letter})`;
    case 'empty-question':
      return p.code;
    case 'question-too-long':
      return `${p.code}: ${p.length} > ${p.max}`;
    case 'bad-paragraph-ref':
      return `${p.code}: "${p.text}"`;
    case 'eval-file':
      return `${p.code} ${p.problem.file}: ${p.problem.code === 'lines' ? p.problem.problems.map(lineSummary).join('; ') : p.problem.code}`;
  }
}

/** An exact lookup (document, paragraph, recommendation) that names nothing in the corpus. */
export class LookupError extends Error {
  override name = 'LookupError';
  constructor(readonly problem: LookupProblem) {
    super(summary(problem));
  }
}

/** A question the engine refuses before looking anything up. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(readonly problem: InputProblem) {
    super(summary(problem));
  }
}
