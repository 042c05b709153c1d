import type { VectorMatrix } from './brute-force.js';

/**
 * Stand-ins for text embeddings. Sentence embeddings have a low intrinsic dimension: each vector here is a random
 * mixture of `rank` fixed latent directions plus isotropic noise, L2-normalised. Uniformly random vectors would
 * be the worst case for HNSW and unlike any text model's output.
 */
export interface LowRankSpec {
  dimension: number;
  /** Number of latent directions (64: roughly the effective rank of small sentence-embedding models). */
  rank: number;
  /** Expected norm of the noise relative to the norm of the latent mixture. */
  noise: number;
  /** Seeds the latent directions: the same seed gives the same distribution. */
  seed: number;
}

export const DEFAULT_LOW_RANK: Omit<LowRankSpec, 'dimension'> = { rank: 64, noise: 0.3, seed: 1 };

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples by Box-Muller. */
export function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function normalizeRow(data: Float32Array, start: number, dimension: number): void {
  let norm = 0;
  for (let j = 0; j < dimension; j++) norm += data[start + j] ** 2;
  const scale = 1 / Math.sqrt(norm);
  for (let j = 0; j < dimension; j++) data[start + j] *= scale;
}

/** A sampler of vectors from one low-rank distribution; different `sampleSeed`s give independent draws. */
export function lowRankSampler(spec: LowRankSpec): (count: number, sampleSeed: number) => VectorMatrix {
  const { dimension, rank, noise } = spec;
  const basisNormal = gaussian(seededRandom(spec.seed));
  const basis = new Float32Array(rank * dimension);
  for (let r = 0; r < rank; r++) {
    for (let j = 0; j < dimension; j++) basis[r * dimension + j] = basisNormal();
    normalizeRow(basis, r * dimension, dimension);
  }
  // A mixture of `rank` unit directions with N(0,1) weights has expected squared norm `rank`; noise of per-axis
  // deviation sigma has `dimension * sigma^2`.
  const sigma = noise * Math.sqrt(rank / dimension);
  return (count, sampleSeed) => {
    const normal = gaussian(seededRandom(spec.seed * 7919 + sampleSeed));
    const data = new Float32Array(count * dimension);
    for (let i = 0; i < count; i++) {
      const start = i * dimension;
      for (let j = 0; j < dimension; j++) data[start + j] = sigma * normal();
      for (let r = 0; r < rank; r++) {
        const w = normal();
        const b = r * dimension;
        for (let j = 0; j < dimension; j++) data[start + j] += w * basis[b + j];
      }
      normalizeRow(data, start, dimension);
    }
    return { data, dimension, count };
  };
}
