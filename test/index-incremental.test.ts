/**
 * Incremental index updates on the real seeds: adding, changing or removing a document touches only that
 * document's units (tokenised, embedded) and gives the same search results as building from scratch; vectors
 * of texts seen before come from the cache; HNSW points of removed units are deleted.
 */
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadEmbedder } from '../embeddings/embedder.js';
import type { TextEmbedder } from '../embeddings/index.js';
import { loadCorpus } from '../retrieval/corpus/load-corpus.js';
import { loadOrBuildIndexes } from '../retrieval/index/index-store.js';
import { QueryAnalyzer } from '../retrieval/query/analyzer.js';
import { readGlossary } from '../retrieval/query/bridge/glossary.js';
import { Tokenizer } from '../retrieval/query/tokenize.js';

const WG = '002_fd7eaa732a510636';
const QUESTIONS = ['蓝心运动', '贩运人口问题工作组建议会员国建立什么数据库？', 'Bali Process', '偷运移民议定书缔约国', '2016年11月讲习班'];
const tokenizer = new Tokenizer();
let dir: string;
let seeds: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'incremental-'));
  seeds = join(dir, 'seeds');
  await cp('seeds', seeds, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(indexDir: string, embedder: TextEmbedder | null = null) {
  const corpus = await loadCorpus(seeds);
  return loadOrBuildIndexes({ indexDir, corpus, tokenizer, embedder });
}

async function results(indexDir: string) {
  const { keyword } = await open(indexDir);
  const analyzer = new QueryAnalyzer({ tokenizer, stats: keyword, glossary: readGlossary() });
  return QUESTIONS.map((q) => keyword.search(analyzer.analyze(q).groups, 10));
}

describe('keyword index', () => {
  it('adds a document by tokenising only its units, with the results of a full build', async () => {
    await rename(join(seeds, `${WG}.txt`), join(dir, `${WG}.txt`));
    const before = await open(join(dir, 'index'));
    await rename(join(dir, `${WG}.txt`), join(seeds, `${WG}.txt`));
    const after = await open(join(dir, 'index'));
    expect(after.events).toEqual([`Updating keyword index: document added: ${WG}.txt (50 units tokenised).`]);
    expect(after.keyword.size).toBe(before.keyword.size + 50);
    expect(await results(join(dir, 'index'))).toEqual(await results(join(dir, 'full')));
    expect((await open(join(dir, 'index'))).events).toEqual([expect.stringMatching(/^Loaded index/)]);
  });

  it('removes a document and updates a changed one, with the results of a full build', async () => {
    await open(join(dir, 'index'));
    await rm(join(seeds, '001_9a4ffc9ee25fcc75.txt'));
    const text = await readFile(join(seeds, '004_4f6752799c9842c0.txt'), 'utf8');
    await writeFile(join(seeds, '004_4f6752799c9842c0.txt'), text.replace('93. ', '93. 本段已修改。'));
    const after = await open(join(dir, 'index'));
    expect(after.events).toEqual([
      'Updating keyword index: document removed: 001_9a4ffc9ee25fcc75.txt, document changed: 004_4f6752799c9842c0.txt (93 units tokenised).',
    ]);
    expect(after.keyword.unitKeys().some((k) => k.startsWith('001_'))).toBe(false);
    expect(await results(join(dir, 'index'))).toEqual(await results(join(dir, 'full')));
  });
});

describe('dense index with the fixture model', () => {
  let embedder: TextEmbedder;
  let embedded = 0;
  beforeAll(async () => {
    const loaded = await loadEmbedder({ modelsDir: 'test/fixtures/models', model: 'tiny-random-bert', onProgress: null });
    if (!loaded.ok) throw new Error(loaded.problem);
    const real = loaded.embedder;
    // Counting what reaches the model: the real embedder does the work.
    embedder = {
      id: real.id,
      dimension: real.dimension,
      embedQuery: (t) => real.embedQuery(t),
      embedPassages: (t, p) => {
        embedded += t.length;
        return real.embedPassages(t, p);
      },
      dispose: () => real.dispose(),
    };
  });
  afterAll(async () => {
    await embedder?.dispose?.();
  });

  it('embeds only new units, takes re-added texts from the cache, and deletes the points of removed units', async () => {
    const indexDir = join(dir, 'index');
    const first = await open(indexDir, embedder);
    const total = first.keyword.size;
    expect(embedded).toBe(total);

    embedded = 0;
    await rename(join(seeds, `${WG}.txt`), join(dir, `${WG}.txt`));
    const removed = await open(indexDir, embedder);
    expect(embedded).toBe(0);
    expect(removed.dense!.size).toBe(total - 50);
    const probe = await embedder.embedQuery('建议 会员国 数据库');
    expect(removed.dense!.search(probe, total).some((h) => h.key.startsWith(WG))).toBe(false);

    await rename(join(dir, `${WG}.txt`), join(seeds, `${WG}.txt`));
    const readded = await open(indexDir, embedder);
    expect(embedded).toBe(0);
    expect(readded.events).toContain('Updating dense index: 50 units added (0 embedded, 50 from the cache).');
    expect(readded.dense!.size).toBe(total);

    await writeFile(join(seeds, 'extra.txt'), '一. 导言\n\n1. 这是一个新的文件，用于测试增量索引。\n\n2. 这是新文件的第二段。\n');
    const extra = await open(indexDir, embedder);
    expect(embedded).toBe(2);
    expect(extra.events).toContain('Updating dense index: 2 units added (2 embedded, 0 from the cache).');
    expect((await open(indexDir, embedder)).events).toEqual([expect.stringMatching(/^Loaded index .*dense tiny-random-bert/)]);
  });

  it('rebuilds when the sidecar keys are edited or swapped, never attributing a vector to the wrong unit', async () => {
    const indexDir = join(dir, 'index');
    await open(indexDir, embedder);
    const sidecar = join(indexDir, 'dense-tiny-random-bert.hnsw.meta.json');
    const meta = JSON.parse(await readFile(sidecar, 'utf8'));
    [meta.keys[0], meta.keys[1]] = [meta.keys[1], meta.keys[0]];
    await writeFile(sidecar, JSON.stringify(meta));
    embedded = 0;
    const swapped = await open(indexDir, embedder);
    expect(swapped.events.join('\n')).toMatch(/Dense index is unusable \(dense index description .* does not match the manifest's checksum\); rebuilding/);
    // The rebuild takes every vector from the cache: nothing is re-embedded.
    expect(embedded).toBe(0);
    const fixed = JSON.parse(await readFile(sidecar, 'utf8'));
    expect(fixed.keys.slice(0, 2)).toEqual([meta.keys[1], meta.keys[0]]);

    meta.keys[5] = 'nonexistent#p1';
    await writeFile(sidecar, JSON.stringify(meta));
    const edited = await open(indexDir, embedder);
    expect(edited.events.join('\n')).toMatch(/Dense index is unusable/);
    expect(edited.dense!.unitKeys()).not.toContain('nonexistent#p1');
  });
});
