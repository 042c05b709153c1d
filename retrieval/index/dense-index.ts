import { readFile } from 'node:fs/promises';
import hnswlib from 'hnswlib-node';
import { sha256 } from '../util/sha256.js';
import { atomicWrite, atomicWriteWith } from './atomic-write.js';

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

/**
 * 'cosine' rather than 'ip': the embedder already L2-normalises, so both rank identically, but hnswlib's cosine
 * space normalises stored and query vectors itself, so `1 - distance` is exactly the cosine similarity even
 * for a vector that drifted from unit length (int8 models, a caller's own vectors). It costs one
 * normalisation per insert and per query.
 */
const SPACE = 'cosine';
/*
 * Parameters, measured here with hnswlib-node on 384-dimensional vectors (2 shared cores), recall@10 against brute
 * force. Text embeddings have a low intrinsic dimension ("low-rank" below); uniformly random directions are the
 * worst case. Query time stays under ~1 ms either way, noise next to the 10+ ms the model needs to embed a
 * query, so the settings favour recall.
 *                     M=16 ef=100   M=32 ef=100   M=32 ef=200
 *   low-rank  10k       1.000         1.000         1.000  (0.7 ms)
 *   uniform    2k       0.914         0.992         1.000  (0.45 ms)
 *   uniform   10k       0.548         0.756         0.922  (2.3 ms)
 */
/** Graph links per node: 32 rather than the common 16 because it lifts worst-case recall a lot (table) for ~10% build time and 128 more bytes per vector. */
export const M = 32;
/** Build-time beam width. Builds are rare (seed or model change): ~0.05 s for the 300 seed units, ~7 s for 10k vectors. */
export const EF_CONSTRUCTION = 200;
/** Query-time beam width, the recall/latency knob (hnswlib's ef; raised to k for larger requests, as hnswlib needs ef ≥ k). */
export const EF_SEARCH = 200;
/** Fixed level-assignment seed: the same vectors always give the same graph and the same index file. */
const RANDOM_SEED = 100;
/**
 * A filter allowing this many vectors or fewer is answered by an exact scan of those vectors (well under a
 * millisecond at 384 dimensions): exact, and a graph search would anyway have to wade through mostly
 * rejected neighbours to find k allowed ones.
 */
const EXACT_SCAN_MAX = 2000;
const FORMAT = 'dense-index/1';
/**
 * The similarity profile of a query (mean and spread of its similarity to the corpus) is estimated on this many
 * stored points, spread evenly over the index: exact up to this size, a fixed sample beyond it (≈ 0.1 ms).
 */
export const PROFILE_SAMPLE = 512;

export interface DenseIndexParams {
  /** Needed only when building from zero vectors. */
  dimension?: number;
  m?: number;
  efConstruction?: number;
  efSearch?: number;
}

export interface DenseHit {
  key: string;
  /** Cosine similarity, higher is better (1 = same direction): a unit with windows scores by its best one. */
  score: number;
}

/** One vector for a unit, or one per window of a unit longer than the model's input. */
export type UnitVectors = number[] | number[][];

/** How a query's similarities to the corpus are spread: what a hit must stand out from. */
export interface SimilarityProfile {
  mean: number;
  sd: number;
}

function windowsOf(v: UnitVectors): number[][] {
  return Array.isArray(v[0]) ? (v as number[][]) : [v as number[]];
}

/** Written beside the hnswlib file: hnswlib cannot tell a truncated or foreign file from a good one (it may crash), so we check first. */
interface Sidecar {
  format: typeof FORMAT;
  space: typeof SPACE;
  dimension: number;
  count: number;
  m: number;
  efConstruction: number;
  efSearch: number;
  /** sha256 of the hnswlib file. */
  sha256: string;
  /**
   * keys[label]: the unit key stored under each hnswlib label (a unit embedded as windows has one label per window);
   * null for a point deleted when its unit went.
   */
  keys: (string | null)[];
}

export class DenseIndexError extends Error {
  override name = 'DenseIndexError';
}

export function sidecarPath(indexPath: string): string {
  return `${indexPath}.meta.json`;
}

function checkVector(v: readonly number[], dimension: number, what: string): void {
  if (v.length !== dimension) throw new DenseIndexError(`${what} has ${v.length} dimensions, the index has ${dimension}`);
  let norm = 0;
  for (const x of v) {
    if (!Number.isFinite(x)) throw new DenseIndexError(`${what} contains a non-finite value`);
    norm += x * x;
  }
  if (norm === 0) throw new DenseIndexError(`${what} is all zeros and has no direction`);
}

function parseSidecar(raw: string, file: string): Sidecar {
  let s: Partial<Sidecar>;
  try {
    s = JSON.parse(raw) as Partial<Sidecar>;
  } catch {
    throw new DenseIndexError(`${file} is not valid JSON`);
  }
  const ok =
    s.format === FORMAT &&
    s.space === SPACE &&
    [s.dimension, s.m, s.efConstruction, s.efSearch].every((n) => Number.isInteger(n) && (n as number) > 0) &&
    Number.isInteger(s.count) &&
    (s.count as number) >= 0 &&
    typeof s.sha256 === 'string' &&
    Array.isArray(s.keys) &&
    s.keys.every((k) => typeof k === 'string' || k === null);
  if (!ok) throw new DenseIndexError(`${file} is not a ${FORMAT} description`);
  return s as Sidecar;
}

/** HNSW over unit vectors with string keys; search scores are cosine similarities. */
export class DenseIndex {
  /** Labels of each unit's points (one, or one per window). */
  private readonly labels = new Map<string, number[]>();
  /** The stored vectors the similarity profile is estimated on, row-major, built on first use. */
  private sample: Float32Array | null = null;
  private livePoints = 0;

  private constructor(
    private readonly index: Hnsw,
    private readonly keys: (string | null)[],
    readonly dimension: number,
    private readonly params: Required<Omit<DenseIndexParams, 'dimension'>>,
  ) {
    keys.forEach((key, label) => {
      if (key !== null) this.addLabel(key, label);
    });
  }

  private addLabel(key: string, label: number): void {
    const labels = this.labels.get(key);
    if (labels) labels.push(label);
    else this.labels.set(key, [label]);
    this.livePoints++;
  }

  /** Units in the corpus (points of removed units are deleted, not counted). */
  get size(): number {
    return this.labels.size;
  }

  /** Stored points of live units: more than `size` when some units are embedded as windows. */
  get points(): number {
    return this.livePoints;
  }

  /** Units embedded as more than one window. */
  get windowedUnits(): number {
    let n = 0;
    for (const labels of this.labels.values()) if (labels.length > 1) n++;
    return n;
  }

  /** The unit keys it holds, to check them against the corpus. */
  unitKeys(): string[] {
    return [...this.labels.keys()];
  }

  /**
   * Deletes the points of the units `remove` selects (hnswlib marks them deleted: searches skip them) and adds
   * `vectors` under `keys`: an update costs the changed units only, not a rebuild.
   */
  update(remove: (key: string) => boolean, vectors: readonly UnitVectors[], keys: readonly string[]): this {
    if (vectors.length !== keys.length) throw new DenseIndexError(`${vectors.length} vectors but ${keys.length} keys`);
    for (const [key, labels] of [...this.labels]) {
      if (!remove(key)) continue;
      for (const label of labels) {
        this.index.markDelete(label);
        this.keys[label] = null;
      }
      this.livePoints -= labels.length;
      this.labels.delete(key);
    }
    if (keys.some((k) => this.labels.has(k)) || new Set(keys).size !== keys.length) throw new DenseIndexError('keys are not unique');
    const added = vectors.reduce((n, v) => n + windowsOf(v).length, 0);
    if (added) this.index.resizeIndex(Math.max(this.index.getMaxElements(), this.keys.length + added));
    vectors.forEach((v, i) => {
      const key = keys[i]!;
      for (const w of windowsOf(v)) {
        checkVector(w, this.dimension, `vector for ${key}`);
        this.index.addPoint(w, this.keys.length);
        this.addLabel(key, this.keys.length);
        this.keys.push(key);
      }
    });
    this.sample = null;
    return this;
  }

  /** The beam width searches use by default (hnswlib's own ef), e.g. to confirm a loaded index kept it. */
  get ef(): number {
    return this.index.getEf();
  }

  /** `vectors[i]` is unit `keys[i]`'s vector, or its windows' vectors. */
  static build(vectors: readonly UnitVectors[], keys: string[], params: DenseIndexParams = {}): DenseIndex {
    if (vectors.length !== keys.length) throw new DenseIndexError(`${vectors.length} vectors but ${keys.length} keys`);
    if (new Set(keys).size !== keys.length) throw new DenseIndexError('keys are not unique');
    const dimension = (vectors[0] ? windowsOf(vectors[0])[0]?.length : undefined) ?? params.dimension;
    if (!dimension) throw new DenseIndexError('cannot tell the dimension of an empty index: pass params.dimension');
    const full = { m: params.m ?? M, efConstruction: params.efConstruction ?? EF_CONSTRUCTION, efSearch: params.efSearch ?? EF_SEARCH };
    const points = vectors.flatMap((v, i) => windowsOf(v).map((w) => ({ key: keys[i]!, vector: w })));
    const index = new HierarchicalNSW(SPACE, dimension);
    // hnswlib rejects a capacity of 0, and an empty corpus is legitimate (all documents removed).
    index.initIndex({ maxElements: Math.max(1, points.length), m: full.m, efConstruction: full.efConstruction, randomSeed: RANDOM_SEED });
    points.forEach(({ key, vector }, label) => {
      checkVector(vector, dimension, `vector for ${key}`);
      index.addPoint(vector, label);
    });
    index.setEf(full.efSearch);
    return new DenseIndex(
      index,
      points.map((p) => p.key),
      dimension,
      full,
    );
  }

  /**
   * The k nearest keys, best first, each unit once (by its best window). With a filter, still up to k results
   * however few keys it allows: small allowed sets are scanned exactly; larger ones use the graph with a beam
   * widened in proportion to how much the filter rejects, and fall back to the exact scan if the graph still comes
   * up short.
   */
  search(vector: number[], k: number, filter?: (key: string) => boolean): DenseHit[] {
    checkVector(vector, this.dimension, 'query vector');
    if (k <= 0 || this.size === 0) return [];
    if (!filter) return this.unitSearch(vector, Math.min(k, this.size), this.points);

    const allowed: number[] = [];
    let units = 0;
    for (const [key, labels] of this.labels) {
      if (!filter(key)) continue;
      allowed.push(...labels);
      units++;
    }
    const want = Math.min(k, units);
    if (want === 0) return [];
    if (allowed.length <= EXACT_SCAN_MAX) return this.exactSearch(vector, allowed, want);
    const allowedSet = new Set(allowed);
    const hits = this.unitSearch(vector, want, allowed.length, (label) => allowedSet.has(label));
    return hits.length >= want ? hits : this.exactSearch(vector, allowed, want);
  }

  /**
   * Mean and standard deviation of the query's cosine similarity to the stored points (all of them up to
   * PROFILE_SAMPLE, an even sample beyond): how similar an unrelated unit is, so a hit can be judged by how far
   * it stands out rather than by a raw cosine, whose scale differs from model to model.
   */
  profile(vector: number[]): SimilarityProfile {
    const sample = this.profileSample();
    const n = sample.length / this.dimension;
    if (n === 0) return { mean: 0, sd: 0 };
    const norm = Math.hypot(...vector) || 1;
    let sum = 0;
    let squares = 0;
    for (let row = 0; row < n; row++) {
      let dot = 0;
      const at = row * this.dimension;
      for (let i = 0; i < this.dimension; i++) dot += sample[at + i]! * vector[i]!;
      const sim = dot / norm;
      sum += sim;
      squares += sim * sim;
    }
    const mean = sum / n;
    return { mean, sd: Math.sqrt(Math.max(0, squares / n - mean * mean)) };
  }

  /** Writes the hnswlib file and its description atomically; returns their checksums for the manifest. */
  async save(path: string): Promise<{ sha256: string; sidecarSha256: string }> {
    let digest = '';
    await atomicWriteWith(path, async (tmp) => {
      await this.index.writeIndex(tmp);
      digest = sha256(await readFile(tmp));
    });
    const sidecar: Sidecar = {
      format: FORMAT,
      space: SPACE,
      dimension: this.dimension,
      count: this.keys.length,
      ...this.params,
      sha256: digest,
      keys: [...this.keys],
    };
    const text = JSON.stringify(sidecar);
    await atomicWrite(sidecarPath(path), text);
    return { sha256: digest, sidecarSha256: sha256(text) };
  }

  /**
   * Throws DenseIndexError, naming the file and the reason, unless the files verify and match `expected`
   * (with `sidecarSha256`, the manifest's checksum of the description: edited keys are then a mismatch).
   */
  static async load(path: string, expected: { dimension: number; count: number; sidecarSha256?: string }): Promise<DenseIndex> {
    const metaFile = sidecarPath(path);
    const raw = await readFile(metaFile, 'utf8').catch(() => {
      throw new DenseIndexError(`dense index description ${metaFile} is missing or unreadable`);
    });
    if (expected.sidecarSha256 !== undefined && sha256(raw) !== expected.sidecarSha256) {
      throw new DenseIndexError(`dense index description ${metaFile} does not match the manifest's checksum`);
    }
    const meta = parseSidecar(raw, metaFile);
    if (meta.dimension !== expected.dimension) {
      throw new DenseIndexError(`dense index ${path} has dimension ${meta.dimension}, the model gives ${expected.dimension}`);
    }
    const live = meta.keys.filter((k) => k !== null);
    const units = new Set(live).size;
    if (meta.keys.length !== meta.count || units !== expected.count) {
      const held = units === live.length ? `${units} vectors` : `${live.length} vectors of ${units} units`;
      throw new DenseIndexError(`dense index ${path} holds ${held}, the corpus has ${expected.count} units`);
    }
    const bytes = await readFile(path).catch(() => {
      throw new DenseIndexError(`dense index file ${path} is missing or unreadable`);
    });
    if (sha256(bytes) !== meta.sha256) {
      throw new DenseIndexError(`dense index file ${path} does not match its checksum (truncated, corrupt or from another build)`);
    }
    const index = new HierarchicalNSW(SPACE, meta.dimension);
    try {
      await index.readIndex(path);
    } catch (err) {
      throw new DenseIndexError(`dense index file ${path} cannot be read: ${(err as Error).message}`);
    }
    if (index.getCurrentCount() !== meta.count) {
      throw new DenseIndexError(`dense index file ${path} changed while loading (holds ${index.getCurrentCount()} vectors, expected ${meta.count})`);
    }
    // readIndex resets ef to 10, which silently cuts recall.
    index.setEf(meta.efSearch);
    return new DenseIndex(index, meta.keys, meta.dimension, { m: meta.m, efConstruction: meta.efConstruction, efSearch: meta.efSearch });
  }

  private profileSample(): Float32Array {
    if (this.sample) return this.sample;
    const live = this.keys.flatMap((key, label) => (key === null ? [] : [label]));
    const step = Math.max(1, live.length / PROFILE_SAMPLE);
    const picked: number[] = [];
    for (let i = 0; i < live.length && picked.length < PROFILE_SAMPLE; i = Math.floor(picked.length * step)) picked.push(live[i]!);
    const sample = new Float32Array(picked.length * this.dimension);
    for (const [row, label] of picked.entries()) sample.set(this.index.getPoint(label), row * this.dimension);
    this.sample = sample;
    return sample;
  }

  /** One hit per unit (its best window) from a graph search deep enough to find `k` units. */
  private unitSearch(vector: number[], k: number, candidates: number, filter?: (label: number) => boolean): DenseHit[] {
    // Windows of one unit crowd the nearest points: ask for as many more points as there are extra windows, within reason.
    let depth = Math.min(candidates, k + Math.min(this.points - this.size, 3 * k));
    for (;;) {
      const hits = bestPerUnit(this.graphSearch(vector, depth, candidates, filter));
      if (hits.length >= k || depth >= candidates) return hits.slice(0, k);
      depth = Math.min(candidates, depth * 2);
    }
  }

  /** `candidates` is how many vectors the filter allows; the beam widens by the share it rejects. */
  private graphSearch(vector: number[], k: number, candidates: number, filter?: (label: number) => boolean): DenseHit[] {
    const ef = Math.max(this.params.efSearch, k, Math.ceil((k * this.points) / candidates));
    if (ef !== this.params.efSearch) this.index.setEf(ef);
    try {
      const { distances, neighbors } = this.index.searchKnn(vector, k, filter);
      return neighbors.map((label, i) => ({ key: this.keys[label]!, score: 1 - distances[i] })).sort((a, b) => b.score - a.score);
    } finally {
      if (ef !== this.params.efSearch) this.index.setEf(this.params.efSearch);
    }
  }

  private exactSearch(vector: number[], labels: number[], k: number): DenseHit[] {
    const norm = Math.hypot(...vector);
    const hits = labels.map((label) => {
      const stored = this.index.getPoint(label);
      let dot = 0;
      for (let i = 0; i < stored.length; i++) dot += stored[i] * vector[i];
      return { key: this.keys[label]!, score: dot / norm };
    });
    return bestPerUnit(hits.sort((a, b) => b.score - a.score)).slice(0, k);
  }
}

/** Hits sorted best first, each unit kept once: at its best window. */
function bestPerUnit(hits: DenseHit[]): DenseHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => !seen.has(h.key) && seen.add(h.key));
}
