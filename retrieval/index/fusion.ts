import type { ScoredUnit, Unit } from '../types.js';

/**
 * Reciprocal rank fusion. Rank-based on purpose: BM25 scores and cosine similarities live on scales
 * that cannot be added, while ranks can. K_RRF = 60 is the constant from Cormack et al. (2009); it keeps
 * one retriever's top hit from drowning a unit that both retrievers rank well.
 */
export const K_RRF = 60;

export interface RankedKey {
  key: string;
  score: number;
}

export interface FusedKey {
  key: string;
  score: number;
  ranks: { keyword?: number; dense?: number };
}

export function reciprocalRankFusion(
  lists: { keyword: RankedKey[]; dense?: RankedKey[] },
  weights: { keyword: number; dense: number } = { keyword: 1, dense: 1 },
): FusedKey[] {
  const fused = new Map<string, FusedKey>();
  for (const kind of ['keyword', 'dense'] as const) {
    const list = lists[kind];
    if (!list) continue;
    list.forEach((hit, i) => {
      const entry = fused.get(hit.key) ?? { key: hit.key, score: 0, ranks: {} };
      entry.score += weights[kind] / (K_RRF + i + 1);
      entry.ranks[kind] = i + 1;
      fused.set(hit.key, entry);
    });
  }
  return [...fused.values()].sort((a, b) => b.score - a.score);
}

/** Each retriever returns this many candidates before fusion: enough depth for RRF to reorder the top 10. */
export const CANDIDATE_DEPTH = 50;

/** Fuses the retrievers' lists and resolves the best `k` keys to their units. */
export function fuseToUnits(lists: { keyword: RankedKey[]; dense?: RankedKey[] }, unit: (key: string) => Unit | undefined, k: number): ScoredUnit[] {
  return reciprocalRankFusion(lists)
    .slice(0, k)
    .map((f) => ({ unit: unit(f.key)!, score: f.score, ranks: f.ranks }));
}
