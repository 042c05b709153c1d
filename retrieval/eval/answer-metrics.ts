/**
 * Whether answers answer: the answer keys of an evaluation set (`{"id", "keys": [[alt, …], …]}`, every fact
 * required, any alternative of a fact enough, an alternative matching inside one quote with whitespace ignored)
 * checked against the quotes an answer shows, plus how much it shows that nobody asked for.
 */
import type { Answer, Passage } from '../types.js';
import type { EvalItem } from './evaluate.js';

/** Facts an answer must contain; each fact is a list of alternative wordings. */
export type AnswerKey = string[][];

const squash = (s: string) => s.replace(/\s+/g, '');

/** JSON Lines of answer keys by question id; a bad line is an error naming it. */
export function parseKeysFile(text: string): Map<string, AnswerKey> {
  const keys = new Map<string, AnswerKey>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let row: { id?: unknown; keys?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch {
      throw new Error(`keys line ${i + 1} is not JSON`);
    }
    const ok = Array.isArray(row.keys) && row.keys.every((f) => Array.isArray(f) && f.length > 0 && f.every((a) => typeof a === 'string' && a.trim()));
    if (typeof row.id !== 'string' || !ok) throw new Error(`keys line ${i + 1} needs "id" and "keys": a list of lists of strings`);
    keys.set(row.id, row.keys as AnswerKey);
  });
  return keys;
}

/** Every fact of `key` matched inside one of `quotes`. */
export function containsAnswer(key: AnswerKey, quotes: readonly string[]): boolean {
  const qs = quotes.map(squash);
  return key.every((fact) => fact.some((alt) => qs.some((q) => q.includes(squash(alt)))));
}

/** Whether a quote holds any alternative of any fact of the key. */
function holdsKeyFact(key: AnswerKey, quote: string): boolean {
  const q = squash(quote);
  return key.some((fact) => fact.some((alt) => q.includes(squash(alt))));
}

export interface AnswerRecord {
  item: EvalItem;
  answer: Answer;
  /** The item's answer key, when the set has one for it. */
  key?: AnswerKey;
}

export interface AnswerScores {
  /** Answerable questions with a key. */
  keyed: number;
  /** Share of keyed questions whose quotes hold every fact. */
  fact_in_answer: number;
  /** Share whose first passage alone holds every fact. */
  fact_in_first: number;
  /** Answerable questions answered (not "not found"). */
  answered: number;
  citations_per_answer: number;
  /** Citations per answer that are neither a gold paragraph nor hold any fact of the key. */
  padding_per_answer: number;
  chars_per_answer: number;
  /** Answerable questions refused ("not found") and answered only in part. */
  refused: number;
  partial: number;
  answerable: number;
  /** Questions without gold, and those declined: "not found", or a partial answer naming what is missing. */
  unanswerable: number;
  declined: number;
}

/** Notes that say what an answer cannot support: a partial answer with one names what is missing. */
const GAP_NOTES = new Set(['not-mentioned', 'not-matched', 'not-in-passages', 'not-stated', 'outcome-not-stated', 'only-in-names', 'list-incomplete']);

const answerPassages = (a: Answer): Passage[] => a.passages.filter((p) => p.role === 'answer');

function isGold(item: EvalItem, c: { source: string; paragraph: number | null }): boolean {
  return (item.gold ?? []).some((g) => g.source === c.source && g.paragraph === c.paragraph);
}

export function scoreAnswers(records: readonly AnswerRecord[]): AnswerScores {
  const answerable = records.filter((r) => r.item.gold?.length);
  const unanswerable = records.filter((r) => !r.item.gold?.length);
  const keyed = answerable.filter((r) => r.key);
  const answered = answerable.filter((r) => r.answer.outcome !== 'not-found');
  const share = (n: number, of: number) => (of ? n / of : 0);
  const mean = (xs: number[]) =>
    share(
      xs.reduce((s, x) => s + x, 0),
      xs.length,
    );
  const found = keyed.filter((r) =>
    containsAnswer(
      r.key!,
      answerPassages(r.answer).map((p) => p.quote),
    ),
  );
  const first = keyed.filter((r) => {
    const p = answerPassages(r.answer)[0];
    return p !== undefined && containsAnswer(r.key!, [p.quote]);
  });
  const padding = answered.map(
    (r) => answerPassages(r.answer).flatMap((p) => p.citations.filter((c) => !isGold(r.item, c) && !(r.key && holdsKeyFact(r.key, p.quote)))).length,
  );
  return {
    keyed: keyed.length,
    fact_in_answer: share(found.length, keyed.length),
    fact_in_first: share(first.length, keyed.length),
    answered: answered.length,
    citations_per_answer: mean(answered.map((r) => answerPassages(r.answer).reduce((n, p) => n + p.citations.length, 0))),
    padding_per_answer: mean(padding),
    chars_per_answer: mean(answered.map((r) => answerPassages(r.answer).reduce((n, p) => n + p.quote.length, 0))),
    refused: answerable.length - answered.length,
    partial: answerable.filter((r) => r.answer.outcome === 'partial').length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    declined: unanswerable.filter(
      (r) => r.answer.outcome === 'not-found' || (r.answer.outcome === 'partial' && r.answer.notes.some((n) => GAP_NOTES.has(n.code))),
    ).length,
  };
}
