import { describe, expect, it } from 'vitest';
import { exactKnn, row, type VectorMatrix } from '../bench/brute-force.js';
import { percentile, summarize } from '../bench/percentiles.js';
import { recallAtK } from '../bench/recall.js';
import { gaussian, lowRankSampler, seededRandom } from '../bench/synthetic-vectors.js';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('percentiles', () => {
  it('uses the nearest rank: always an observed sample', () => {
    expect(summarize(range(1, 100))).toEqual({ p50: 50, p95: 95, p99: 99 });
    // 200 samples: p99 is the 198th smallest, i.e. the third slowest.
    expect(summarize(range(1, 200))).toEqual({ p50: 100, p95: 190, p99: 198 });
    expect(summarize([7])).toEqual({ p50: 7, p95: 7, p99: 7 });
  });

  it('sorts its input and leaves the caller’s array alone', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(summarize(samples).p50).toBe(3);
    expect(samples).toEqual([5, 1, 4, 2, 3]);
  });

  it('refuses empty samples and percentiles out of range', () => {
    expect(() => summarize([])).toThrow(/no samples/);
    expect(() => percentile([1, 2], 0)).toThrow(/percentile/);
    expect(() => percentile([1, 2], 101)).toThrow(/percentile/);
  });
});

describe('recall@k', () => {
  it('is the share of true neighbours found, averaged over queries', () => {
    const truth = [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ];
    expect(
      recallAtK(
        [
          [4, 3, 2, 1],
          [5, 6, 7, 8],
        ],
        truth,
        4,
      ),
    ).toBe(1);
    expect(
      recallAtK(
        [
          [1, 2, 9, 9],
          [0, 0, 0, 5],
        ],
        truth,
        4,
      ),
    ).toBeCloseTo((2 / 4 + 1 / 4) / 2);
    // Only the first k of each list count.
    expect(recallAtK([[9, 9, 1, 2]], [[1, 2, 3, 4]], 2)).toBe(0);
  });

  it('counts against the neighbours that exist when the index holds fewer than k', () => {
    expect(recallAtK([[0, 1]], [[1, 0]], 10)).toBe(1);
  });

  it('rejects mismatched inputs', () => {
    expect(() => recallAtK([[1]], [[1], [2]], 1)).toThrow(/2 queries/);
    expect(() => recallAtK([], [], 1)).toThrow(/no queries/);
  });
});

function randomMatrix(count: number, dimension: number, seed: number): VectorMatrix {
  const normal = gaussian(seededRandom(seed));
  return { data: Float32Array.from({ length: count * dimension }, normal), dimension, count };
}

/** The obvious O(n log n) reference: score every row, sort, take k. */
function sortedKnn(m: VectorMatrix, q: ArrayLike<number>, k: number): number[] {
  const scores = range(0, m.count - 1).map((i) => ({ i, s: row(m, i).reduce((acc, x, j) => acc + x * q[j], 0) }));
  return scores
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, k)
    .map((x) => x.i);
}

describe('exact brute-force kNN', () => {
  it('returns the same neighbours, in the same order, as scoring and sorting every row', () => {
    const m = randomMatrix(500, 16, 3);
    const queries = randomMatrix(25, 16, 4);
    for (let q = 0; q < queries.count; q++) {
      const query = row(queries, q);
      expect(exactKnn(m, query, 10)).toEqual(sortedKnn(m, query, 10));
    }
  });

  it('breaks ties towards the lower row and handles k beyond the row count', () => {
    const m: VectorMatrix = { data: Float32Array.from([1, 0, 0, 1, 1, 0, 0.5, 0.5]), dimension: 2, count: 4 };
    expect(exactKnn(m, [1, 0], 2)).toEqual([0, 2]);
    expect(exactKnn(m, [1, 0], 10)).toEqual([0, 2, 3, 1]);
  });

  it('refuses a query of the wrong dimension', () => {
    expect(() => exactKnn(randomMatrix(3, 4, 1), [1, 2, 3], 1)).toThrow(/3 dimensions/);
  });
});

describe('low-rank synthetic vectors', () => {
  const sample = lowRankSampler({ dimension: 64, rank: 8, noise: 0.3, seed: 5 });

  it('gives unit vectors, the same ones for the same seeds', () => {
    const a = sample(50, 1);
    for (let i = 0; i < a.count; i++) expect(Math.hypot(...row(a, i))).toBeCloseTo(1, 5);
    expect(sample(50, 1).data).toEqual(a.data);
    expect(sample(50, 2).data).not.toEqual(a.data);
  });

  it('concentrates on a few directions: far more similar to each other than random directions are', () => {
    const meanAbsCos = (m: VectorMatrix) => {
      let sum = 0;
      let pairs = 0;
      for (let i = 0; i < m.count; i++) {
        for (let j = i + 1; j < m.count; j++) {
          sum += Math.abs(row(m, i).reduce((acc, x, d) => acc + x * row(m, j)[d], 0));
          pairs++;
        }
      }
      return sum / pairs;
    };
    const uniform = randomMatrix(100, 64, 9);
    for (let i = 0; i < uniform.count; i++) {
      const r = row(uniform, i);
      const norm = Math.hypot(...r);
      for (let j = 0; j < r.length; j++) r[j] = r[j]! / norm;
    }
    // In 64 dims random unit vectors have |cos| ≈ 0.1; mixtures of 8 directions ≈ 0.25.
    expect(meanAbsCos(sample(100, 3))).toBeGreaterThan(2 * meanAbsCos(uniform));
  });
});
