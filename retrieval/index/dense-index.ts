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

export interface DenseIndexParams {
  /** Needed only when building from zero vectors. */
  dimension?: number;
  m?: number;
  efConstruction?: number;
  efSearch?: number;
}

export interface DenseHit {
  key: string;
  /** Cosine similarity, higher is better (1 = same direction). */
  score: number;
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
  /** keys[label]: the unit key stored under each hnswlib label; null for a point deleted when its unit went. */
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
  private constructor(
    private readonly index: Hnsw,
    private readonly keys: (string | null)[],
    readonly dimension: number,
    private readonly params: Required<Omit<DenseIndexParams, 'dimension'>>,
  ) {
    const live = keys.filter((k): k is string => k !== null);
    if (new Set(live).size !== live.length) throw new DenseIndexError('keys are not unique');
    this.live = live.length;
  }

  private live: number;

  /** Vectors of units in the corpus (points of removed units are deleted, not counted). */
  get size(): number {
    return this.live;
  }

  /** The unit keys it holds, to check them against the corpus. */
  unitKeys(): string[] {
    return this.keys.filter((k): k is string => k !== null);
  }

  /**
   * Deletes the points of the units `remove` selects (hnswlib marks them deleted: searches skip them) and adds
   * `vectors` under `keys`: an update costs the changed units only, not a rebuild.
   */
  update(remove: (key: string) => boolean, vectors: readonly number[][], keys: readonly string[]): this {
    if (vectors.length !== keys.length) throw new DenseIndexError(`${vectors.length} vectors but ${keys.length} keys`);
    this.keys.forEach((key, label) => {
      if (key !== null && remove(key)) {
        this.index.markDelete(label);
        this.keys[label] = null;
        this.live--;
      }
    });
    const present = new Set(this.unitKeys());
    if (keys.some((k) => present.has(k)) || new Set(keys).size !== keys.length) throw new DenseIndexError('keys are not unique');
    if (vectors.length) this.index.resizeIndex(Math.max(this.index.getMaxElements(), this.keys.length + vectors.length));
    vectors.forEach((v, i) => {
      checkVector(v, this.dimension, `vector for ${keys[i]}`);
      this.index.addPoint(v, this.keys.length);
      this.keys.push(keys[i]!);
      this.live++;
    });
    return this;
  }

  /** The beam width searches use by default (hnswlib's own ef), e.g. to confirm a loaded index kept it. */
  get ef(): number {
    return this.index.getEf();
  }

  static build(vectors: number[][], keys: string[], params: DenseIndexParams = {}): DenseIndex {
    if (vectors.length !== keys.length) throw new DenseIndexError(`${vectors.length} vectors but ${keys.length} keys`);
    if (new Set(keys).size !== keys.length) throw new DenseIndexError('keys are not unique');
    const dimension = vectors[0]?.length ?? params.dimension;
    if (!dimension) throw new DenseIndexError('cannot tell the dimension of an empty index: pass params.dimension');
    const full = { m: params.m ?? M, efConstruction: params.efConstruction ?? EF_CONSTRUCTION, efSearch: params.efSearch ?? EF_SEARCH };
    const index = new HierarchicalNSW(SPACE, dimension);
    // hnswlib rejects a capacity of 0, and an empty corpus is legitimate (all documents removed).
    index.initIndex({ maxElements: Math.max(1, vectors.length), m: full.m, efConstruction: full.efConstruction, randomSeed: RANDOM_SEED });
    vectors.forEach((v, label) => {
      checkVector(v, dimension, `vector for ${keys[label]}`);
      index.addPoint(v, label);
    });
    index.setEf(full.efSearch);
    return new DenseIndex(index, [...keys], dimension, full);
  }

  /**
   * The k nearest keys, best first. With a filter, still up to k results however few keys it allows: small
   * allowed sets are scanned exactly; larger ones use the graph with a beam widened in proportion to how
   * much the filter rejects, and fall back to the exact scan if the graph still comes up short.
   */
  search(vector: number[], k: number, filter?: (key: string) => boolean): DenseHit[] {
    checkVector(vector, this.dimension, 'query vector');
    if (k <= 0 || this.size === 0) return [];
    if (!filter) return this.graphSearch(vector, Math.min(k, this.size), this.size);

    const allowed: number[] = [];
    this.keys.forEach((key, label) => {
      if (key !== null && filter(key)) allowed.push(label);
    });
    const want = Math.min(k, allowed.length);
    if (want === 0) return [];
    if (allowed.length <= EXACT_SCAN_MAX) return this.exactSearch(vector, allowed, want);
    const allowedSet = new Set(allowed);
    const hits = this.graphSearch(vector, want, allowed.length, (label) => allowedSet.has(label));
    return hits.length >= want ? hits : this.exactSearch(vector, allowed, want);
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
    const live = meta.keys.filter((k) => k !== null).length;
    if (meta.keys.length !== meta.count || live !== expected.count) {
      throw new DenseIndexError(`dense index ${path} holds ${live} vectors, the corpus has ${expected.count} units`);
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

  /** `candidates` is how many vectors the filter allows; the beam widens by the share it rejects. */
  private graphSearch(vector: number[], k: number, candidates: number, filter?: (label: number) => boolean): DenseHit[] {
    const ef = Math.max(this.params.efSearch, k, Math.ceil((k * this.size) / candidates));
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
    return labels
      .map((label) => {
        const stored = this.index.getPoint(label);
        let dot = 0;
        for (let i = 0; i < stored.length; i++) dot += stored[i] * vector[i];
        return { key: this.keys[label]!, score: dot / norm };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
  }
}
