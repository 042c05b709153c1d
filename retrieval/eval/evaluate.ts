import type { ScoredUnit } from '../types.js';
import type { EvalItem } from './eval-input.js';

export { type EvalItem, parseEvalFile } from './eval-input.js';

export interface RankedParagraph {
  source: string;
  paragraph: number;
}

export interface EvalOutcome {
  item: EvalItem;
  ranked: RankedParagraph[];
  abstained: boolean;
}

export interface Scores {
  n: number;
  recall_at_1: number;
  recall_at_5: number;
  recall_at_10: number;
  mrr_at_10: number;
}

export interface AbstentionScores {
  /** Questions without gold, and how many of them abstained (should be all). */
  unanswerable: number;
  abstained_unanswerable: number;
  /** Answerable questions that abstained anyway (should be ≤ 5%). */
  answerable: number;
  abstained_answerable: number;
}

/**
 * Paragraph-level ranking: the eval's gold is paragraphs, so a recommendation counts as the paragraph that
 * holds it (first occurrence wins) and summaries, which have no paragraph number, are left out.
 */
export function rankParagraphs(results: ScoredUnit[]): RankedParagraph[] {
  const seen = new Set<string>();
  const ranked: RankedParagraph[] = [];
  for (const { unit } of results) {
    if (unit.paragraph === null) continue;
    const key = `${unit.source}#${unit.paragraph}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ranked.push({ source: unit.source, paragraph: unit.paragraph });
  }
  return ranked;
}

/** 1-based rank of the first gold paragraph, or null when none is ranked. */
export function firstGoldRank(ranked: RankedParagraph[], gold: RankedParagraph[]): number | null {
  const i = ranked.findIndex((r) => gold.some((g) => g.source === r.source && g.paragraph === r.paragraph));
  return i < 0 ? null : i + 1;
}

export function score(outcomes: EvalOutcome[]): Scores {
  const answerable = outcomes.filter((o) => o.item.gold?.length);
  const ranks = answerable.map((o) => firstGoldRank(o.ranked, o.item.gold!));
  const n = answerable.length;
  const recall = (k: number) => (n ? ranks.filter((r) => r !== null && r <= k).length / n : 0);
  const mrr = n ? ranks.reduce<number>((sum, r) => sum + (r !== null && r <= 10 ? 1 / r : 0), 0) / n : 0;
  return { n, recall_at_1: recall(1), recall_at_5: recall(5), recall_at_10: recall(10), mrr_at_10: mrr };
}

export function abstention(outcomes: EvalOutcome[]): AbstentionScores {
  const unanswerable = outcomes.filter((o) => !o.item.gold?.length);
  const answerable = outcomes.filter((o) => o.item.gold?.length);
  return {
    unanswerable: unanswerable.length,
    abstained_unanswerable: unanswerable.filter((o) => o.abstained).length,
    answerable: answerable.length,
    abstained_answerable: answerable.filter((o) => o.abstained).length,
  };
}
