import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { DenseIndex, sidecarPath } from '../retrieval/index/dense-index.js';
import { exactKnn, row, type VectorMatrix } from './brute-force.js';
import { summarize } from './percentiles.js';
import { recallAtK } from './recall.js';
import { DEFAULT_LOW_RANK, lowRankSampler } from './synthetic-vectors.js';

export const DIMENSION = 384;
export const K = 10;

export interface HnswParams {
  m: number;
  efConstruction: number;
  ef: number;
}

export interface EfPoint {
  ef: number;
  p50_ms: number;
  recall_at_10: number;
}

export interface HnswRun {
  n: number;
  build_s: number;
  /** At the chosen ef, through DenseIndex.search. */
  p50_ms: number;
  recall_at_10: number;
  brute_force: { p50_ms: number };
  /** hnswlib file (vectors + graph) and the key list beside it: what a loaded index holds in memory. */
  index_mb: number;
  bytes_per_vector: number;
  /** DenseIndex.load: read, checksum, hnswlib readIndex. */
  load_s: number;
  /** The same graph searched at other beam widths (ef is a query-time setting). */
  ef_sweep: EfPoint[];
}

export interface HnswBenchOptions {
  params: HnswParams;
  queries: number;
  /** Beam widths to sweep besides the chosen one. */
  sweep: readonly number[];
  /** Scratch folder for the saved index. */
  dir: string;
  log: (msg: string) => void;
}

const { rank, noise } = DEFAULT_LOW_RANK;
export const SYNTHETIC_DESCRIPTION = `low-rank synthetic unit vectors: ${DIMENSION} dims, random mixtures of ${rank} latent directions + noise (${noise} of the signal norm), L2-normalised`;

const elapsed = (since: number) => performance.now() - since;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: elapsed(t) };
}

function toArrays(m: VectorMatrix): number[][] {
  return Array.from({ length: m.count }, (_, i) => Array.from(row(m, i)));
}

/** Runs `search` over every query (after a short warm-up), returning p50 and recall@10 against `truth`. */
function measure(queries: number[][], truth: number[][], search: (q: number[]) => number[]): Omit<EfPoint, 'ef'> {
  queries.slice(0, 20).forEach(search);
  const times: number[] = [];
  const found = queries.map((q) => {
    const { value, ms } = timed(() => search(q));
    times.push(ms);
    return value;
  });
  return { p50_ms: summarize(times).p50, recall_at_10: recallAtK(found, truth, K) };
}

/**
 * Builds a DenseIndex (the class the engine uses) over `n` synthetic vectors at the chosen parameters, and
 * measures build time, query latency and recall@10 against exact brute force over held-out queries.
 */
export async function benchHnsw(n: number, opts: HnswBenchOptions): Promise<HnswRun> {
  const { params, log } = opts;
  const sample = lowRankSampler({ dimension: DIMENSION, ...DEFAULT_LOW_RANK });
  const base = sample(n, 1);
  const queryMatrix = sample(opts.queries, 2);
  const queries = toArrays(queryMatrix);

  log(`  ${n}: exact neighbours of ${opts.queries} queries by brute force…`);
  const bruteTimes: number[] = [];
  const truth = queries.map((q) => {
    const { value, ms } = timed(() => exactKnn(base, q, K));
    bruteTimes.push(ms);
    return value;
  });

  log(`  ${n}: building HNSW (M=${params.m}, efConstruction=${params.efConstruction})…`);
  const keys = Array.from({ length: n }, (_, i) => String(i));
  const vectors = toArrays(base);
  const build = timed(() => DenseIndex.build(vectors, keys, { m: params.m, efConstruction: params.efConstruction, efSearch: params.ef }));
  const index = build.value;
  const chosen = measure(queries, truth, (q) => index.search(q, K).map((h) => Number(h.key)));

  const file = join(opts.dir, `synthetic-${n}.hnsw`);
  await index.save(file);
  const bytes = (await stat(file)).size + (await stat(sidecarPath(file))).size;
  const loadStart = performance.now();
  await DenseIndex.load(file, { dimension: DIMENSION, count: n });
  const loadMs = elapsed(loadStart);

  const raw = new hnswlib.HierarchicalNSW('cosine', DIMENSION);
  await raw.readIndex(file);
  const ef_sweep = [...new Set([...opts.sweep, params.ef])]
    .sort((a, b) => a - b)
    .map((ef) => {
      raw.setEf(ef);
      return { ef, ...measure(queries, truth, (q) => raw.searchKnn(q, K).neighbors) };
    });

  return {
    n,
    build_s: build.ms / 1000,
    p50_ms: chosen.p50_ms,
    recall_at_10: chosen.recall_at_10,
    brute_force: { p50_ms: summarize(bruteTimes).p50 },
    index_mb: bytes / 2 ** 20,
    bytes_per_vector: bytes / n,
    load_s: loadMs / 1000,
    ef_sweep,
  };
}

/** The fastest swept ef that reaches `minRecall`, or null if none does. */
export function fastestEfReaching(run: HnswRun, minRecall: number): EfPoint | null {
  const ok = run.ef_sweep.filter((p) => p.recall_at_10 >= minRecall);
  return ok.length ? ok.reduce((a, b) => (b.p50_ms < a.p50_ms ? b : a)) : null;
}
