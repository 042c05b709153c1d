import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Corpus } from '../retrieval/corpus/load-corpus.js';
import { corpusUnits, loadOrBuildIndexes, MANIFEST_FILE } from '../retrieval/index/index-store.js';
import type { Manifest } from '../retrieval/index/manifest.js';
import { QueryAnalyzer } from '../retrieval/query/analyzer.js';
import { readGlossary } from '../retrieval/query/bridge/glossary.js';
import { Tokenizer } from '../retrieval/query/tokenize.js';
import { type Percentiles, summarize } from './percentiles.js';

export interface KeywordScale {
  n: number;
  /** loadOrBuildIndexes on an empty folder: tokenizing, postings, serialising, writing. */
  build_s: number;
  units_per_s: number;
  file_mb: number;
  /** JS heap a loaded index holds (texts included), per unit; null without gc() to measure it. */
  heap_bytes_per_unit: number | null;
  /** loadOrBuildIndexes on the built folder: read, checksum, parse, rebuild the bigram postings. */
  load_s: number;
  /** Query analysis + BM25 top 50, as the engine runs it. */
  query_ms: Percentiles;
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/** `gc` (from --expose-gc) makes the heap figure meaningful; without it the figure is left out. */
export async function benchKeywordScale(corpus: Corpus, questions: readonly string[], dir: string, gc: (() => void) | null): Promise<KeywordScale> {
  const n = corpusUnits(corpus).length;
  const tokenizer = new Tokenizer();
  const opts = { indexDir: dir, corpus, tokenizer, embedder: null };
  let start = performance.now();
  await loadOrBuildIndexes(opts);
  const buildS = seconds(start);

  start = performance.now();
  const { keyword } = await loadOrBuildIndexes({ ...opts, readOnly: true });
  const loadS = seconds(start);
  // What one more loaded copy adds to the heap: unlike a before/after difference, blind to whatever the
  // build left behind.
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const copy = await loadOrBuildIndexes({ ...opts, readOnly: true });
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  if (copy.keyword.size !== n) throw new Error('keyword index copy did not load');

  const analyzer = new QueryAnalyzer({ tokenizer, stats: keyword, glossary: readGlossary() });
  for (const q of questions.slice(0, 20)) keyword.search(analyzer.analyze(q).groups, 50);
  const times = questions.map((q) => {
    const t = performance.now();
    keyword.search(analyzer.analyze(q).groups, 50);
    return performance.now() - t;
  });
  const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
  return {
    n,
    build_s: buildS,
    units_per_s: n / buildS,
    file_mb: (await stat(join(dir, manifest.keyword.file))).size / 2 ** 20,
    heap_bytes_per_unit: gc ? (heapAfter - heapBefore) / n : null,
    load_s: loadS,
    query_ms: summarize(times),
  };
}
