/**
 * `npm run eval`: one engine's run over an evaluation set, and the tables it prints: ranking (recall, MRR) and
 * answers (fact in answer, refusals) per language; with `--compare`, keyword and hybrid side by side with the
 * differences.
 */
import {
  type AnswerKey,
  type AnswerRecord,
  type AnswerScores,
  abstention,
  type Engine,
  type EvalItem,
  type EvalOutcome,
  rankParagraphs,
  type Scores,
  score,
  scoreAnswers,
} from '../../retrieval/index.js';

/** Depth of the ranking kept per question: the --json format promises at least 10 paragraphs. */
export const RANK_DEPTH = 30;

export interface EvalRun {
  outcomes: EvalOutcome[];
  records: AnswerRecord[];
  /** Citations shown, and rejected by verification (for extractive answers the rate must be 0). */
  shown: number;
  rejected: number;
}

/** Searches and answers every question; `rejections` reads the engine's count of rejected citations so far. */
export async function runEval(engine: Engine, items: readonly EvalItem[], keys: Map<string, AnswerKey> | null, rejections: () => number): Promise<EvalRun> {
  const before = rejections();
  const outcomes: EvalOutcome[] = [];
  const records: AnswerRecord[] = [];
  let shown = 0;
  for (const item of items) {
    const results = await engine.search(item.question, { k: RANK_DEPTH });
    const answer = await engine.ask(item.question);
    shown += [...answer.passages, ...answer.related].reduce((n, p) => n + p.citations.length, 0);
    outcomes.push({ item, ranked: rankParagraphs(results), abstained: answer.outcome === 'not-found' });
    records.push({ item, answer, key: keys?.get(item.id) });
  }
  return { outcomes, records, shown, rejected: rejections() - before };
}

const pct = (x: number) => x.toFixed(2);
const diff = (x: number) => `${x > 0.0005 ? '+' : x < -0.0005 ? '−' : '±'}${Math.abs(x).toFixed(2)}`;
const count = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x)}`;

function byLang<X extends { item: EvalItem }, T>(items: readonly X[], langs: string[], f: (subset: X[]) => T): [string, T][] {
  return ['all', ...langs].map((lang) => [lang, f(items.filter((x) => lang === 'all' || x.item.lang === lang))]);
}

const RANK_COLUMNS = ['R@1', 'R@5', 'R@10', 'MRR@10'] as const;
const rankValues = (s: Scores) => [s.recall_at_1, s.recall_at_5, s.recall_at_10, s.mrr_at_10];

const REFUSALS_NOTE = ' refused: answerable questions answered "not found"; declined: unanswerable questions answered "not found" or in part)';
const ANSWER_NOTE = [
  '(fact: every key fact in the quotes; first: in the first passage; padding: citations neither gold nor holding a key fact;',
  REFUSALS_NOTE,
];
const COMPARE_NOTE = ['(fact: every key fact in the quotes; first: in the first passage;', REFUSALS_NOTE];

export function langsOf(items: readonly EvalItem[]): string[] {
  return [...new Set(items.map((i) => i.lang))].sort();
}

/** The tables of one run, as `npm run eval` has always printed them. */
export function singleReport(run: EvalRun, langs: string[], keyed: boolean): string[] {
  const out = ['lang    n   R@1   R@5   R@10  MRR@10'];
  for (const [lang, s] of byLang(run.outcomes, langs, score)) {
    if (!s.n) continue;
    out.push(`${lang.padEnd(5)} ${String(s.n).padStart(3)}  ${rankValues(s).map(pct).join('  ')}`);
  }
  if (keyed) {
    out.push('', 'lang    n  fact  first  cites  padding  chars  refused  partial  declined');
    for (const [lang, s] of byLang(run.records, langs, scoreAnswers)) {
      if (!s.answerable && !s.unanswerable) continue;
      out.push(
        [
          lang.padEnd(5),
          String(s.keyed).padStart(3),
          ` ${pct(s.fact_in_answer)}`,
          `  ${pct(s.fact_in_first)}`,
          `   ${s.citations_per_answer.toFixed(1)}`,
          `     ${s.padding_per_answer.toFixed(2)}`,
          String(Math.round(s.chars_per_answer)).padStart(6),
          `${s.refused}/${s.answerable}`.padStart(9),
          String(s.partial).padStart(8),
          `${s.declined}/${s.unanswerable}`.padStart(10),
        ].join(''),
      );
    }
    out.push(...ANSWER_NOTE);
  }
  out.push('', ...abstentionLines(run));
  return out;
}

function abstentionLines(run: EvalRun): string[] {
  const a = abstention(run.outcomes);
  const all = run.shown + run.rejected;
  return [
    `abstention: ${a.abstained_unanswerable}/${a.unanswerable} questions without gold abstained` +
      (a.unanswerable ? ` (rate ${pct(a.abstained_unanswerable / a.unanswerable)})` : ''),
    `false abstention: ${a.abstained_answerable}/${a.answerable} answerable questions abstained` +
      (a.answerable ? ` (rate ${pct(a.abstained_answerable / a.answerable)})` : ''),
    `citations rejected by verification: ${run.rejected}/${all}${all ? ` (rate ${pct(run.rejected / all)})` : ''}`,
  ];
}

/** Three column groups (keyword, hybrid, hybrid − keyword) under one header. */
/** A language, its question count, and the keyword, hybrid and difference cells. */
type Row = [string, number, string[], string[], string[]];

function sideBySide(title: string, columns: readonly string[], width: number, rows: Row[]): string[] {
  const group = (cells: readonly string[]) => cells.map((c) => c.padStart(width)).join('');
  const span = columns.length * width;
  return [
    `${title.padEnd(9)}${'keyword'.padStart(span)}  ${'hybrid'.padStart(span)}  ${'hybrid − keyword'.padStart(span)}`,
    `lang    n${group(columns)}  ${group(columns)}  ${group(columns)}`,
    ...rows.map(([lang, n, kw, hy, d]) => `${lang.padEnd(5)}${String(n).padStart(4)}${group(kw)}  ${group(hy)}  ${group(d)}`),
  ];
}

const ANSWER_COLUMNS = ['fact', 'first', 'refused', 'declined'] as const;

/** `--compare`: keyword and hybrid runs over the same questions, side by side, and what hybrid changes. */
export function compareReport(keyword: EvalRun, hybrid: EvalRun, langs: string[], keyed: boolean): string[] {
  const rankScores = new Map(byLang(hybrid.outcomes, langs, score));
  const rankRows = byLang(keyword.outcomes, langs, score).flatMap(([lang, k]): Row[] => {
    const h = rankScores.get(lang)!;
    if (!k.n) return [];
    const kv = rankValues(k);
    const hv = rankValues(h);
    return [[lang, k.n, kv.map(pct), hv.map(pct), hv.map((x, i) => diff(x - kv[i]!))]];
  });
  const out = sideBySide('ranking', RANK_COLUMNS, 7, rankRows);
  if (keyed) {
    const answerScores = new Map(byLang(hybrid.records, langs, scoreAnswers));
    const answerRows = byLang(keyword.records, langs, scoreAnswers).flatMap(([lang, k]): Row[] => {
      const h = answerScores.get(lang)!;
      if (!k.answerable && !k.unanswerable) return [];
      const cells = (s: AnswerScores) => [pct(s.fact_in_answer), pct(s.fact_in_first), `${s.refused}/${s.answerable}`, `${s.declined}/${s.unanswerable}`];
      const deltas = [
        diff(h.fact_in_answer - k.fact_in_answer),
        diff(h.fact_in_first - k.fact_in_first),
        count(h.refused - k.refused),
        count(h.declined - k.declined),
      ];
      return [[lang, k.keyed, cells(k), cells(h), deltas]];
    });
    out.push('', ...sideBySide('answers', ANSWER_COLUMNS, 10, answerRows), ...COMPARE_NOTE);
  }
  const [ka, ha] = [abstention(keyword.outcomes), abstention(hybrid.outcomes)];
  const abstained = (a: typeof ka) => a.abstained_answerable + a.abstained_unanswerable;
  out.push(
    '',
    `abstained ("not found"): keyword ${abstained(ka)}/${keyword.outcomes.length}, hybrid ${abstained(ha)}/${hybrid.outcomes.length} (${count(abstained(ha) - abstained(ka))}); ` +
      `on answerable questions ${ka.abstained_answerable} → ${ha.abstained_answerable}, on unanswerable ${ka.abstained_unanswerable} → ${ha.abstained_unanswerable}`,
    `citations rejected by verification: keyword ${keyword.rejected}/${keyword.shown + keyword.rejected}, hybrid ${hybrid.rejected}/${hybrid.shown + hybrid.rejected}`,
  );
  return out;
}
