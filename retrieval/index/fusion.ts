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

/** The rankings fused: keyword search of the Chinese reading, of the English reading (English units), dense search. */
export interface RankedLists {
  keyword: RankedKey[];
  english?: RankedKey[];
  dense?: RankedKey[];
}

type Kind = keyof RankedLists;

export interface FusedKey {
  /** The first key a list ranked for this unit's citation. */
  key: string;
  score: number;
  ranks: Partial<Record<Kind, number>>;
}

const KINDS: Kind[] = ['keyword', 'english', 'dense'];

/**
 * `identity` says which keys are one unit: the language versions of a paragraph are one citation, ranked once
 * per list (at its best version's rank) and found by the lists of every language.
 */
export function reciprocalRankFusion(
  lists: RankedLists,
  weights: Partial<Record<Kind, number>> = {},
  identity: (key: string) => string = (key) => key,
): FusedKey[] {
  const fused = new Map<string, FusedKey>();
  for (const kind of KINDS) {
    const list = lists[kind];
    if (!list) continue;
    let rank = 0;
    for (const hit of list) {
      const id = identity(hit.key);
      const entry = fused.get(id) ?? { key: hit.key, score: 0, ranks: {} };
      if (entry.ranks[kind] !== undefined) continue;
      rank++;
      entry.score += (weights[kind] ?? 1) / (K_RRF + rank);
      entry.ranks[kind] = rank;
      fused.set(id, entry);
    }
  }
  return [...fused.values()].sort((a, b) => b.score - a.score);
}

/** Each retriever returns this many candidates before fusion: enough depth for RRF to reorder the top 10. */
export const CANDIDATE_DEPTH = 50;

/** Fuses the retrievers' lists and resolves the best `k` to their units (`unit` chooses the version). */
export function fuseToUnits(lists: RankedLists, unit: (key: string) => Unit | undefined, k: number, identity?: (key: string) => string): ScoredUnit[] {
  return reciprocalRankFusion(lists, {}, identity)
    .slice(0, k)
    .map((f) => ({ unit: unit(f.key)!, score: f.score, ranks: f.ranks }));
}
