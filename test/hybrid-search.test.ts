import { describe, expect, it } from 'vitest';
import { type FusionSetting, fuse, KEYWORD_ONLY, standoutOf } from '../retrieval/index/fusion.js';

const list = (...keys: string[]) => keys.map((key, i) => ({ key, score: 10 - i }));
/** Similarities 0.50 ± 0.01 to the corpus: 0.53 stands out by 3 standard deviations. */
const profile = { mean: 0.5, sd: 0.01 };
const dense = (...hits: [string, number][]) => ({ hits: hits.map(([key, score]) => ({ key, score })), profile });
const setting = (s: Partial<FusionSetting>): FusionSetting => ({ denseWeight: 1, standout: 1, denseOnly: false, ...s });

describe('fusion', () => {
  it('is the keyword ranking exactly at dense weight 0, whatever the dense side says', () => {
    const fused = fuse({ keyword: list('a', 'b', 'c'), dense: dense(['c', 0.9], ['d', 0.8]) }, KEYWORD_ONLY);
    expect(fused.map((f) => f.key)).toEqual(['a', 'b', 'c']);
    expect(fused.map((f) => f.score)).toEqual([1, 0.9, 0.8]);
    expect(fused.every((f) => f.ranks.dense === undefined)).toBe(true);
  });

  it('a flat similarity profile contributes nothing at any weight', () => {
    const flat = dense(['c', 0.505], ['b', 0.503], ['a', 0.5]);
    for (const denseWeight of [0.1, 1, 100]) {
      const fused = fuse({ keyword: list('a', 'b', 'c'), dense: flat }, setting({ denseWeight }));
      expect(fused.map((f) => f.key)).toEqual(['a', 'b', 'c']);
      expect(fused.map((f) => f.score)).toEqual([1, 0.9, 0.8]);
    }
  });

  it('a hit that stands out adds its weight times its standing above the threshold', () => {
    const fused = fuse({ keyword: list('a', 'b', 'c'), dense: dense(['c', 0.53], ['b', 0.505]) }, setting({ denseWeight: 0.2 }));
    expect(fused.map((f) => f.key)).toEqual(['c', 'a', 'b']);
    expect(fused[0]!.score).toBeCloseTo(0.8 + 0.2 * (3 - 1));
    expect(fused[0]!.ranks).toEqual({ keyword: 3, dense: 1 });
    // b stands out by 0.5 sd, below the threshold of 1: recorded, not counted.
    expect(fused.find((f) => f.key === 'b')).toMatchObject({ score: 0.9, ranks: { keyword: 2, dense: 2 } });
  });

  it('lets units only the dense side found in only when allowed', () => {
    const lists = { keyword: list('a', 'b'), dense: dense(['x', 0.54], ['a', 0.52]) };
    expect(fuse(lists, setting({})).map((f) => f.key)).toEqual(['a', 'b']);
    const open = fuse(lists, setting({ denseOnly: true }));
    expect(open.map((f) => f.key)).toEqual(['x', 'a', 'b']);
    expect(open[0]).toMatchObject({ ranks: { dense: 1 } });
    expect(open[0]!.score).toBeCloseTo(4 - 1);
  });

  it('keeps the keyword order between equal scores and without a dense list', () => {
    const keyword = [
      { key: 'a', score: 2 },
      { key: 'b', score: 2 },
      { key: 'c', score: 1 },
    ];
    expect(fuse({ keyword }, setting({})).map((f) => f.key)).toEqual(['a', 'b', 'c']);
    expect(fuse({ keyword, dense: null }, setting({ denseOnly: true })).map((f) => f.score)).toEqual([1, 1, 0.5]);
    expect(fuse({ keyword: [] }, setting({}))).toEqual([]);
  });

  it('measures standing out in standard deviations of the profile, and not at all for a degenerate one', () => {
    expect(standoutOf(0.53, profile)).toBeCloseTo(3);
    expect(standoutOf(0.49, profile)).toBeCloseTo(-1);
    expect(standoutOf(0.9, { mean: 0.9, sd: 0 })).toBe(0);
  });
});
