import type { TextEmbedder } from './text-embedder.js';

/**
 * A TEST AND BENCHMARK TOOL, never a model for users: a deterministic embedder whose vectors carry real lexical
 * signal, so fusion can be tested with a dense side that is informative but not the keyword index over again.
 * A text becomes its character n-grams (CJK characters 1–3 at a time, Latin words whole and as trigrams), each
 * weighted by 1 + log(tf), hashed with a sign into `dimension` buckets (feature hashing: a random projection of
 * the sparse n-gram vector) and L2-normalised. It differs from BM25 on purpose: no word segmentation, no idf, no
 * length normalisation, no English→Chinese bridge, and hash collisions blur it; English questions over Chinese
 * paragraphs find nothing in it. Beside the random-weight fixture (uninformative), it is the informative case.
 */
export const HASHED_NGRAM_MODEL = 'test/hashed-ngrams';
export const HASHED_NGRAM_DIMENSION = 384;

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const LATIN_WORD = /[a-z0-9]+/g;
/** Longer n-grams say more than single characters, which every Chinese paragraph shares. */
const NGRAM_WEIGHT = [0, 0.5, 1, 1];

/** FNV-1a, 32 bits: stable across runs and platforms. */
function fnv1a(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function ngrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (gram: string, n: number) => counts.set(`${n}:${gram}`, (counts.get(`${n}:${gram}`) ?? 0) + 1);
  const folded = text.normalize('NFKC').toLowerCase();
  for (const [run] of folded.matchAll(CJK_RUN)) {
    for (let n = 1; n <= 3; n++) for (let i = 0; i + n <= run.length; i++) add(run.slice(i, i + n), n);
  }
  for (const [word] of folded.matchAll(LATIN_WORD)) {
    add(word, 3);
    const padded = `#${word}#`;
    for (let i = 0; i + 3 <= padded.length; i++) add(padded.slice(i, i + 3), 2);
  }
  return counts;
}

export function hashedNgramVector(text: string, dimension = HASHED_NGRAM_DIMENSION): number[] {
  const v = new Float64Array(dimension);
  for (const [gram, tf] of ngrams(text)) {
    const n = Number(gram[0]);
    const h = fnv1a(gram, 0);
    const sign = fnv1a(gram, 0x9e3779b9) & 1 ? 1 : -1;
    v[h % dimension]! += sign * NGRAM_WEIGHT[n]! * (1 + Math.log(tf));
  }
  const norm = Math.hypot(...v);
  // A text without any letter or ideograph still needs a direction: the index refuses zero vectors.
  if (norm === 0) {
    v[0] = 1;
    return Array.from(v);
  }
  return Array.from(v, (x) => x / norm);
}

export class HashedNgramEmbedder implements TextEmbedder {
  readonly id = HASHED_NGRAM_MODEL;
  readonly dimension = HASHED_NGRAM_DIMENSION;

  async embedPassages(texts: string[], onProgress?: (done: number, total: number) => void): Promise<number[][]> {
    onProgress?.(0, texts.length);
    const out = texts.map((t) => hashedNgramVector(t, this.dimension));
    onProgress?.(texts.length, texts.length);
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    return hashedNgramVector(text, this.dimension);
  }

  async dispose(): Promise<void> {}
}
