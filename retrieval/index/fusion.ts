import { parseUnitKey, type ScoredUnit, type Unit } from '../types.js';
import type { SimilarityProfile } from './dense-index.js';

/**
 * Keyword-anchored fusion: the keyword ranking is the base, and the dense side adds only what it earns. Each
 * keyword hit scores its BM25 score over the best hit's (1 for the first); a dense hit adds `denseWeight` times
 * how far its similarity stands out from the query's similarity to the corpus at large, in standard deviations
 * beyond `standout`: z = (cosine − mean) / sd, contribution = denseWeight · max(0, z − standout). A flat
 * similarity profile (a weak model, an off-topic question) stands out nowhere and changes nothing; a hit far above
 * the rest moves up. The weight is earned per model: calibrated on labelled questions (see eval/calibrate-fusion.ts)
 * and 0 for a model that does not beat keyword search there, which leaves the keyword ranking exactly as it is.
 */
export interface FusionSetting {
  /** 0: keyword ranking only (the dense side is not even asked). */
  denseWeight: number;
  /** Standard deviations above the query's mean similarity a dense hit must reach before it counts. */
  standout: number;
  /** Whether a unit that only the dense side found may enter the results (otherwise the dense side only reorders). */
  denseOnly: boolean;
}

export const KEYWORD_ONLY: FusionSetting = { denseWeight: 0, standout: 0, denseOnly: false };
/** The stand-out threshold of a hand-set weight (DENSE_WEIGHT without DENSE_STANDOUT). */
export const DEFAULT_STANDOUT = 1.5;

export interface RankedKey {
  key: string;
  score: number;
}

/** The rankings fused: keyword search of the Chinese reading, of the English reading (English units), dense search. */
export interface RankedLists {
  keyword: RankedKey[];
  english?: RankedKey[];
  dense?: DenseList | null;
}

export interface DenseList {
  hits: RankedKey[];
  profile: SimilarityProfile;
}

type Kind = 'keyword' | 'english' | 'dense';

export interface FusedKey {
  /** The first key a list ranked for this unit's citation. */
  key: string;
  score: number;
  ranks: Partial<Record<Kind, number>>;
}

/** Each retriever returns this many candidates before fusion: enough depth to reorder the top 10. */
export const CANDIDATE_DEPTH = 50;

/**
 * Reciprocal rank fusion of the two keyword rankings (Chinese and English readings), whose BM25 scores come from
 * two indexes and cannot be compared. K_RRF = 60 is the constant from Cormack et al. (2009).
 */
const K_RRF = 60;

/** The versions of a paragraph are one citation, ranked once per list (at its best version's rank). */
const citationOf = (key: string) => parseUnitKey(key).citation;

/**
 * The keyword ranking the dense side is added to, each entry scored relative to the first (1): BM25 over the best
 * hit's with one reading, reciprocal rank fusion of both readings when the corpus has English units.
 */
function keywordBase(lists: RankedLists): Map<string, FusedKey> {
  const fused = new Map<string, FusedKey>();
  const kinds = lists.english ? (['keyword', 'english'] as const) : (['keyword'] as const);
  for (const kind of kinds) {
    let rank = 0;
    for (const hit of lists[kind] ?? []) {
      const id = citationOf(hit.key);
      const entry = fused.get(id) ?? { key: hit.key, score: 0, ranks: {} };
      if (entry.ranks[kind] !== undefined) continue;
      rank++;
      entry.score += lists.english ? 1 / (K_RRF + rank) : hit.score;
      entry.ranks[kind] = rank;
      fused.set(id, entry);
    }
  }
  const top = Math.max(0, ...[...fused.values()].map((e) => e.score));
  for (const entry of fused.values()) entry.score = top > 0 ? entry.score / top : 0;
  return fused;
}

/** How far a dense hit stands out of the query's similarity profile, in standard deviations (0 for a flat profile). */
export function standoutOf(score: number, profile: SimilarityProfile): number {
  return profile.sd > 0 ? (score - profile.mean) / profile.sd : 0;
}

export function fuse(lists: RankedLists, setting: FusionSetting): FusedKey[] {
  const fused = keywordBase(lists);
  const dense = setting.denseWeight > 0 ? lists.dense : null;
  let rank = 0;
  for (const hit of dense?.hits ?? []) {
    const id = citationOf(hit.key);
    const entry = fused.get(id) ?? (setting.denseOnly ? { key: hit.key, score: 0, ranks: {} } : null);
    if (!entry || entry.ranks.dense !== undefined) continue;
    rank++;
    entry.ranks.dense = rank;
    entry.score += setting.denseWeight * Math.max(0, standoutOf(hit.score, dense!.profile) - setting.standout);
    fused.set(id, entry);
  }
  // Ties keep the keyword order (Map insertion order, and sort is stable).
  return [...fused.values()].sort((a, b) => b.score - a.score);
}

/** Fuses the retrievers' lists and resolves the best `k` keys to their units (`unit` chooses the version). */
export function fuseToUnits(lists: RankedLists, setting: FusionSetting, unit: (key: string) => Unit | undefined, k: number): ScoredUnit[] {
  return fuse(lists, setting)
    .slice(0, k)
    .map((f) => ({ unit: unit(f.key)!, score: f.score, ranks: f.ranks }));
}
