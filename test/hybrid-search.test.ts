import { describe, expect, it } from 'vitest';
import { K_RRF, reciprocalRankFusion } from '../retrieval/index/fusion.js';

const list = (...keys: string[]) => keys.map((key, i) => ({ key, score: 100 - i }));

describe('reciprocalRankFusion', () => {
  it('keeps the keyword order when there is no dense list', () => {
    const fused = reciprocalRankFusion({ keyword: list('a', 'b', 'c') });
    expect(fused.map((f) => f.key)).toEqual(['a', 'b', 'c']);
    expect(fused[0].score).toBeCloseTo(1 / (K_RRF + 1));
    expect(fused[1].ranks).toEqual({ keyword: 2 });
  });

  it('ranks a unit both retrievers agree on above one that only one retriever ranks first', () => {
    const fused = reciprocalRankFusion({ keyword: list('a', 'b', 'c'), dense: list('d', 'b', 'e') });
    expect(fused[0].key).toBe('b');
    expect(fused[0].ranks).toEqual({ keyword: 2, dense: 2 });
    expect(new Set(fused.map((f) => f.key))).toEqual(new Set(['a', 'b', 'c', 'd', 'e']));
  });

  it('ignores raw scores, so retrievers on different scales fuse fairly', () => {
    const keyword = [
      { key: 'a', score: 1e6 },
      { key: 'b', score: 1 },
    ];
    const dense = [
      { key: 'b', score: 0.9 },
      { key: 'a', score: 0.1 },
    ];
    const fused = reciprocalRankFusion({ keyword, dense });
    expect(fused[0].score).toBeCloseTo(fused[1].score);
  });

  it('applies per-retriever weights', () => {
    const fused = reciprocalRankFusion({ keyword: list('a'), dense: list('b') }, { keyword: 1, dense: 2 });
    expect(fused.map((f) => f.key)).toEqual(['b', 'a']);
  });
});
