import { cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Corpus, loadCorpus } from '../retrieval/corpus/load-corpus.js';
import { addDocument } from '../retrieval/corpus/manage.js';
import { ParseCache } from '../retrieval/corpus/parse-cache.js';
import { buildIndexes, PARSE_CACHE_DIR } from '../retrieval/engine.js';
import { loadOrBuildIndexes, MANIFEST_FILE } from '../retrieval/index/index-store.js';
import type { Manifest } from '../retrieval/index/manifest.js';
import { QueryAnalyzer } from '../retrieval/query/analyzer.js';
import { readGlossary } from '../retrieval/query/bridge/glossary.js';
import { Tokenizer } from '../retrieval/query/tokenize.js';
import { type Percentiles, summarize } from './percentiles.js';

export interface KeywordScale {
  n: number;
  /** `npm run index` on the document files: parsing, tokenizing, postings, writing. */
  build_s: number;
  units_per_s: number;
  file_mb: number;
  /** JS heap a loaded index holds (texts included), per unit; null without gc() to measure it. */
  heap_bytes_per_unit: number | null;
  /** Loading the built keyword index (read, checksum, section views): what a start-up pays. */
  load_s: number;
  /** Query analysis + BM25 top 50, as the engine runs it. */
  query_ms: Percentiles;
  /** `npm run add` of one more document (copy, metadata, parse it, incremental index update), in process. */
  add_s: number;
  /** Units the add tokenised: only the new document's. */
  add_units: number;
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/** The synthetic documents as the text files a user would have: numbered paragraphs, one per line. */
async function writeDocuments(corpus: Corpus, seedsDir: string): Promise<void> {
  await mkdir(seedsDir, { recursive: true });
  for (const d of corpus.documents) {
    await writeFile(
      join(seedsDir, `${d.meta.source}.txt`),
      `一. 正文\n${d.units.map((u) => `${u.paragraph}. ${u.text.replace(/\s*\n\s*/g, '')}`).join('\n')}\n`,
    );
  }
}

/** `gc` (from --expose-gc) makes the heap figure meaningful; without it the figure is left out. `addFile` is the document added. */
export async function benchKeywordScale(
  corpus: Corpus,
  questions: readonly string[],
  dir: string,
  gc: (() => void) | null,
  addFile: string,
): Promise<KeywordScale> {
  const seedsDir = join(dir, 'seeds');
  const indexDir = join(dir, 'index');
  await writeDocuments(corpus, seedsDir);
  const quiet = { seedsDir, indexDir, embeddings: 'off' as const, log: () => {} };
  let start = performance.now();
  const built = await buildIndexes(quiet);
  const buildS = seconds(start);
  const n = built.units;

  const tokenizer = new Tokenizer();
  const files = await loadCorpus(seedsDir, { cache: new ParseCache(join(indexDir, PARSE_CACHE_DIR), true) });
  const opts = { indexDir, corpus: files, tokenizer, embedder: null, readOnly: true };
  start = performance.now();
  const { keyword } = await loadOrBuildIndexes(opts);
  const loadS = seconds(start);
  // What one more loaded copy adds to the heap: unlike a before/after difference, blind to whatever the
  // build left behind.
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const copy = await loadOrBuildIndexes(opts);
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
  const manifest = JSON.parse(await readFile(join(indexDir, MANIFEST_FILE), 'utf8')) as Manifest;
  const fileMb = (await stat(join(indexDir, manifest.keyword.file))).size / 2 ** 20;

  const incoming = join(dir, `added-${basename(addFile)}`);
  await cp(addFile, incoming);
  start = performance.now();
  await addDocument({ seedsDir, file: incoming, title: { zh: 'bench', en: 'bench' } });
  const after = await buildIndexes(quiet);
  const addS = seconds(start);
  return {
    n,
    build_s: buildS,
    units_per_s: n / buildS,
    file_mb: fileMb,
    heap_bytes_per_unit: gc ? (heapAfter - heapBefore) / n : null,
    load_s: loadS,
    query_ms: summarize(times),
    add_s: addS,
    add_units: after.units - n,
  };
}
