/**
 * Calibrating the fusion for a model: on labelled questions, the dense side must earn its weight. For every
 * question both rankings are computed once; every setting of the grid (dense weight × stand-out threshold × whether
 * dense-only units may enter) is scored by paragraph-level MRR@10. Choosing the best of 85 settings on the questions
 * it is scored on flatters it (a random model gains a little by chance), so the choice is cross-validated: the
 * setting is chosen on four fifths of the questions and scored on the fifth left out, and the out-of-fold gains over
 * keyword search must be positive with a paired t ≥ 1.645 (one-sided 5 %). The best setting on all questions must
 * then also keep recall@5, and answers under it must hold the asked fact as often, refuse no more answerable
 * questions and decline no fewer unanswerable ones. Otherwise the dense weight is 0 and the keyword ranking stands.
 */
import { CANDIDATE_DEPTH, type FusionSetting, fuseToUnits, KEYWORD_ONLY } from '../index/fusion.js';
import type { CalibrationFigures, FusionCalibration } from '../index/manifest.js';
import type { RankedLists } from '../index/retriever.js';
import type { Answer, Unit } from '../types.js';
import type { AnswerKey } from './answer-metrics.js';
import { scoreAnswers } from './answer-metrics.js';
import { type EvalItem, firstGoldRank, rankParagraphs } from './evaluate.js';

/** Bump when the fusion formula, the grid or the acceptance rule changes: stored calibrations are then redone. */
export const FUSION_VERSION = 'fusion/1';
export const FOLDS = 5;
/** One-sided 5 % for a paired t on hundreds of questions. */
export const MIN_T = 1.645;
/** Fewer answerable questions than this cannot tell a model from noise: weight 0. */
export const MIN_QUESTIONS = 30;

const WEIGHTS = [0.02, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6];
const STANDOUTS = [0, 1, 1.5, 2, 2.5, 3];

/** Keyword only first: a tie goes to the setting that changes nothing. */
export const FUSION_GRID: FusionSetting[] = [
  KEYWORD_ONLY,
  ...[false, true].flatMap((denseOnly) => STANDOUTS.flatMap((standout) => WEIGHTS.map((denseWeight) => ({ denseWeight, standout, denseOnly })))),
];

export interface CalibrationQuestion {
  item: EvalItem;
  /** The question as the engine reads it (normalized). */
  text: string;
  key?: AnswerKey;
  /** Both rankings of the question, the dense one included whatever the weight. */
  lists: RankedLists;
}

export interface CalibrationInput {
  model: string;
  questionSet: string;
  questions: CalibrationQuestion[];
  unit: (key: string) => Unit | undefined;
  /** The engine's answer to a question from these results (extractive, verified). */
  answer: (q: CalibrationQuestion, setting: FusionSetting) => Promise<Answer>;
}

/** Stable fold of a question: the same split every run. */
function foldOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % FOLDS;
}

/** Reciprocal rank (0 beyond 10) and whether a gold paragraph is in the first 5, per question, under a setting. */
function ranks(questions: CalibrationQuestion[], setting: FusionSetting, unit: CalibrationInput['unit']) {
  return questions.map((q) => {
    const rank = firstGoldRank(rankParagraphs(fuseToUnits(q.lists, setting, unit, CANDIDATE_DEPTH)), q.item.gold!);
    return { rr: rank !== null && rank <= 10 ? 1 / rank : 0, top5: rank !== null && rank <= 5 };
  });
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);

function pairedT(diffs: readonly number[]): number {
  const m = mean(diffs);
  const variance = diffs.reduce((s, d) => s + (d - m) ** 2, 0) / Math.max(1, diffs.length - 1);
  if (variance === 0) return m > 0 ? Number.POSITIVE_INFINITY : m < 0 ? Number.NEGATIVE_INFINITY : 0;
  return m / Math.sqrt(variance / diffs.length);
}

/** Index of the setting with the highest total reciprocal rank over `rows` (the first on a tie). */
function bestOn(table: number[][], rows: readonly number[]): number {
  let best = 0;
  let bestSum = Number.NEGATIVE_INFINITY;
  table.forEach((rrs, s) => {
    const sum = rows.reduce((acc, r) => acc + rrs[r]!, 0);
    if (sum > bestSum + 1e-12) {
      best = s;
      bestSum = sum;
    }
  });
  return best;
}

function rankingFigures(r: { rr: number; top5: boolean }[]): CalibrationFigures {
  return { mrr10: mean(r.map((x) => x.rr)), recall5: mean(r.map((x) => (x.top5 ? 1 : 0))), factInAnswer: null, refused: null, declined: null };
}

async function answerFigures(input: CalibrationInput, setting: FusionSetting) {
  const records = [];
  for (const q of input.questions) records.push({ item: q.item, key: q.key, answer: await input.answer(q, setting) });
  const s = scoreAnswers(records);
  return { factInAnswer: s.fact_in_answer, refused: s.refused, declined: s.declined };
}

export async function calibrateFusion(input: CalibrationInput): Promise<FusionCalibration> {
  const answerable = input.questions.filter((q) => q.item.gold?.length);
  const counts = {
    answerable: answerable.length,
    unanswerable: input.questions.length - answerable.length,
    keyed: answerable.filter((q) => q.key).length,
    documents: new Set(answerable.flatMap((q) => q.item.gold!.map((g) => g.source))).size,
  };
  const base = { version: FUSION_VERSION, model: input.model, questionSet: input.questionSet, questions: counts };
  const keywordRanks = ranks(answerable, KEYWORD_ONLY, input.unit);
  if (answerable.length < MIN_QUESTIONS) {
    const figures = rankingFigures(keywordRanks);
    return { ...base, setting: KEYWORD_ONLY, best: KEYWORD_ONLY, verdict: 'too-few-questions', keyword: figures, hybrid: figures, crossValidated: null };
  }

  const perSetting = FUSION_GRID.map((setting, s) => (s === 0 ? keywordRanks : ranks(answerable, setting, input.unit)));
  const table = perSetting.map((r) => r.map((x) => x.rr));
  const folds = answerable.map((q) => foldOf(q.item.id));
  const outOfFold: number[] = new Array(answerable.length).fill(0);
  for (let f = 0; f < FOLDS; f++) {
    const chosen = bestOn(
      table,
      folds.flatMap((fold, i) => (fold === f ? [] : [i])),
    );
    folds.forEach((fold, i) => {
      if (fold === f) outOfFold[i] = table[chosen]![i]! - table[0]![i]!;
    });
  }
  const crossValidated = { folds: FOLDS, gain: mean(outOfFold), t: pairedT(outOfFold) };
  const bestIndex = bestOn(
    table,
    answerable.map((_, i) => i),
  );
  const best = FUSION_GRID[bestIndex]!;
  const keyword = rankingFigures(keywordRanks);
  const hybrid = rankingFigures(perSetting[bestIndex]!);
  const reject = (verdict: 'no-gain' | 'worse-answers', kw = keyword, hy = hybrid): FusionCalibration => ({
    ...base,
    setting: KEYWORD_ONLY,
    best,
    verdict,
    keyword: kw,
    hybrid: hy,
    crossValidated,
  });
  if (bestIndex === 0 || crossValidated.gain <= 0 || crossValidated.t < MIN_T || hybrid.recall5 < keyword.recall5) return reject('no-gain');

  const kwAnswers = { ...keyword, ...(await answerFigures(input, KEYWORD_ONLY)) };
  const hyAnswers = { ...hybrid, ...(await answerFigures(input, best)) };
  const worse = hyAnswers.factInAnswer < kwAnswers.factInAnswer || hyAnswers.refused > kwAnswers.refused || hyAnswers.declined < kwAnswers.declined;
  if (worse) return reject('worse-answers', kwAnswers, hyAnswers);
  return { ...base, setting: best, best, verdict: 'accepted', keyword: kwAnswers, hybrid: hyAnswers, crossValidated };
}
