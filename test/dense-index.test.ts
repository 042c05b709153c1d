import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DenseIndex, DenseIndexError, EF_SEARCH, sidecarPath } from '../retrieval/index/dense-index.js';

/** Deterministic PRNG (mulberry32) so a failing recall number can be reproduced exactly. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniformly random directions: no clusters to exploit, the hard case for a graph index. */
function unitVectors(n: number, dim: number, seed: number): number[][] {
  const rand = rng(seed);
  return Array.from({ length: n }, () => {
    // Box–Muller: Gaussian coordinates give directions uniform on the sphere.
    const v = Array.from({ length: dim }, () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
    const n2 = Math.hypot(...v);
    return v.map((x) => x / n2);
  });
}

function bruteForce(vectors: number[][], keys: string[], q: number[], k: number, allow: (key: string) => boolean = () => true) {
  return vectors
    .map((v, i) => ({ key: keys[i], score: v.reduce((s, x, j) => s + x * q[j], 0) }))
    .filter((h) => allow(h.key))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

function recall(found: { key: string }[], truth: { key: string }[]): number {
  const want = new Set(truth.map((h) => h.key));
  return found.filter((h) => want.has(h.key)).length / truth.length;
}

/** Unit-like keys: 20 documents, paragraphs numbered per document. */
const keyFor = (i: number) => `doc${i % 20}#p${Math.floor(i / 20) + 1}`;

const DIM = 384;
const N = 2000;
const vectors = unitVectors(N, DIM, 1);
const keys = vectors.map((_, i) => keyFor(i));
const queries = unitVectors(50, DIM, 2);
let index: DenseIndex;
let dir: string;

beforeAll(async () => {
  index = DenseIndex.build(vectors, keys);
  dir = await mkdtemp(join(tmpdir(), 'dense-index-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('search', () => {
  it('finds the true nearest neighbours (recall@10 against brute force) with cosine scores', () => {
    let at10 = 0;
    let at50 = 0;
    for (const q of queries) {
      const ranked = bruteForce(vectors, keys, q, N);
      const hits = index.search(q, 10);
      expect(hits).toHaveLength(10);
      at10 += recall(hits, ranked.slice(0, 10));
      at50 += recall(index.search(q, 50), ranked.slice(0, 50));
      const exact = new Map(ranked.map((h) => [h.key, h.score]));
      for (const h of hits) expect(h.score).toBeCloseTo(exact.get(h.key)!, 5);
      expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    }
    // Uniformly random directions are the worst case for a graph index; text embeddings do better.
    expect(at10 / queries.length).toBeGreaterThanOrEqual(0.98);
    expect(at50 / queries.length).toBeGreaterThanOrEqual(0.95);
  });

  it('a stored vector is its own nearest neighbour with similarity 1', () => {
    const [top] = index.search(vectors[123], 1);
    expect(top.key).toBe(keys[123]);
    expect(top.score).toBeCloseTo(1, 5);
  });

  it('a selective filter still returns k results, all allowed and exactly the nearest allowed', () => {
    const allow = (key: string) => key.startsWith('doc7#');
    for (const q of queries.slice(0, 10)) {
      const hits = index.search(q, 10, allow);
      expect(hits).toHaveLength(10);
      expect(hits.map((h) => h.key)).toEqual(bruteForce(vectors, keys, q, 10, allow).map((h) => h.key));
    }
  });

  it('a filter allowing fewer than k keys returns all of them', () => {
    const allowed = new Set([keys[5], keys[900], keys[1999]]);
    const hits = index.search(queries[0], 10, (key) => allowed.has(key));
    expect(new Set(hits.map((h) => h.key))).toEqual(allowed);
    expect(index.search(queries[0], 10, () => false)).toEqual([]);
  });

  it('a broad filter on a large index uses the graph and still returns k allowed results', () => {
    // Past the exact-scan limit, so the hnswlib filter path with a widened beam is what runs.
    const big = unitVectors(4400, 24, 3);
    const bigKeys = big.map((_, i) => keyFor(i));
    const bigIndex = DenseIndex.build(big, bigKeys);
    const allow = (key: string) => Number(/^doc(\d+)#/.exec(key)![1]) < 10;
    let total = 0;
    for (const q of unitVectors(20, 24, 4)) {
      const hits = bigIndex.search(q, 10, allow);
      expect(hits).toHaveLength(10);
      expect(hits.every((h) => allow(h.key))).toBe(true);
      total += recall(hits, bruteForce(big, bigKeys, q, 10, allow));
    }
    expect(total / 20).toBeGreaterThanOrEqual(0.95);
    expect(bigIndex.ef).toBe(EF_SEARCH);
  });

  it('k larger than the index returns everything; k of 0 returns nothing', () => {
    const small = DenseIndex.build(vectors.slice(0, 3), keys.slice(0, 3));
    expect(small.search(queries[0], 10)).toHaveLength(3);
    expect(small.search(queries[0], 0)).toEqual([]);
  });

  it('rejects bad input with clear errors', () => {
    expect(() => index.search([1, 0, 0], 5)).toThrow(/3 dimensions, the index has 384/);
    expect(() =>
      DenseIndex.build(
        [
          [1, 0],
          [0, 1, 0],
        ],
        ['a', 'b'],
      ),
    ).toThrow(/vector for b has 3 dimensions/);
    expect(() =>
      DenseIndex.build(
        [
          [1, 0],
          [0, 1],
        ],
        ['a', 'a'],
      ),
    ).toThrow(/not unique/);
    expect(() => DenseIndex.build([[0, 0]], ['a'])).toThrow(/all zeros/);
    expect(() => DenseIndex.build([[Number.NaN, 1]], ['a'])).toThrow(/non-finite/);
    expect(() => DenseIndex.build([[1, 0]], ['a', 'b'])).toThrow(/1 vectors but 2 keys/);
    expect(() => DenseIndex.build([], [])).toThrow(/dimension/);
  });
});

describe('persistence', () => {
  it('round-trips: same results, same ef (hnswlib would reset it to 10), only the two files written', async () => {
    const path = join(dir, 'round-trip', 'dense.hnsw');
    await index.save(path);
    expect((await readdir(join(dir, 'round-trip'))).sort()).toEqual(['dense.hnsw', 'dense.hnsw.meta.json']);
    const loaded = await DenseIndex.load(path, { dimension: DIM, count: N });
    expect(loaded.ef).toBe(EF_SEARCH);
    expect(loaded.size).toBe(N);
    expect(loaded.dimension).toBe(DIM);
    for (const q of queries.slice(0, 10)) {
      expect(loaded.search(q, 10)).toEqual(index.search(q, 10));
      expect(loaded.search(q, 5, (k) => k.startsWith('doc3#'))).toEqual(index.search(q, 5, (k) => k.startsWith('doc3#')));
    }
  });

  it('the same vectors always give the same file', async () => {
    const a = join(dir, 'same', 'a.hnsw');
    const b = join(dir, 'same', 'b.hnsw');
    await DenseIndex.build(vectors.slice(0, 300), keys.slice(0, 300)).save(a);
    await DenseIndex.build(vectors.slice(0, 300), keys.slice(0, 300)).save(b);
    expect((await readFile(a)).equals(await readFile(b))).toBe(true);
  });

  it('saving over an index replaces it atomically and leaves no temp files', async () => {
    const path = join(dir, 'replace', 'dense.hnsw');
    await index.save(path);
    const smaller = DenseIndex.build(vectors.slice(0, 100), keys.slice(0, 100));
    await smaller.save(path);
    expect((await readdir(join(dir, 'replace'))).sort()).toEqual(['dense.hnsw', 'dense.hnsw.meta.json']);
    const loaded = await DenseIndex.load(path, { dimension: DIM, count: 100 });
    expect(loaded.search(vectors[42], 1)[0].key).toBe(keys[42]);
  });

  it('an empty index saves, loads and finds nothing', async () => {
    const path = join(dir, 'empty', 'dense.hnsw');
    await DenseIndex.build([], [], { dimension: 8 }).save(path);
    const loaded = await DenseIndex.load(path, { dimension: 8, count: 0 });
    expect(loaded.size).toBe(0);
    expect(loaded.search([1, 0, 0, 0, 0, 0, 0, 0], 5)).toEqual([]);
  });

  describe('refuses damaged or mismatched files', () => {
    const path = () => join(dir, 'damaged', 'dense.hnsw');
    const expected = { dimension: DIM, count: 300 };
    const small = () => DenseIndex.build(vectors.slice(0, 300), keys.slice(0, 300));

    async function loadError(): Promise<DenseIndexError> {
      const err = await DenseIndex.load(path(), expected).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DenseIndexError);
      return err as DenseIndexError;
    }

    it('truncated index file', async () => {
      await small().save(path());
      const size = (await readFile(path())).length;
      await truncate(path(), Math.floor(size / 2));
      expect((await loadError()).message).toMatch(/dense\.hnsw does not match its checksum/);
    });

    it('garbage of the right length', async () => {
      await small().save(path());
      const size = (await readFile(path())).length;
      await writeFile(path(), Buffer.alloc(size, 7));
      expect((await loadError()).message).toMatch(/checksum/);
    });

    it('corrupt or missing description', async () => {
      await small().save(path());
      await writeFile(sidecarPath(path()), '{"format": "dense-index/1", "keys": [');
      expect((await loadError()).message).toMatch(/meta\.json is not valid JSON/);
      await writeFile(sidecarPath(path()), '{"format": "something-else"}');
      expect((await loadError()).message).toMatch(/is not a dense-index\/1 description/);
      await rm(sidecarPath(path()));
      expect((await loadError()).message).toMatch(/meta\.json is missing/);
    });

    it('missing index file', async () => {
      await small().save(path());
      await rm(path());
      expect((await loadError()).message).toMatch(/dense\.hnsw is missing/);
    });

    it('built with another model dimension, or for another corpus size', async () => {
      await small().save(path());
      await expect(DenseIndex.load(path(), { dimension: 768, count: 300 })).rejects.toThrow(/has dimension 384, the model gives 768/);
      await expect(DenseIndex.load(path(), { dimension: DIM, count: 301 })).rejects.toThrow(/holds 300 vectors, the corpus has 301 units/);
    });
  });
});
